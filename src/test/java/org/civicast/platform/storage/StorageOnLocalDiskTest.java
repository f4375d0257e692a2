package org.civicast.platform.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.civicast.platform.config.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on a local directory, and how its files lie on disk. */
class StorageOnLocalDiskTest extends StorageContract {
    @TempDir
    Path root;
    LocalStorage storage;

    @BeforeEach
    void open() {
        storage = LocalStorage.at(root);
    }

    @Override
    ObjectStorage storage() {
        return storage;
    }

    @Override
    List<String> childArguments(Path scratch) {
        return List.of("local", scratch.toString());
    }

    @Test
    void anObjectIsAPlainFileAtItsKeyAndNothingIsLeftBehind() throws IOException {
        byte[] bytes = "BEGIN:VCARD".getBytes(StandardCharsets.UTF_8);
        storage.put("media/org_1/med_1/card.vcf", new ByteArrayInputStream(bytes), bytes.length, "text/vcard");
        assertEquals("BEGIN:VCARD", Files.readString(root.resolve("media/org_1/med_1/card.vcf")));
        try (Stream<Path> partial = Files.list(root.resolve(".partial"))) {
            assertEquals(0, partial.count(), "no part of a write stays behind");
        }
        storage.delete("media/org_1/med_1/card.vcf");
        assertTrue(Files.notExists(root.resolve("media")), "emptied folders go with the last object");
    }

    @Test
    void aDirectoryThatCannotBeMadeStopsTheStartNamingTheSetting() throws IOException {
        Path file = Files.writeString(root.resolve("a-file"), "x");
        ConfigException e = assertThrows(ConfigException.class, () -> LocalStorage.at(file.resolve("objects")));
        assertTrue(e.getMessage().startsWith("CIVICAST_STORAGE_DIR"), e.getMessage());
    }
}
