package org.civicast.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.civicast.platform.config.StorageSettings;

/**
 * Files kept by key, for any feature: imported media now, exports and attachments later. Keys
 * are relative paths of letters, digits, {@code . _ -} and {@code /} (see {@link ObjectKeys}). An
 * object is written whole or not at all: a reader never sees half of one under its key, even
 * after a crash in the middle of writing it. Contents are streamed both ways, never held in memory.
 */
public interface ObjectStorage {

    /** Stores {@code length} bytes read from {@code content} under {@code key}, replacing any object there. */
    void put(String key, InputStream content, long length, String contentType) throws IOException;

    /** The object under {@code key}, open for reading (the caller closes it), or empty when there is none. */
    Optional<StoredObject> open(String key) throws IOException;

    /** Removes the object; nothing happens when there is none. */
    void delete(String key) throws IOException;

    boolean exists(String key) throws IOException;

    default void put(String key, Path file, String contentType) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            put(key, in, Files.size(file), contentType);
        }
    }

    /** The storage the operator configured; a local directory that cannot be made stops the start. */
    static ObjectStorage configured(StorageSettings settings) {
        return switch (settings.kind()) {
            case LOCAL -> LocalStorage.at(settings.dir());
            case S3 -> S3Storage.of(settings);
        };
    }
}
