package org.civicast.platform.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded cluster's password file and the authentication methods in its {@code pg_hba.conf}.
 *
 * <p>Both files are replaced by writing a private temporary file beside them and renaming it over,
 * so a crash leaves either the old or the new file, never a torn one.
 */
final class PasswordAuth {

    private static final Logger log = LoggerFactory.getLogger(PasswordAuth.class);

    static final String METHOD = "scram-sha-256";
    static final String HBA_FILE = "pg_hba.conf";
    private static final String TRUST = "trust";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private PasswordAuth() {}

    /** 256 random bits in URL-safe Base64: no character that needs quoting in SQL, a URL or a shell. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored password; empty when there is no file. Makes the file private again if it was not. */
    static Optional<String> read(Path file) {
        String password;
        try {
            password = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the database password file " + file, e);
        }
        if (password.isEmpty() || password.contains("\n")) {
            throw new IllegalStateException("The database password file " + file + " must hold the password "
                    + "on a single line; restore it from a backup");
        }
        restrict(file);
        return Optional.of(password);
    }

    /** Generates a password and stores it in file, readable by this user only; returns it. */
    static String create(Path file) {
        String password = generate();
        try {
            replace(file, password + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the database password file " + file, e);
        }
        log.info("Generated a new password for the embedded PostgreSQL; it is in {}", file);
        return password;
    }

    static String readOrCreate(Path file) {
        return read(file).orElseGet(() -> create(file));
    }

    /** Whether any record of pgDir's pg_hba.conf lets a client in without a password. False when there is none. */
    static boolean hbaTrusts(Path pgDir) throws IOException {
        Path hba = pgDir.resolve(HBA_FILE);
        if (!Files.exists(hba)) {
            return false;
        }
        String text = Files.readString(hba, StandardCharsets.UTF_8);
        return !requirePassword(text).equals(text);
    }

    /** Rewrites pgDir's pg_hba.conf so that every record using trust uses scram-sha-256 instead. */
    static void requirePasswordInHba(Path pgDir) throws IOException {
        Path hba = pgDir.resolve(HBA_FILE);
        String text = Files.readString(hba, StandardCharsets.UTF_8);
        String secured = requirePassword(text);
        if (!secured.equals(text)) {
            replace(hba, secured);
        }
    }

    /**
     * pg_hba.conf text with the method of each {@code trust} record changed to scram-sha-256.
     * Comments, layout and every other record stay as they are.
     */
    static String requirePassword(String hbaText) {
        String[] lines = hbaText.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            List<int[]> fields = fields(lines[i]);
            int method = methodField(lines[i], fields);
            if (method >= 0 && field(lines[i], fields.get(method)).equals(TRUST)) {
                int[] at = fields.get(method);
                lines[i] = lines[i].substring(0, at[0]) + METHOD + lines[i].substring(at[1]);
            }
        }
        return String.join("\n", lines);
    }

    /**
     * Index of the authentication method among a record's fields, or -1 for a blank line, a comment,
     * an include directive or a record too short to have one. Layouts (PostgreSQL's pg_hba.conf docs):
     * {@code local DATABASE USER METHOD}, {@code host* DATABASE USER ADDRESS METHOD} and
     * {@code host* DATABASE USER IP-ADDRESS IP-MASK METHOD}.
     */
    private static int methodField(String line, List<int[]> fields) {
        if (fields.isEmpty()) {
            return -1;
        }
        String type = field(line, fields.get(0));
        int method;
        if (type.equals("local")) {
            method = 3;
        } else if (type.startsWith("host")) {
            method = fields.size() > 5 && isIpLiteral(field(line, fields.get(3)))
                    && isIpLiteral(field(line, fields.get(4))) ? 5 : 4;
        } else {
            return -1;
        }
        return fields.size() > method ? method : -1;
    }

    private static boolean isIpLiteral(String text) {
        // A bare address with a separate mask: no "/len", and digits and dots (IPv4) or colons (IPv6).
        return !text.contains("/") && (text.matches("[0-9.]+") || text.matches("[0-9A-Fa-f.:]*:[0-9A-Fa-f.:]*"));
    }

    private static String field(String line, int[] at) {
        return line.substring(at[0], at[1]);
    }

    /**
     * Start and end offsets of the fields of one line, ignoring a trailing comment. Double quotes
     * group, and a field ending in a comma continues with the next one ({@code db1, db2} is one
     * field), as in PostgreSQL's own tokenizer.
     */
    private static List<int[]> fields(String line) {
        List<int[]> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        boolean continues = false;
        while (i < n) {
            char c = line.charAt(i);
            if (c == '#') {
                break;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            boolean quoted = false;
            while (i < n) {
                c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (Character.isWhitespace(c) || c == '#')) {
                    break;
                }
                i++;
            }
            if (continues) {
                fields.get(fields.size() - 1)[1] = i;
            } else {
                fields.add(new int[] {start, i});
            }
            continues = line.charAt(i - 1) == ',';
        }
        return fields;
    }

    /** Replaces file with text: a private temporary file beside it, flushed, then renamed over it. */
    private static void replace(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp); // left by a crash mid-write
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel channel = FileChannel.open(temp, options, ownerOnly())) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(file.toAbsolutePath().getParent());
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    }

    private static void restrict(Path file) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                log.warn("{} was readable by others (permissions {}); restricting it to its owner",
                        file, PosixFilePermissions.toString(permissions));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("Cannot check the permissions of {}: {}", file, e.toString());
        }
    }

    /** Makes a rename durable. Not every platform can open a directory; there the rename stands unflushed. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("Cannot flush directory {}: {}", dir, e.toString());
        }
    }
}
