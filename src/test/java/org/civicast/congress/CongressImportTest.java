package org.civicast.congress;

import static org.civicast.congress.CongressFixtures.CENSUS_SAMPLE;
import static org.civicast.congress.CongressFixtures.FIXTURES;
import static org.civicast.congress.CongressFixtures.LEGISLATORS;
import static org.civicast.congress.CongressFixtures.ZCCD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.civicast.platform.db.Database;
import org.civicast.testing.MutableClock;
import org.civicast.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports replace one kind of data whole, or refuse and change nothing. */
class CongressImportTest {
    /** The ZCTAs of the Census sample, which follows zccd.csv for them. */
    static final List<String> SAMPLE_ZCTAS = List.of("36104", "36602", "99501", "20001", "30165", "10027", "05401", "00601");

    @TempDir
    Path temp;
    Database db;
    CongressService congress;

    @BeforeEach
    void open() {
        db = CongressFixtures.database();
        congress = CongressFixtures.service(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Map<String, List<District>> districtsOf(List<String> zctas) {
        Map<String, List<District>> out = new LinkedHashMap<>();
        for (String zcta : zctas) out.put(zcta, congress.lookup(zcta).districts());
        return out;
    }

    private ImportStatus status(ImportKind kind) {
        return congress.status().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void theCensusRelationshipFileImportsAsZccdDoes() {
        ImportResult census = congress.importDistricts(CENSUS_SAMPLE.toString());
        assertEquals(11, census.rows(), "12 rows, one of them water outside every ZCTA");
        Map<String, List<District>> fromCensus = districtsOf(SAMPLE_ZCTAS);
        assertFalse(congress.lookup("35055").found(), "only the sample's ZCTAs");

        ImportResult zccd = congress.importDistricts(ZCCD.toString());
        assertEquals(42033, zccd.rows());
        System.out.printf("zccd.csv import: %d rows in %d ms%n", zccd.rows(), zccd.took().toMillis());
        assertEquals(fromCensus, districtsOf(SAMPLE_ZCTAS));
        assertEquals(List.of(new District("PR", 0)), fromCensus.get("00601"), "98 (resident commissioner) is district 0");
        assertEquals(List.of(new District("NY", 12), new District("NY", 13)), fromCensus.get("10027"));
    }

    @Test
    void aSecondImportReplacesTheFirstWhole() {
        congress.importDistricts(ZCCD.toString());
        assertTrue(congress.lookup("35055").found());
        long before = status(ImportKind.DISTRICTS).generation();

        congress.importDistricts(CENSUS_SAMPLE.toString());
        assertFalse(congress.lookup("35055").found(), "no row of the first import survives");
        assertEquals(List.of(new District("AL", 1), new District("AL", 2)), congress.lookup("36602").districts());
        ImportStatus after = status(ImportKind.DISTRICTS);
        assertEquals(11, after.rows());
        assertEquals(CENSUS_SAMPLE.toString(), after.source());
        assertTrue(after.generation() > before);
    }

    @Test
    void aBadStateCodeRefusesTheWholeFileAndKeepsTheData() throws IOException {
        congress.importDistricts(ZCCD.toString());
        ImportStatus before = status(ImportKind.DISTRICTS);
        List<String> lines = new ArrayList<>(Files.readAllLines(ZCCD));
        lines.set(30000, "99,XX,12345,1");
        Path badFips = write("zccd-bad-fips.csv", String.join("\n", lines) + "\n");
        ImportException e = assertThrows(ImportException.class, () -> congress.importDistricts(badFips.toString()));
        assertEquals("zccd-bad-fips.csv line 30001: unknown state FIPS code '99'", e.getMessage());

        lines = new ArrayList<>(Files.readAllLines(ZCCD));
        lines.set(2, "01,GA,35004,3");
        Path mismatch = write("zccd-mismatch.csv", String.join("\n", lines) + "\n");
        e = assertThrows(ImportException.class, () -> congress.importDistricts(mismatch.toString()));
        assertEquals("zccd-mismatch.csv line 3: state FIPS 01 is AL, not GA", e.getMessage());

        String census = Files.readString(CENSUS_SAMPLE).replace("|0101|Congressional District 1|", "|9901|Congressional District 1|");
        Path badCensus = write("census-bad.txt", census);
        e = assertThrows(ImportException.class, () -> congress.importDistricts(badCensus.toString()));
        assertEquals("census-bad.txt line 3: unknown state FIPS code '99'", e.getMessage());

        Path unknown = write("other.csv", "zip,district\n36602,1\n");
        e = assertThrows(ImportException.class, () -> congress.importDistricts(unknown.toString()));
        assertTrue(e.getMessage().startsWith("other.csv line 1: expected the header"), e.getMessage());

        assertEquals(before, status(ImportKind.DISTRICTS));
        assertEquals(42033, congress.snapshotCounts().get("zcta_rows"));
        assertEquals(List.of(new District("AL", 3), new District("GA", 14)), congress.lookup("30165").districts());
        assertTrue(congress.lookup("12345").districts().isEmpty());
    }

    @Test
    void aTruncatedLegislatorsFileRefusesTheImportAndKeepsTheMembers() throws IOException {
        congress.importLegislators(CongressFixtures.legislatorFiles());
        ImportStatus before = status(ImportKind.LEGISLATORS);
        String current = Files.readString(LEGISLATORS.resolve("legislators-current.yaml"));

        // Cut inside a quoted date: the YAML itself is broken.
        int quote = current.indexOf("'", current.length() / 2);
        Path broken = write("legislators-current.yaml", current.substring(0, quote + 5));
        ImportException e = assertThrows(ImportException.class,
                () -> congress.importLegislators(List.of(broken.toString())));
        long line = current.substring(0, quote).lines().count();
        assertTrue(e.getMessage().matches("legislators-current\\.yaml line \\d+: not valid YAML: .*"), e.getMessage());
        int reported = Integer.parseInt(e.getMessage().replaceAll(".*? line (\\d+):.*", "$1"));
        assertTrue(Math.abs(reported - line) <= 2, "reported line " + reported + ", cut at " + line);

        // Cut between lines: valid YAML, but the last entry lost its terms.
        int entry = current.indexOf("\n- id:", current.length() / 2);
        int name = current.indexOf("  terms:", entry);
        Path cut = write("legislators-current.yaml", current.substring(0, name));
        e = assertThrows(ImportException.class, () -> congress.importLegislators(List.of(cut.toString())));
        long entryLine = current.substring(0, entry + 1).lines().count() + 1;
        assertTrue(e.getMessage().startsWith("legislators-current.yaml line " + entryLine + " (entry "), e.getMessage());
        assertTrue(e.getMessage().endsWith("): no terms"), e.getMessage());

        // A good file with a bad one: neither is imported.
        Path badOffices = write("legislators-district-offices.yaml", "- id:\n    bioguide: X1\n  offices: []\n");
        e = assertThrows(ImportException.class, () -> congress.importLegislators(
                List.of(FIXTURES.resolve("legislators-mini.yaml").toString(), badOffices.toString())));
        assertEquals("legislators-district-offices.yaml line 1 (entry 1): id.bioguide is missing or not a bioguide id: X1",
                e.getMessage());

        assertEquals(before, status(ImportKind.LEGISLATORS));
        assertEquals(537, congress.members().size());
        assertEquals(537, CongressFixtures.service(db, Clock.systemUTC()).members().size(), "the tables too");
    }

    @Test
    void twoMembersInOneSeatAreRefused() throws IOException {
        String mini = Files.readString(FIXTURES.resolve("legislators-mini.yaml"));
        Path doubled = write("legislators-current.yaml", mini + mini.replace("M001153", "M999999"));
        ImportException e = assertThrows(ImportException.class,
                () -> congress.importLegislators(List.of(doubled.toString())));
        assertTrue(e.getMessage().contains("M999999): seat SAK2 is also held by the entry at line 1"), e.getMessage());
    }

    @Test
    void congressLegislatorsInJsonImportAsInYaml() {
        congress.importLegislators(List.of(FIXTURES.resolve("legislators-mini.yaml").toString()));
        List<Member> fromYaml = congress.members();
        Database other = CongressFixtures.database();
        try {
            CongressService json = CongressFixtures.service(other, Clock.systemUTC());
            List<ImportResult> results = json.importLegislators(List.of(FIXTURES.resolve("legislators-mini.json").toString()));
            assertEquals(ImportKind.LEGISLATORS, results.getFirst().kind());
            assertEquals(5, fromYaml.size());
            assertEquals(fromYaml, json.members());
            Member begich = json.memberByOfficeCode("HAK00").orElseThrow();
            assertEquals("Nicholas J. Begich III", begich.officialFullName());
            assertEquals(0, begich.district());
            assertEquals("https://begich.house.gov", begich.url());
        } finally {
            other.close();
        }
    }

    @Test
    void aDirectoryOfLegislatorFilesImportsAllThreeKinds() {
        List<ImportResult> results = congress.importLegislators(List.of(LEGISLATORS.toString()));
        assertEquals(List.of(ImportKind.LEGISLATORS, ImportKind.DISTRICT_OFFICES, ImportKind.SOCIAL_MEDIA),
                results.stream().map(ImportResult::kind).toList());
        assertEquals(List.of(537, 1312), results.stream().limit(2).map(ImportResult::rows).toList());
        results.forEach(r -> System.out.printf("%s import: %d rows in %d ms%n", r.kind().wireName(), r.rows(), r.took().toMillis()));
    }

    @Test
    void readersSeeTheOldDataOrTheNewNeverAMix() throws Exception {
        congress.importDistricts(CENSUS_SAMPLE.toString());
        CongressService reader = new CongressService(db, Clock.systemUTC(), Duration.ZERO);
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean importing = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (importing.get()) {
                reader.refresh();
                seen.add(reader.snapshotCounts().get("zcta_rows"));
                seen.add(reader.lookup("35055").districts().size() + 100);
            }
        });
        watcher.start();
        for (int i = 0; i < 3; i++) {
            congress.importDistricts(ZCCD.toString());
            congress.importDistricts(CENSUS_SAMPLE.toString());
        }
        importing.set(false);
        watcher.join();
        assertTrue(Set.of(11, 42033, 100, 101).containsAll(seen), "seen " + seen);
        assertTrue(seen.contains(11), "seen " + seen);
    }

    @Test
    void anotherInstanceSeesANewImportWithinItsRefreshInterval() {
        MutableClock clock = MutableClock.systemNow();
        congress.importLegislators(List.of(FIXTURES.resolve("legislators-mini.yaml").toString()));
        CongressService other = new CongressService(db, clock, Duration.ofSeconds(30));
        assertEquals(5, other.members().size());

        congress.importLegislators(List.of(LEGISLATORS.resolve("legislators-current.yaml").toString()));
        assertEquals(537, congress.members().size(), "the importing instance at once");
        clock.advance(Duration.ofSeconds(29));
        assertEquals(5, other.members().size(), "no query before the interval is up");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(537, other.members().size());
        assertTrue(other.representative("AL", 2).isPresent());
    }

    @Test
    void anInstanceKeepsServingWhenTheDatabaseIsGone() {
        MutableClock clock = MutableClock.systemNow();
        Database own = CongressFixtures.database(TestDatabases.fresh());
        CongressService service = new CongressService(own, clock, Duration.ofSeconds(1));
        service.importDistricts(CENSUS_SAMPLE.toString());
        own.close();
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(new District("AL", 2)), service.lookup("36104").districts());
    }

    @Test
    void contactFormsOfADirectoryLeaveOutBrokenFilesAndOneFileUpdatesOneForm() throws IOException {
        Path checkout = temp.resolve("contact-congress");
        Files.createDirectories(checkout.resolve("members"));
        Files.createDirectories(checkout.resolve("support"));
        Path shipped = CongressFixtures.CONTACT_CONGRESS;
        for (String id : List.of("C000127", "S000033", "B000575")) {
            Files.copy(shipped.resolve("members/" + id + ".yaml"), checkout.resolve("members/" + id + ".yaml"));
        }
        Files.writeString(checkout.resolve("members/X000001.yaml"), "bioguide: X000001\ncontact_form:\n  steps:\n    - fill_in:\n      - name: [a\n");
        // A constant only this checkout has, to show its own constants.yaml is read.
        Files.writeString(checkout.resolve("support/constants.yaml"),
                Files.readString(shipped.resolve("support/constants.yaml")).replace("US_STATES:", "US_STATES_HERE:"));
        Files.writeString(checkout.resolve("members/B000575.yaml"),
                Files.readString(checkout.resolve("members/B000575.yaml")).replace("options: US_STATES", "options: US_STATES_HERE"));

        ImportResult result = congress.importContactForms(checkout.toString());
        assertEquals(3, result.rows());
        assertEquals(1, result.skipped().size());
        assertTrue(result.skipped().getFirst().startsWith("X000001.yaml line 5: not valid YAML"), result.skipped().getFirst());
        assertEquals(51, congress.contactForm("B000575").orElseThrow().field("$ADDRESS_STATE_POSTAL_ABBREV").orElseThrow().options().size());
        ContactForm cantwell = congress.contactForm("C000127").orElseThrow();

        // One member's corrected file replaces that form and keeps the rest.
        Path sanders = checkout.resolve("members/S000033.yaml");
        Files.writeString(sanders, Files.readString(sanders).replace("            - Guns\n", ""));
        ImportResult one = congress.importContactForms(sanders.toString());
        assertEquals(3, one.rows());
        assertTrue(congress.contactForm("S000033").orElseThrow().field("$TOPIC").orElseThrow().options().stream()
                .noneMatch(o -> o.label().equals("Guns")));
        assertEquals(cantwell, congress.contactForm("C000127").orElseThrow());

        // One broken file alone is refused.
        ImportException e = assertThrows(ImportException.class,
                () -> congress.importContactForms(checkout.resolve("members/X000001.yaml").toString()));
        assertTrue(e.getMessage().startsWith("X000001.yaml line 5"), e.getMessage());
        assertEquals(3, status(ImportKind.CONTACT_FORMS).rows());
    }

    @Test
    void choicesWithStraySpacesOrEmptyPlaceholdersMatchTrimmedAnswers() throws IOException {
        Path checkout = temp.resolve("contact-congress-spaces");
        Files.createDirectories(checkout.resolve("members"));
        Files.createDirectories(checkout.resolve("support"));
        Files.copy(CongressFixtures.CONTACT_CONGRESS.resolve("support/constants.yaml"), checkout.resolve("support/constants.yaml"));
        Path shipped = CongressFixtures.CONTACT_CONGRESS.resolve("members/C000127.yaml");
        Files.writeString(checkout.resolve("members/C000127.yaml"), Files.readString(shipped)
                .replace("            - Mr.\n", "            - \"Mr. \"\n            - \"\"\n            - \" Mr.\"\n"));

        congress.importContactForms(checkout.toString());
        List<ContactForm.Option> prefixes = congress.contactForm("C000127").orElseThrow()
                .field("$NAME_PREFIX").orElseThrow().options();
        assertEquals(List.of("Mr.", "Mrs.", "Ms.", "Miss"), prefixes.stream().map(ContactForm.Option::value).toList());
    }

    @Test
    void contactFormsFromAZipOfTheRepository() throws IOException {
        Path zip = temp.resolve("contact-congress-main.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("members/C000127.yaml", "members/S000033.yaml", "support/constants.yaml", "README.md")) {
                out.putNextEntry(new java.util.zip.ZipEntry("contact-congress-6c4c16d/" + name));
                out.write(Files.readAllBytes(CongressFixtures.CONTACT_CONGRESS.resolve(
                        name.equals("README.md") ? "LICENSE" : name)));
                out.closeEntry();
            }
        }
        ImportResult result = congress.importContactForms(zip.toString());
        assertEquals(2, result.rows());
        assertTrue(congress.contactForm("S000033").isPresent());
        assertTrue(congress.contactForm("B000575").isEmpty());
    }
}
