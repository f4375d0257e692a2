package org.civicast.congress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.civicast.congress.ImportSources.Document;
import org.jdbi.v3.core.Handle;

/**
 * Turns files into rows ready to replace one kind of data. Everything is read and checked before
 * the database is touched; {@link #write} then replaces each kind within the caller's transaction,
 * so a refused file leaves every table as it was.
 */
final class Imports {
    private static final List<String> LEGISLATOR_FILES =
            List.of("legislators-current", "legislators-district-offices", "legislators-social-media");

    /** One kind of data, read, checked and waiting for its transaction. */
    record Prepared(ImportKind kind, String source, int rows, List<String> skipped, Consumer<Handle> write,
                    long readNanos) {
    }

    private Imports() {}

    /** Files, directories holding the three files, or https URLs; at most one file of each kind. */
    static List<Prepared> legislators(ImportSources sources, List<String> given) {
        List<Prepared> prepared = new ArrayList<>();
        for (String source : given) {
            if (!ImportSources.isUrl(source) && Files.isDirectory(Path.of(source))) {
                for (Path file : legislatorFilesIn(Path.of(source))) {
                    long start = System.nanoTime();
                    prepared.add(withReadTime(legislators(sources.readFile(file), file.toString()), start));
                }
            } else {
                long start = System.nanoTime();
                Document d = sources.read(source);
                prepared.add(withReadTime(legislators(d, source), start));
            }
        }
        Set<ImportKind> kinds = EnumSet.noneOf(ImportKind.class);
        for (Prepared p : prepared) {
            if (!kinds.add(p.kind())) throw new ImportException("two files of " + p.kind().wireName() + " given");
        }
        return prepared;
    }

    static List<Path> legislatorFilesIn(Path dir) {
        List<Path> files = new ArrayList<>();
        for (String base : LEGISLATOR_FILES) {
            for (String extension : List.of(".yaml", ".yml", ".json")) {
                Path file = dir.resolve(base + extension);
                if (Files.isRegularFile(file)) {
                    files.add(file);
                    break;
                }
            }
        }
        if (files.isEmpty()) throw new ImportException(dir + ": no legislators-current, -district-offices or -social-media file");
        return files;
    }

    static Prepared legislators(Document d, String source) {
        long start = System.nanoTime();
        LegislatorsFiles.Parsed parsed = LegislatorsFiles.parse(d);
        Consumer<Handle> write = switch (parsed) {
            case LegislatorsFiles.Members m -> h -> CongressStore.replaceMembers(h, m.members());
            case LegislatorsFiles.Offices o -> h -> CongressStore.replaceDistrictOffices(h, o.byBioguide());
            case LegislatorsFiles.Social s -> h -> CongressStore.replaceSocialAccounts(h, s.byBioguide());
        };
        return new Prepared(parsed.kind(), source, parsed.rows(), List.of(), write, System.nanoTime() - start);
    }

    static Prepared districts(ImportSources sources, String source) {
        long start = System.nanoTime();
        return withReadTime(districts(sources.read(source), source), start);
    }

    static Prepared districts(Document d, String source) {
        long start = System.nanoTime();
        List<ZctaFiles.Row> rows = ZctaFiles.parse(d);
        return new Prepared(ImportKind.DISTRICTS, source, rows.size(), List.of(),
                h -> CongressStore.replaceZctaDistricts(h, rows), System.nanoTime() - start);
    }

    static Prepared contactForms(ImportSources sources, String source) {
        long start = System.nanoTime();
        return contactForms(ContactFormFiles.read(sources, source), source, start);
    }

    static Prepared contactForms(ContactFormFiles.Parsed parsed, String source, long start) {
        if (parsed.wholeSet()) {
            return new Prepared(ImportKind.CONTACT_FORMS, source, parsed.forms().size(), parsed.skipped(),
                    h -> CongressStore.replaceContactForms(h, parsed.forms()), System.nanoTime() - start);
        }
        // One member's file updates that form and keeps the rest of the set.
        return new Prepared(ImportKind.CONTACT_FORMS, source + " (" + parsed.forms().getFirst().bioguide() + " only)",
                -1, List.of(), h -> CongressStore.upsertContactForms(h, parsed.forms()), System.nanoTime() - start);
    }

    /** Replaces each prepared kind; the caller's transaction makes them one change. */
    static List<ImportResult> write(Handle h, List<Prepared> prepared, Instant now) {
        List<ImportResult> results = new ArrayList<>();
        for (Prepared p : prepared) {
            long start = System.nanoTime();
            p.write().accept(h);
            int rows = p.rows() >= 0 ? p.rows() : CongressStore.countContactForms(h);
            CongressStore.recordImport(h, p.kind(), p.source(), rows, p.skipped(), now);
            results.add(new ImportResult(p.kind(), p.source(), rows, p.skipped(),
                    Duration.ofNanos(p.readNanos() + System.nanoTime() - start)));
        }
        return results;
    }

    private static Prepared withReadTime(Prepared p, long start) {
        return new Prepared(p.kind(), p.source(), p.rows(), p.skipped(), p.write(), System.nanoTime() - start);
    }
}
