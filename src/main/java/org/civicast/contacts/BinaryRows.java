package org.civicast.contacts;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in {@code COPY}'s binary format, gathered in one growing byte array: each value as its
 * length and its bytes, numbers as eight raw bytes. PostgreSQL then neither parses digits nor
 * scans text for escapes, and no line of text is built character by character first.
 */
final class BinaryRows {
    /** What opens every binary COPY stream: the signature, no flags, no header extension. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** What closes one: a row of -1 fields. */
    static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    private static final int TEXT_OID = 25;

    private byte[] bytes = new byte[96 * 1024];
    private int size;
    private int arrayAt = -1;
    private boolean arrayHasNull;

    int size() {
        return size;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
        size = 0;
    }

    void row(int fields) {
        room(2);
        bytes[size++] = (byte) (fields >>> 8);
        bytes[size++] = (byte) fields;
    }

    void int4(int value) {
        room(8);
        put4(4);
        put4(value);
    }

    void int8(long value) {
        room(12);
        put4(8);
        put4((int) (value >>> 32));
        put4((int) value);
    }

    /** A text value, or SQL null; NUL, which PostgreSQL text cannot hold, is dropped. */
    void text(String value) {
        if (value == null) {
            room(4);
            put4(-1);
            if (arrayAt >= 0) arrayHasNull = true;
            return;
        }
        if (value.indexOf(0) >= 0) value = value.replace("\0", "");
        // The JDK's own encoder: for the usual ASCII value, one vectorised check and one copy.
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        room(4 + utf8.length);
        put4(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    /** Opens a one-dimensional text array of {@code length} elements, each then given to {@link #text}. */
    void startTextArray(int length) {
        room(24);
        arrayAt = size;
        arrayHasNull = false;
        size += 4; // the array's length in bytes, known at its end
        put4(1); // dimensions
        put4(0); // has nulls, known at its end
        put4(TEXT_OID);
        put4(length);
        put4(1); // lower bound
    }

    void endArray() {
        patch(arrayAt, size - arrayAt - 4);
        if (arrayHasNull) patch(arrayAt + 8, 1);
        arrayAt = -1;
    }

    private void room(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }

    private void put4(int value) {
        patch(size, value);
        size += 4;
    }

    private void patch(int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
