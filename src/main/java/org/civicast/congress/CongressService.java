package org.civicast.congress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicast.platform.db.Database;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who represents a place, and how to reach them: members of Congress, ZIP → districts, and the
 * contact forms of their offices. Other features ask here and never read the congress tables.
 *
 * <p>Reads are served from an in-memory snapshot, so a ZIP lookup costs no query. An import on
 * this instance installs its new snapshot at once. Every other instance sharing the database
 * notices within {@code refreshInterval}: at most that often, a lookup also reads the newest
 * import generation (one row, one index) and, when it has moved, loads a new snapshot; lookups on
 * other threads meanwhile keep answering from the previous one.
 */
public final class CongressService {
    private static final Logger log = LoggerFactory.getLogger(CongressService.class);
    private static final Pattern ZIP = Pattern.compile("(\\d{5})(?:-?(\\d{4}))?");

    private final Database db;
    /** Snapshots are committed state, read on their own connection, never inside a request's transaction. */
    private final Jdbi snapshots;
    private final Clock clock;
    private final Duration refreshInterval;
    private final ImportSources sources;
    private final Object installLock = new Object();
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile Snapshot snapshot;
    private volatile Instant nextCheck = Instant.MIN;

    public CongressService(Database db, Clock clock, Duration refreshInterval) {
        this(db, clock, refreshInterval, ImportSources.standard());
    }

    CongressService(Database db, Clock clock, Duration refreshInterval, ImportSources sources) {
        this.db = db;
        this.snapshots = Jdbi.create(db.dataSource());
        this.clock = clock;
        this.refreshInterval = refreshInterval;
        this.sources = sources;
    }

    // ---- lookups

    /**
     * The districts (and states) of a ZIP code's ZCTA. Accepts {@code 12345}, {@code 123456789} and
     * {@code 12345-6789}; an unknown ZIP gives an empty result.
     *
     * @throws IllegalArgumentException when the text is no ZIP code
     */
    public ZipLookup lookup(String zip) {
        Matcher m = ZIP.matcher(zip == null ? "" : zip.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("a ZIP code is 5 digits, or ZIP+4 as 9 digits or 12345-6789: got '" + zip + "'");
        }
        Snapshot s = current();
        List<District> districts = s.districtsByZcta.getOrDefault(m.group(1), List.of());
        Set<String> states = new TreeSet<>();
        districts.forEach(d -> states.add(d.state()));
        return new ZipLookup(m.group(1), m.group(2), List.copyOf(states), districts, s.cityByZip.get(m.group(1)));
    }

    /** The member holding a House seat; empty while it is vacant or unknown. */
    public Optional<Member> representative(String state, int district) {
        return memberByOfficeCode(OfficeCodes.house(upper(state), district));
    }

    public Optional<Member> representative(District district) {
        return representative(district.state(), district.number());
    }

    /** A state's senators, senior first; none for DC and the territories. */
    public List<Member> senators(String state) {
        return current().senatorsByState.getOrDefault(upper(state), List.of());
    }

    /** Everyone who represents a district: its representative (or delegate), then its state's senators. */
    public List<Member> targetsFor(District district) {
        List<Member> targets = new ArrayList<>(3);
        representative(district).ifPresent(targets::add);
        targets.addAll(senators(district.state()));
        return targets;
    }

    public Optional<Member> member(String bioguide) {
        return Optional.ofNullable(current().byBioguide.get(upper(bioguide)));
    }

    /** By {@code HVA04}, {@code HAK00}, {@code SVT0} … (see {@link OfficeCodes}). */
    public Optional<Member> memberByOfficeCode(String officeCode) {
        return Optional.ofNullable(current().byOfficeCode.get(upper(officeCode)));
    }

    public Optional<ContactForm> contactForm(String bioguide) {
        return Optional.ofNullable(current().contactForms.get(upper(bioguide)));
    }

    /** Every sitting member, by office code. */
    public List<Member> members() {
        return current().members;
    }

    // ---- imports

    /**
     * Replaces the data of each congress-legislators file given (legislators-current,
     * -district-offices, -social-media; YAML or JSON; files, https URLs, or a directory holding them),
     * all in one transaction.
     */
    public List<ImportResult> importLegislators(List<String> sources) {
        if (sources.isEmpty()) throw new ImportException("name at least one legislators file");
        return commit(Imports.legislators(this.sources, sources));
    }

    /** Replaces every ZCTA → district row, from zccd.csv or a Census relationship file. */
    public ImportResult importDistricts(String source) {
        return commit(List.of(Imports.districts(sources, source))).getFirst();
    }

    /**
     * Replaces every contact form from a contact-congress directory or zip archive (file or https
     * URL); one member's file replaces that member's form only.
     */
    public ImportResult importContactForms(String source) {
        return commit(List.of(Imports.contactForms(sources, source))).getFirst();
    }

    /** The last import of each kind. */
    public List<ImportStatus> status() {
        return List.copyOf(db.read(CongressStore::imports).values());
    }

    /** Loads the newest data now, whatever the refresh interval. */
    public void refresh() {
        install(load());
    }

    private List<ImportResult> commit(List<Imports.Prepared> prepared) {
        List<ImportResult> results = db.tx(h -> {
            CongressStore.lockImports(h);
            return Imports.write(h, prepared, clock.instant());
        });
        refresh();
        for (ImportResult r : results) {
            log.info("Imported congress {}: {} rows from {} in {} ms{}", r.kind().wireName(), r.rows(), r.source(),
                    r.took().toMillis(), r.skipped().isEmpty() ? "" : "; skipped " + r.skipped());
        }
        return results;
    }

    /**
     * Imports whatever kinds the database has never had, under the import lock, so that of several
     * instances starting on a new database one does it and the others find it done.
     */
    void loadMissing(Function<Set<ImportKind>, List<Imports.Prepared>> prepareMissing) {
        List<ImportResult> results = db.tx(h -> {
            CongressStore.lockImports(h);
            Set<ImportKind> missing = EnumSet.allOf(ImportKind.class);
            missing.removeAll(CongressStore.imports(h).keySet());
            if (missing.isEmpty()) return List.<ImportResult>of();
            List<Imports.Prepared> prepared = prepareMissing.apply(missing).stream()
                    .filter(p -> missing.contains(p.kind())).toList();
            return Imports.write(h, prepared, clock.instant());
        });
        for (ImportResult r : results) {
            log.info("Loaded congress {}: {} rows from {} in {} ms{}", r.kind().wireName(), r.rows(), r.source(),
                    r.took().toMillis(), r.skipped().isEmpty() ? "" : "; skipped " + r.skipped().size() + ": " + r.skipped());
        }
        refresh();
    }

    // ---- snapshots

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null) {
            synchronized (installLock) {
                if (snapshot == null) install(load());
                return snapshot;
            }
        }
        if (!clock.instant().isBefore(nextCheck) && checking.compareAndSet(false, true)) {
            try {
                long newest = snapshots.withHandle(CongressStore::generation);
                if (newest != s.generation) install(load());
            } catch (RuntimeException e) {
                log.warn("Could not check for newer congress data; still serving generation {}", s.generation, e);
            } finally {
                nextCheck = clock.instant().plus(refreshInterval);
                checking.set(false);
            }
        }
        return snapshot;
    }

    private Snapshot load() {
        return snapshots.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, Snapshot::load);
    }

    /** Never replaces a snapshot with an older one, whichever thread finishes loading last. */
    private void install(Snapshot loaded) {
        synchronized (installLock) {
            if (snapshot == null || loaded.generation >= snapshot.generation) snapshot = loaded;
            nextCheck = clock.instant().plus(refreshInterval);
        }
    }

    private static String upper(String s) {
        return s == null ? "" : s.strip().toUpperCase(Locale.ROOT);
    }

    /** How many rows each snapshot index holds: for the status command and tests. */
    Map<String, Integer> snapshotCounts() {
        Snapshot s = current();
        return Map.of("members", s.members.size(), "zcta_rows", s.zctaRows, "zctas", s.districtsByZcta.size(),
                "contact_forms", s.contactForms.size());
    }
}
