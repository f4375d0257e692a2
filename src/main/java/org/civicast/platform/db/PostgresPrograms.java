package org.civicast.platform.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the PostgreSQL programs shipped in the jar are unpacked: a directory of ours (by default
 * {@code dataDir/pg-binaries}) rather than zonky's default {@code java.io.tmpdir/embedded-pg},
 * which systemd's PrivateTmp, tmp cleaners and {@code noexec} mounts take away or make unusable.
 *
 * <p>What zonky 2.2.2 does with directories (EmbeddedPostgres.prepareBinaries, the constructor,
 * cleanOldDataDirectories): it unpacks the archive for this machine into
 * {@code WORKING_DIR/PG-<md5 of the archive>/} unless that holds a complete copy already (an
 * {@code .exists} marker no older than the files), with a file lock against a concurrent unpack,
 * and makes {@code WORKING_DIR} writable by everyone. {@code setOverrideWorkingDirectory} moves
 * that. Separately, every builder takes its own "parent directory" from the system property
 * {@code ot.epg.working-dir} (default {@code java.io.tmpdir/embedded-pg}) when it is created, and
 * each start creates that directory and deletes any subdirectory of it holding an unlocked
 * {@code epg-lock} file more than 10 minutes old: zonky's throwaway clusters, but also a kept
 * cluster such as ours ({@code dataDir/postgres} has an {@code epg-lock}). So the parent directory
 * is pointed at an empty directory of its own, never at one that could hold a cluster. Unpacked
 * programs are remembered per JVM by resolver, so each directory gets a resolver of its own.
 */
final class PostgresPrograms {
    private static final Logger log = LoggerFactory.getLogger(PostgresPrograms.class);

    /** The default place, inside the data directory. */
    static final String DEFAULT_DIR = "pg-binaries";
    /** zonky's parent directory for throwaway clusters; Civicast never makes one, so it stays empty. */
    static final String ZONKY_SCRATCH = "zonky-scratch";
    private static final String ZONKY_WORKING_DIR_PROPERTY = "ot.epg.working-dir";
    private static final Object PROPERTY_LOCK = new Object();

    private PostgresPrograms() {}

    static Path directory(Path dataDir, Path configured) {
        Path dir = configured != null ? configured : dataDir.resolve(DEFAULT_DIR);
        try {
            Files.createDirectories(dir.resolve(ZONKY_SCRATCH));
            return dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + " for the embedded PostgreSQL's programs"
                    + " (CIVICAST_EMBEDDED_DATABASE_BINARIES_DIR moves it)", e);
        }
    }

    /** A zonky builder that unpacks into and runs the programs from dir, and touches nothing else. */
    static EmbeddedPostgres.Builder builder(Path dir) {
        EmbeddedPostgres.Builder builder;
        synchronized (PROPERTY_LOCK) {
            String previous = System.getProperty(ZONKY_WORKING_DIR_PROPERTY);
            System.setProperty(ZONKY_WORKING_DIR_PROPERTY, dir.resolve(ZONKY_SCRATCH).toString());
            try {
                builder = EmbeddedPostgres.builder();
            } finally {
                if (previous == null) {
                    System.clearProperty(ZONKY_WORKING_DIR_PROPERTY);
                } else {
                    System.setProperty(ZONKY_WORKING_DIR_PROPERTY, previous);
                }
            }
        }
        return builder.setOverrideWorkingDirectory(dir.toFile()).setPgBinaryResolver(new In(dir));
    }

    /** zonky made dir writable by everyone (for its shared /tmp default); ours is the owner's alone. */
    static void restrict(Path dir) {
        try {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Cannot restrict the permissions of {}: {}", dir, e.toString());
        }
    }

    /** zonky's own resolver, but a distinct key per directory in zonky's per-JVM cache of unpacked programs. */
    private record In(Path dir) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }
}
