package org.civicast.congress;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 119th Congress as shipped in the jar ({@code src/main/resources/congress/}, see its
 * SOURCES.md), loaded on the first start so a fresh install can look up targets with no set-up.
 */
public final class CongressData {
    private static final Logger log = LoggerFactory.getLogger(CongressData.class);
    private static final String ROOT = "/congress/";

    /**
     * Imports each kind of congress data the database has never had; data already there, however
     * old, is left alone (refreshing is the {@code congress import} commands' job). Safe to call on
     * every start, from several instances at once.
     *
     * @param legislators  congress-legislators files, directories or https URLs to load instead of
     *                     the shipped copies; empty for the shipped ones. A kind none of them holds
     *                     (district offices, social accounts) is loaded from the shipped copy
     * @param districts    a zccd.csv or Census relationship file (or URL) instead of the shipped
     *                     zccd.csv; null for the shipped one
     * @param contactForms a contact-congress directory, zip or URL; null for the shipped copy
     *
     * <p>When a given source cannot be read the shipped copy is loaded instead, with a warning: a
     * server that cannot reach GitHub on its first start should still know who sits in Congress.
     */
    public static void ensureLoaded(CongressService congress, List<String> legislators, String districts,
                                    String contactForms) {
        ImportSources sources = ImportSources.standard();
        congress.loadMissing(missing -> {
            try (Shipped shipped = Shipped.open()) {
                List<Imports.Prepared> prepared = new ArrayList<>();
                if (missing.stream().anyMatch(Set.of(ImportKind.LEGISLATORS, ImportKind.DISTRICT_OFFICES,
                        ImportKind.SOCIAL_MEDIA)::contains)) {
                    List<Imports.Prepared> given = orShipped("legislators", legislators.isEmpty() ? null : legislators,
                            () -> Imports.legislators(sources, legislators), shipped::legislators);
                    prepared.addAll(given);
                    // A kind the configured files leave out (often the offices or the accounts) comes from the jar.
                    Set<ImportKind> covered = given.stream().map(Imports.Prepared::kind).collect(Collectors.toSet());
                    if (!legislators.isEmpty()) {
                        shipped.legislators().stream().filter(p -> !covered.contains(p.kind())).forEach(prepared::add);
                    }
                }
                if (missing.contains(ImportKind.DISTRICTS)) {
                    prepared.addAll(orShipped("districts", districts,
                            () -> List.of(Imports.districts(sources, districts)), shipped::districts));
                }
                if (missing.contains(ImportKind.CONTACT_FORMS)) {
                    prepared.addAll(orShipped("contact-forms", contactForms,
                            () -> List.of(Imports.contactForms(sources, contactForms)), shipped::contactForms));
                }
                return prepared;
            }
        });
    }

    private static List<Imports.Prepared> orShipped(String what, Object configured,
                                                    Supplier<List<Imports.Prepared>> fromConfigured,
                                                    Supplier<List<Imports.Prepared>> fromShipped) {
        if (configured == null) return fromShipped.get();
        try {
            return fromConfigured.get();
        } catch (ImportException e) {
            log.warn("Could not load congress {} from {} ({}); loading the copy shipped in the jar", what, configured,
                    e.getMessage());
            return fromShipped.get();
        }
    }

    /** The shipped files, wherever the classes run from: a directory in a build, the jar in production. */
    static final class Shipped implements AutoCloseable {
        private final FileSystem jar;
        private final Path root;
        private final ImportSources sources = ImportSources.standard();

        private Shipped(FileSystem jar, Path root) {
            this.jar = jar;
            this.root = root;
        }

        static Shipped open() {
            URL url = CongressData.class.getResource(ROOT + "SOURCES.md");
            if (url == null) throw new IllegalStateException("the shipped congress data is missing from the classpath");
            try {
                URI uri = url.toURI();
                if (!uri.getScheme().equals("jar")) return new Shipped(null, Path.of(uri).getParent());
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    // Someone else opened the jar as a file system; theirs to close.
                    return new Shipped(null, FileSystems.getFileSystem(uri).provider().getPath(uri).getParent());
                }
                return new Shipped(fs, fs.provider().getPath(uri).getParent());
            } catch (URISyntaxException | IOException e) {
                throw new IllegalStateException("cannot open the shipped congress data: " + e.getMessage(), e);
            }
        }

        List<Imports.Prepared> legislators() {
            List<Imports.Prepared> prepared = new ArrayList<>();
            for (Path file : Imports.legislatorFilesIn(root.resolve("legislators"))) {
                prepared.add(Imports.legislators(sources.readFile(file), shippedName(file)));
            }
            return prepared;
        }

        List<Imports.Prepared> districts() {
            Path file = root.resolve("zccd.csv");
            return List.of(Imports.districts(sources.readFile(file), shippedName(file)));
        }

        List<Imports.Prepared> contactForms() {
            long start = System.nanoTime();
            Path dir = root.resolve("contact-congress");
            return List.of(Imports.contactForms(ContactFormFiles.directory(sources, dir), shippedName(dir), start));
        }

        private String shippedName(Path file) {
            return "shipped:" + root.relativize(file).toString().replace('\\', '/');
        }

        @Override
        public void close() {
            try {
                if (jar != null) jar.close();
            } catch (IOException e) {
                log.debug("closing the jar file system", e);
            }
        }
    }

    private CongressData() {}
}
