package org.civicast.lookup.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civicast.lookup.LineInfo;
import org.civicast.lookup.LineType;
import org.civicast.lookup.PrefixTable;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DatabaseAddress;
import org.civicast.testing.MutableClock;
import org.civicast.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@link OfflineProvider}: libphonenumber alone, then with an imported prefix table. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LookupOfflineProviderTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2025-07-01T08:00:00Z"));
    static Database db;
    static PrefixTable table;
    static OfflineProvider offline;

    @BeforeAll
    static void open() {
        db = Database.connect(DatabaseAddress.parse(TestDatabases.fresh(), null, null), 4, null);
        db.migrate();
        table = new PrefixTable(db, CLOCK);
        offline = new OfflineProvider(table, CLOCK);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static LineType type(Map<String, LineInfo> found, String number) {
        return found.get(number).lineType();
    }

    @Test
    @Order(1)
    void withoutATableTheNumberingPlanDecides() {
        Map<String, LineInfo> found = offline.lookup(List.of("+12025550143", "+18005550199", "+19005550123", "+12005550100",
                "+1202555014", "+447400123456", "+442079460000", "+5215512345678"));
        assertEquals(new LineInfo("+12025550143", LineType.MOBILE, null, null, null, "offline", CLOCK.instant()),
                found.get("+12025550143"), "North American numbers are fixed line or mobile; reported mobile, no carrier");
        assertEquals(LineType.LANDLINE, type(found, "+18005550199"), "toll-free");
        assertEquals(LineType.LANDLINE, type(found, "+19005550123"), "premium rate");
        assertEquals(LineType.INVALID, type(found, "+12005550100"), "area code 200 does not exist");
        assertEquals(LineType.INVALID, type(found, "+1202555014"), "nine digits");
        assertEquals(LineType.MOBILE, type(found, "+447400123456"), "a UK mobile range");
        assertEquals(LineType.LANDLINE, type(found, "+442079460000"), "a London fixed line");
        assertEquals(LineType.INVALID, type(found, "+5215512345678"), "Mexico's retired mobile 1");
        assertEquals(8, found.size());
    }

    @Test
    @Order(2)
    void withATableItsLongestPrefixDecidesNorthAmericanNumbers(@TempDir Path temp) throws IOException {
        table.importFile(Files.writeString(temp.resolve("table.csv"), """
                prefix,line_type,carrier,ocn,lrn,ported
                202555,landline,Verizon Washington DC,9206,,
                2025551,voip,Bandwidth.com CLEC,981E,,
                2025550143,mobile,T-Mobile USA,6529,2025550000,true
                2024561,invalid,,,,
                447400,voip,A North American Prefix,,,
                """));
        Map<String, LineInfo> found = offline.lookup(List.of("+12025550143", "+12025551234", "+12025559876", "+12024561111",
                "+12125551234", "+447400123456", "+12005550100"));
        assertEquals(new LineInfo("+12025550143", LineType.MOBILE, "T-Mobile USA", "2025550000", true, "offline",
                CLOCK.instant()), found.get("+12025550143"));
        assertEquals(new LineInfo("+12025551234", LineType.VOIP, "Bandwidth.com CLEC", null, null, "offline", CLOCK.instant()),
                found.get("+12025551234"));
        assertEquals(new LineInfo("+12025559876", LineType.LANDLINE, "Verizon Washington DC", null, null, "offline",
                CLOCK.instant()), found.get("+12025559876"));
        assertEquals(LineType.INVALID, type(found, "+12024561111"), "a block the table marks unassigned");
        assertEquals(new LineInfo("+12125551234", LineType.MOBILE, null, null, null, "offline", CLOCK.instant()),
                found.get("+12125551234"), "no row: the numbering plan's answer");
        assertEquals(LineType.MOBILE, type(found, "+447400123456"), "the table is North American only");
        assertEquals(LineType.INVALID, type(found, "+12005550100"), "no table makes an invalid number valid");
    }
}
