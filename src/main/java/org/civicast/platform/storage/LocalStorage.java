package org.civicast.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.civicast.platform.config.ConfigException;

/**
 * Objects as plain files under one directory, a key being the file's relative path, so an
 * operator can back them up or copy them to a bucket as they are. A content type is kept in a
 * small file of the same path under {@code .types/}. Each file is written beside its place under
 * {@code .partial/}, flushed to disk, then moved into place in one step.
 */
public final class LocalStorage implements ObjectStorage {
    private static final String TYPES = ".types";
    private static final String PARTIAL = ".partial";
    private static final int BUFFER = 64 * 1024;

    private final Path root;

    private LocalStorage(Path root) {
        this.root = root;
    }

    /**
     * Storage under {@code root}, made if missing. A crash in the middle of a write leaves its
     * part under {@code .partial/}, never under a key; those are left for the operator to clear
     * while the server is stopped, since the admin command line may start beside a running server.
     */
    public static LocalStorage at(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir.resolve(PARTIAL));
            Files.createDirectories(dir.resolve(TYPES));
            Path probe = Files.createTempFile(dir.resolve(PARTIAL), "probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new ConfigException("CIVICAST_STORAGE_DIR: cannot write files in " + dir + ": " + e);
        }
        return new LocalStorage(dir);
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) throws IOException {
        Path target = file(key);
        Path data = Files.createTempFile(root.resolve(PARTIAL), "data-", ".tmp");
        Path type = Files.createTempFile(root.resolve(PARTIAL), "type-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
                copyExactly(content, Channels.newOutputStream(channel), length);
                channel.force(true);
            }
            Files.writeString(type, contentType, StandardCharsets.UTF_8);
            moveInto(type, root.resolve(TYPES).resolve(key));
            moveInto(data, target);
        } finally {
            Files.deleteIfExists(data);
            Files.deleteIfExists(type);
        }
    }

    @Override
    public Optional<StoredObject> open(String key) throws IOException {
        Path file = file(key);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        // The size of the file opened: a replacement moved in meanwhile is another file.
        long length = channel.size();
        return Optional.of(new StoredObject(Channels.newInputStream(channel), length, type(key)));
    }

    @Override
    public void delete(String key) throws IOException {
        Path file = file(key);
        Files.deleteIfExists(file);
        Path type = root.resolve(TYPES).resolve(key);
        Files.deleteIfExists(type);
        removeEmptyParents(file.getParent());
        removeEmptyParents(type.getParent());
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(file(key));
    }

    private Path file(String key) {
        Path file = root.resolve(ObjectKeys.check(key)).normalize();
        if (!file.startsWith(root) || file.equals(root)) throw new IllegalArgumentException("object key " + key);
        return file;
    }

    private String type(String key) throws IOException {
        try {
            return Files.readString(root.resolve(TYPES).resolve(key), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return "application/octet-stream";
        }
    }

    /** Moves a finished file into place, making its folders; a delete may remove an emptied folder meanwhile. */
    private static void moveInto(Path from, Path to) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(to.getParent());
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (NoSuchFileException e) {
                if (attempt == 3) throw e;
            }
        }
    }

    private void removeEmptyParents(Path dir) throws IOException {
        for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root) && !d.equals(root.resolve(TYPES));
             d = d.getParent()) {
            try {
                Files.deleteIfExists(d);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    /** Copies exactly {@code length} bytes, refusing a stream that is shorter or longer than it said. */
    private static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long copied = 0;
        while (copied < length) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
            if (n < 0) throw new IOException("the content ended after " + copied + " of " + length + " bytes");
            out.write(buffer, 0, n);
            copied += n;
        }
        if (in.read() != -1) throw new IOException("the content is longer than the " + length + " bytes given");
        out.flush();
    }
}
