package org.civicast.platform.http;

/**
 * What a handler answers: a status and the value that goes in the envelope's {@code data}.
 * {@code remembered} is what an idempotent replay returns instead, for answers that carry a
 * secret the server must not keep. {@code lastModified}, when the handler knows it, answers
 * conditional GETs on surfaces that take them.
 */
public record Reply(int status, Object data, Object remembered, java.time.Instant lastModified) {
    public Reply(int status, Object data) {
        this(status, data, data, null);
    }

    public Reply(int status, Object data, Object remembered) {
        this(status, data, remembered, null);
    }

    /** The same answer, last changed at {@code when}. */
    public Reply modifiedAt(java.time.Instant when) {
        return new Reply(status, data, remembered, when);
    }

    public static Reply ok(Object data) {
        return new Reply(200, data);
    }

    public static Reply created(Object data) {
        return new Reply(201, data);
    }

    public static Reply accepted(Object data) {
        return new Reply(202, data);
    }

    /** An answer shown once in full; a replay gets {@code remembered} instead. */
    public Reply rememberedAs(Object remembered) {
        return new Reply(status, data, remembered);
    }
}
