package org.civicast.lookup;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.civicast.platform.config.LookupSettings;
import org.civicast.platform.db.Database;

/**
 * The offline provider's own data: line types and carriers of North American numbers by prefix,
 * as the operator imports them (from a carrier-data vendor's NPA-NXX file, a porting database
 * extract, or numbers learned elsewhere). The longest matching prefix answers: a number's own
 * row, else its thousands block, else its NPA-NXX.
 */
public final class PrefixTable {
    private static final String OFFLINE = LookupSettings.Provider.OFFLINE.wireName();

    private final Database db;
    private final Clock clock;

    public PrefixTable(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Replaces the whole table with the file's rows in one transaction: lookups read the old
     * table until it commits, then only the new one. Cached offline answers are dropped with it,
     * so the next lookup of every number reads the new table.
     *
     * @throws PrefixImportException when the file has a bad line (each named by number) or no rows; nothing changes
     */
    public PrefixImport importFile(Path file) {
        Instant now = clock.instant();
        return db.tx(h -> {
            PrefixTableStore.lockImports(h);
            PrefixTableStore.clear(h);
            int rows;
            try (PrefixTableStore.Copy copy = new PrefixTableStore.Copy(h)) {
                rows = PrefixTableFile.read(file, copy::add);
                copy.finish();
            }
            LineTypeCache.forget(h, OFFLINE);
            PrefixImport done = new PrefixImport(file.toString(), rows, now);
            PrefixTableStore.recordImport(h, done);
            return done;
        });
    }

    /** The import that wrote the table; empty when none has. */
    public Optional<PrefixImport> lastImport() {
        return db.read(PrefixTableStore::lastImport);
    }

    /**
     * The row that answers for each number, keyed by the number; numbers no row covers are absent.
     *
     * @param nationalNumbers the ten digits of North American numbers, without the country code
     */
    public Map<String, PrefixEntry> match(Collection<String> nationalNumbers) {
        Set<String> prefixes = new LinkedHashSet<>();
        List<String> numbers = nationalNumbers.stream().filter(n -> n.length() == 10).toList();
        for (String n : numbers) {
            prefixes.add(n);
            prefixes.add(n.substring(0, 7));
            prefixes.add(n.substring(0, 6));
        }
        if (prefixes.isEmpty()) return Map.of();
        Map<String, PrefixEntry> rows = db.read(h -> PrefixTableStore.find(h, prefixes));
        Map<String, PrefixEntry> found = new HashMap<>();
        for (String n : numbers) {
            PrefixEntry entry = rows.getOrDefault(n, rows.getOrDefault(n.substring(0, 7), rows.get(n.substring(0, 6))));
            if (entry != null) found.put(n, entry);
        }
        return found;
    }
}
