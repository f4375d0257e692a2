package org.civicast.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.civicast.billing.BilledTo;
import org.civicast.billing.UsageLedger;
import org.civicast.lookup.providers.OfflineProvider;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.db.Database;
import org.civicast.platform.ids.Ids;
import org.civicast.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prefix table is replaced whole by a good file, and a file with bad lines changes nothing. */
class LookupPrefixImportTest {
    static final String GOOD = """
            # Washington, DC blocks
            prefix,line_type,carrier,ocn,lrn,ported
            202555,landline,Verizon Washington DC,9206,,
            2025551,voip,Bandwidth.com CLEC,981E,,
            +1 (202) 555-0143,mobile,T-Mobile USA,6529,202-555-0000,Y
            212555,mobile,"Cox, \\Communications",,,
            """;

    @TempDir
    Path temp;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-07-01T08:00:00Z"));
    private Database db;
    private PrefixTable table;

    @BeforeEach
    void open() {
        db = LookupFixtures.database();
        table = new PrefixTable(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text);
    }

    @Test
    void aGoodFileReplacesTheTable() throws IOException {
        assertTrue(table.lastImport().isEmpty());
        PrefixImport done = table.importFile(file("good.csv", GOOD));
        assertEquals(4, done.rows());
        assertEquals(done, table.lastImport().orElseThrow());
        assertEquals(clock.instant(), done.importedAt());

        Map<String, PrefixEntry> found = table.match(List.of("2025550143", "2025551234", "2025559876", "2125550000", "3125550000"));
        assertEquals(new PrefixEntry("2025550143", LineType.MOBILE, "T-Mobile USA", "6529", "2025550000", true),
                found.get("2025550143"), "a number's own row comes first");
        assertEquals("2025551", found.get("2025551234").prefix(), "then its thousands block");
        assertEquals(new PrefixEntry("202555", LineType.LANDLINE, "Verizon Washington DC", "9206", null, null),
                found.get("2025559876"), "then its NPA-NXX");
        assertEquals("Cox, \\Communications", found.get("2125550000").carrier(), "quoted commas and backslashes survive");
        assertFalse(found.containsKey("3125550000"));
    }

    @Test
    void aFileWithBadLinesIsRefusedNamingEachLineAndNothingChanges() throws IOException {
        PrefixImport before = table.importFile(file("good.csv", GOOD));
        clock.advance(Duration.ofHours(1));
        Path bad = file("bad.csv", """
                prefix,line_type,carrier,ocn,lrn,ported
                303555,mobile,Fine Row,,,
                30355,mobile,Short Prefix,,,
                313555,cell,Unknown Type,,,
                323555,mobile,LRN On A Block,,3235550000,
                303555,landline,Repeated,,,
                343555,mobile,Too Many,,,,extra
                3535550100,mobile,Maybe Ported,,,maybe
                363555,mobile,Bad OCN,12345,,
                """);
        PrefixImportException refused = assertThrows(PrefixImportException.class, () -> table.importFile(bad));
        String message = refused.getMessage();
        assertTrue(message.contains("7 bad lines"), message);
        for (String expected : List.of("line 3: prefix '30355'", "line 4: line_type 'cell'", "line 5: lrn and ported belong",
                "line 6: prefix 303555 repeats line 2", "line 7: more fields", "line 8: ported 'maybe'", "line 9: ocn '12345'")) {
            assertTrue(message.contains(expected), expected + " in\n" + message);
        }
        assertFalse(message.contains("line 2:"), message);
        assertEquals(before, table.lastImport().orElseThrow());
        assertEquals(4, table.match(List.of("2025550143", "2025551234", "2025559876", "2125550000")).size(), "the old table answers");
        assertTrue(table.match(List.of("3035550000")).isEmpty(), "no row of the refused file");
    }

    @Test
    void aLargeFileIsStreamedWhole() throws IOException {
        // 8 NPAs × 800 NXXs × 10 thousands blocks: 64,000 rows, many times the copy buffer.
        StringBuilder text = new StringBuilder("\uFEFFprefix,line_type,carrier,ocn\n");
        for (int npa = 201; npa <= 208; npa++) {
            for (int nxx = 200; nxx < 1000; nxx++) {
                for (int block = 0; block < 10; block++) {
                    text.append(npa).append(nxx).append(block).append(block % 2 == 0 ? ",mobile," : ",landline,")
                            .append("Carrier\t").append(nxx).append(",").append(1000 + block).append('\n');
                }
            }
        }
        long started = System.nanoTime();
        PrefixImport done = table.importFile(file("large.csv", text.toString()));
        System.out.printf("prefix table import: %d rows in %d ms%n", done.rows(), (System.nanoTime() - started) / 1_000_000);
        assertEquals(64_000, done.rows());
        Map<String, PrefixEntry> found = table.match(List.of("2012000000", "2089999999", "2055551234"));
        assertEquals(new PrefixEntry("2012000", LineType.MOBILE, "Carrier\t200", "1000", null, null), found.get("2012000000"));
        assertEquals(new PrefixEntry("2089999", LineType.LANDLINE, "Carrier\t999", "1009", null, null), found.get("2089999999"));
        assertEquals(LineType.LANDLINE, found.get("2055551234").lineType());
    }

    @Test
    void onlyTheFirstTwentyBadLinesAreListed() throws IOException {
        String rows = IntStream.range(0, 25).mapToObj(i -> "1" + i + ",mobile").collect(Collectors.joining("\n"));
        String message = assertThrows(PrefixImportException.class,
                () -> table.importFile(file("many.csv", "prefix,line_type\n" + rows))).getMessage();
        assertTrue(message.contains("25 bad lines, the first 20"), message);
        assertTrue(message.contains("line 21:") && !message.contains("line 22:"), message);
    }

    @Test
    void aHeaderItCannotReadIsRefused() throws IOException {
        assertTrue(assertThrows(PrefixImportException.class, () -> table.importFile(file("a.csv", "prefix,line_type,carier\n202555,mobile,x\n")))
                .getMessage().contains("unknown column 'carier'"));
        assertTrue(assertThrows(PrefixImportException.class, () -> table.importFile(file("b.csv", "prefix,carrier\n202555,x\n")))
                .getMessage().contains("needs prefix and line_type"));
        assertTrue(assertThrows(PrefixImportException.class, () -> table.importFile(file("c.csv", "")))
                .getMessage().contains("empty"));
        assertTrue(assertThrows(PrefixImportException.class, () -> table.importFile(file("d.csv", "prefix,line_type\n")))
                .getMessage().contains("no rows"));
        assertTrue(assertThrows(PrefixImportException.class, () -> table.importFile(temp.resolve("missing.csv")))
                .getMessage().contains("cannot read"));
        assertTrue(table.lastImport().isEmpty());
    }

    @Test
    void aNewImportReplacesTheWholeTable() throws IOException {
        table.importFile(file("first.csv", GOOD));
        clock.advance(Duration.ofDays(1));
        PrefixImport second = table.importFile(file("second.csv", "line_type,prefix\nvoip,415555\n"));
        assertEquals(1, second.rows());
        assertEquals(second, table.lastImport().orElseThrow());
        assertTrue(table.match(List.of("2025550143", "2025559876")).isEmpty(), "no row of the first file is left");
        assertEquals(LineType.VOIP, table.match(List.of("4155550000")).get("4155550000").lineType());
    }

    @Test
    void anImportDropsCachedOfflineAnswersSoTheNewTableIsReadAtOnce() throws IOException {
        OrganizationService organizations = new OrganizationService(db, new Ids(clock), clock);
        UsageLedger ledger = new UsageLedger(db, organizations, clock);
        BilledTo billedTo = new BilledTo(organizations.createRoot("Org").id(), null, null, null);
        LineTypeLookup lookup = new LineTypeLookup(db, new OfflineProvider(table, clock), ledger, clock, Duration.ofDays(30));
        db.tx(h -> {
            LineTypeCache.store(h, List.of(new LineInfo("+13125550000", LineType.VOIP, "Telnyx/4", null, null, "telnyx",
                    clock.instant())));
            return null;
        });
        assertEquals(LineType.MOBILE, lookup.lookup(billedTo, List.of("+12125551234")).get("+12125551234").lineType());

        table.importFile(file("good.csv", GOOD));
        LineInfo after = lookup.lookup(billedTo, List.of("+12125551234")).get("+12125551234");
        assertEquals("Cox, \\Communications", after.carrier(), "read from the new table, not the cache");
        int telnyx = db.read(h -> h.createQuery("SELECT count(*) FROM lookup_line_types WHERE provider = 'telnyx'")
                .mapTo(Integer.class).one());
        assertEquals(1, telnyx, "other providers' answers stay");
    }
}
