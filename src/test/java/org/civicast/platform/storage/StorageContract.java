package org.civicast.platform.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ObjectStorage} promises, run against each implementation by a subclass: keys
 * that cannot escape, objects written whole or not at all, missing keys as empty answers, and
 * objects far larger than the heap streamed through.
 */
abstract class StorageContract {
    /** The storage under test; each test uses keys of its own. */
    abstract ObjectStorage storage();

    /** The command-line arguments that let {@link LargeObjectChild} build the same storage. */
    abstract List<String> childArguments(Path scratch);

    private static String key(String name) {
        return "contract/" + UUID.randomUUID() + "/" + name;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void put(String key, byte[] bytes, String type) throws IOException {
        storage().put(key, new ByteArrayInputStream(bytes), bytes.length, type);
    }

    private byte[] read(String key) throws IOException {
        try (StoredObject object = storage().open(key).orElseThrow()) {
            return object.content().readAllBytes();
        }
    }

    @Test
    void anObjectReadsBackWithItsLengthAndContentType() throws IOException {
        String key = key("photo.jpg");
        byte[] bytes = text("not really a photo");
        put(key, bytes, "image/jpeg");
        assertTrue(storage().exists(key));
        try (StoredObject object = storage().open(key).orElseThrow()) {
            assertEquals(bytes.length, object.length());
            assertEquals("image/jpeg", object.contentType());
            assertArrayEquals(bytes, object.content().readAllBytes());
        }
    }

    @Test
    void aMissingKeyIsEmptyNotAnError() throws IOException {
        String key = key("never-written.png");
        assertEquals(Optional.empty(), storage().open(key));
        assertFalse(storage().exists(key));
        storage().delete(key);
    }

    @Test
    void putReplacesAndDeleteRemoves() throws IOException {
        String key = key("notes.txt");
        put(key, text("first"), "text/plain");
        put(key, text("second, longer"), "text/vcard");
        assertArrayEquals(text("second, longer"), read(key));
        assertEquals("text/vcard", storage().open(key).orElseThrow().contentType());
        storage().delete(key);
        assertFalse(storage().exists(key));
        assertEquals(Optional.empty(), storage().open(key));
    }

    @Test
    void keysThatCouldEscapeAreRefused() {
        for (String bad : List.of("../outside", "/etc/passwd", "a/../../b", "a//b", ".hidden", "a/.types/x", "",
                "trailing/", "back\\slash", "a/b/..")) {
            assertThrows(IllegalArgumentException.class, () -> put(bad, text("x"), "text/plain"), bad);
            assertThrows(IllegalArgumentException.class, () -> storage().open(bad), bad);
        }
    }

    @Test
    void aWriteThatBreaksOffLeavesTheKeyAsItWas() throws IOException {
        String key = key("kept.bin");
        put(key, text("the original"), "application/octet-stream");
        InputStream breaking = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 200_000) return 'x';
                throw new IOException("the source went away");
            }
        };
        assertThrows(IOException.class, () -> storage().put(key, breaking, 1_000_000, "application/octet-stream"));
        assertArrayEquals(text("the original"), read(key), "the old object stays whole");

        String fresh = key("never-whole.bin");
        assertThrows(IOException.class, () -> storage().put(fresh, new ByteArrayInputStream(text("short")), 100,
                "application/octet-stream"));
        assertFalse(storage().exists(fresh), "a short stream leaves nothing under its key");
    }

    /** In a JVM with a 64 MB heap, 192 MB go in and come back out byte for byte. */
    @Test
    void objectsLargerThanTheHeapAreStreamed(@TempDir Path scratch) throws Exception {
        Files.createDirectories(scratch);
        LargeObjectChild.Result result = LargeObjectChild.run(childArguments(scratch), 192L << 20, "64m");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("OK 201326592 bytes"), result.output());
    }
}
