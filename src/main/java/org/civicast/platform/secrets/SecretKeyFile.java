package org.civicast.platform.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.civicast.platform.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DATA_DIR/secrets.key}: the key generated on the first start of a server given none in its
 * settings. One line of base64, mode 600.
 *
 * <p>The file is written complete under a private temporary name and then hard-linked to its real
 * name, which fails if that name exists. A crash therefore never leaves a torn key, and two
 * processes starting together on one data directory end up sharing one key rather than each
 * encrypting with its own.
 */
final class SecretKeyFile {
    private static final Logger log = LoggerFactory.getLogger(SecretKeyFile.class);

    static final String NAME = "secrets.key";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> SHARED = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretKeyFile() {}

    static Path path(Path dataDir) {
        return dataDir.resolve(NAME);
    }

    static byte[] readOrCreate(Path dataDir) {
        Path file = path(dataDir);
        Optional<byte[]> existing = read(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            create(file);
        } catch (IOException e) {
            throw new ConfigException("CIVICAST_DATA_DIR: cannot create the secrets key " + file + ": " + e);
        }
        return read(file).orElseThrow();
    }

    /** The key in file, or empty when there is no file. Refuses a file other users may read or change. */
    static Optional<byte[]> read(Path file) {
        if (Files.notExists(file)) {
            return Optional.empty();
        }
        String text;
        try {
            refuseIfShared(file);
            // ASCII: any other byte becomes a replacement character, which base64 then refuses.
            text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new ConfigException("CIVICAST_DATA_DIR: cannot read the secrets key " + file + ": " + e);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            key = null;
        }
        if (key == null || key.length != SecretKeys.KEY_BYTES) {
            throw new ConfigException("CIVICAST_DATA_DIR: " + file + " does not hold a secrets key (one line of"
                    + " base64, 32 bytes); restore it from the backup taken with the database. Without it the"
                    + " values it encrypted cannot be read. Only if nothing was ever encrypted may it be deleted"
                    + " to generate a new key");
        }
        return Optional.of(key);
    }

    private static void refuseIfShared(Path file) throws IOException {
        if (!posix()) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(SHARED::contains)) {
            throw new ConfigException("CIVICAST_DATA_DIR: the secrets key " + file + " is open to other users"
                    + " (permissions " + PosixFilePermissions.toString(permissions) + "); make it private with"
                    + " `chmod 600 " + file + "`, and consider the key exposed if others could have read it");
        }
    }

    /** Writes a new key to file unless it exists (then it is left as it is). */
    static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] key = new byte[SecretKeys.KEY_BYTES];
        RANDOM.nextBytes(key);
        // Private from its creation: permissions set afterwards would leave a moment when others could read it.
        Path temp = Files.createTempFile(dir, NAME + ".", ".tmp", ownerOnly());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer text = ByteBuffer.wrap(
                        (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
                while (text.hasRemaining()) {
                    channel.write(text);
                }
                channel.force(true);
            }
            if (publish(temp, file)) {
                syncDirectory(dir);
                log.info("Generated a new secrets key in {}; back it up with the database", file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Gives temp the name file unless file exists; false when another process got there first. */
    private static boolean publish(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here (some network and FAT filesystems). A move that refuses to replace
            // checks then renames, so only a simultaneous first start could slip between the two.
            try {
                Files.move(temp, file);
            } catch (FileAlreadyExistsException raced) {
                return false;
            }
        }
        return true;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!posix()) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))};
    }

    /** Makes the new name durable. Not every platform can open a directory; there it stands unflushed. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("Cannot flush directory {}: {}", dir, e.toString());
        }
    }
}
