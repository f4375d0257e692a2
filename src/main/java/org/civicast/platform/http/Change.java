package org.civicast.platform.http;

import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a request says about one property: nothing (keep what is stored), or a value, which for a
 * nullable property may be null (clear it). A PATCH needs the difference; a plain null loses it.
 */
public final class Change<T> {
    private static final Change<?> KEEP = new Change<>(false, null);

    private final boolean sent;
    private final T value;

    private Change(boolean sent, T value) {
        this.sent = sent;
        this.value = value;
    }

    /** The property was left out. */
    @SuppressWarnings("unchecked")
    public static <T> Change<T> keep() {
        return (Change<T>) KEEP;
    }

    /** The property was sent with this value; null clears. */
    public static <T> Change<T> to(T value) {
        return new Change<>(true, value);
    }

    public static Change<String> string(Body body, String name) {
        return body.has(name) ? to(body.string(name)) : keep();
    }

    public static Change<Integer> integer(Body body, String name) {
        return body.has(name) ? to(body.integer(name)) : keep();
    }

    public static Change<Boolean> bool(Body body, String name) {
        return body.has(name) ? to(body.bool(name)) : keep();
    }

    /** True when none of these properties was sent: a PATCH that changes nothing. */
    public static boolean none(Change<?>... changes) {
        return Stream.of(changes).noneMatch(Change::sent);
    }

    public boolean sent() {
        return sent;
    }

    /** The value sent, or {@code current} when nothing was. */
    public T or(T current) {
        return sent ? value : current;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Change<?> c && c.sent == sent && Objects.equals(c.value, value);
    }

    @Override
    public int hashCode() {
        return sent ? Objects.hashCode(value) : -1;
    }

    @Override
    public String toString() {
        return sent ? "to(" + value + ")" : "keep";
    }
}
