package org.civicast.congress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.civicast.platform.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;

/** {@code admin congress …}: the operator imports, checks and tries a ZIP. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CongressCliTest {
    static Database db;
    static CongressService congress;

    @BeforeAll
    static void open() {
        db = CongressFixtures.database();
        congress = CongressFixtures.service(db, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CongressCli.run(congress, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void statusOfAnEmptyDatabase() {
        Run status = run("status");
        assertEquals(0, status.exit());
        assertEquals(5, status.out().lines().filter(l -> l.endsWith("\tnever imported")).count(), status.out());
        Run lookup = run("lookup", "36602");
        assertEquals(1, lookup.exit());
        assertTrue(lookup.err().contains("no district data yet"), lookup.err());
    }

    @Test
    @Order(2)
    void importsEachKindAndReportsIt() {
        Run districts = run("import", "districts", CongressFixtures.ZCCD.toString());
        assertEquals(0, districts.exit(), districts.err());
        assertTrue(districts.out().startsWith("districts\t42033 rows\tfrom " + CongressFixtures.ZCCD), districts.out());

        Run legislators = run("import", "legislators", CongressFixtures.LEGISLATORS.toString());
        assertEquals(0, legislators.exit(), legislators.err());
        assertEquals(3, legislators.out().lines().count(), legislators.out());
        assertTrue(legislators.out().contains("legislators\t537 rows"), legislators.out());

        Run forms = run("import", "contact-forms", CongressFixtures.CONTACT_CONGRESS.toString());
        assertEquals(0, forms.exit(), forms.err());
        assertTrue(forms.out().startsWith("contact-forms\t789 rows"), forms.out());
        assertTrue(forms.out().contains("\tskipped K000394.yaml line 156"), forms.out());

        Run status = run("status");
        assertTrue(status.out().contains("districts\t42033 rows\timported "), status.out());
        assertTrue(status.out().contains("contact-forms\t789 rows\timported "), status.out());
        assertTrue(status.out().contains("skipped 1\n"), status.out());
        assertTrue(status.out().lines().noneMatch(l -> l.endsWith("never imported")), status.out());
    }

    @Test
    @Order(3)
    void looksUpAZip() {
        Run split = run("lookup", "36602-1234");
        assertEquals(0, split.exit(), split.err());
        assertEquals("""
                ZIP 36602-1234: AL, city Mobile, 2 districts (the address decides)
                AL1    HAL01  M001212  Barry Moore (Republican)  202-225-2901
                AL2    HAL02  F000481  Shomari Figures (Democrat)  202-225-4931
                senate SAL1  T000278  Tommy Tuberville (Republican)  202-224-4124
                senate SAL2  B001319  Katie Boyd Britt (Republican)  202-224-5744
                """, split.out());
        Run dc = run("lookup", "20001");
        assertEquals(2, dc.out().lines().count(), dc.out());
        assertTrue(dc.out().contains("HDC00  N000147  Eleanor Holmes Norton"), dc.out());
    }

    @Test
    @Order(4)
    void refusalsAndMistakesHaveTheirExitCodes() throws Exception {
        Run unknownZip = run("lookup", "00000");
        assertEquals(1, unknownZip.exit());
        assertTrue(unknownZip.err().contains("is no ZCTA"), unknownZip.err());
        assertEquals(2, run("lookup", "3660").exit());
        assertEquals(2, run("import", "votes", "x").exit());
        assertEquals(2, run("import", "districts", "a", "b").exit());
        assertEquals(2, run("frobnicate").exit());
        assertEquals(2, run().exit());
        assertEquals(0, run("help").exit());

        Path bad = Files.createTempFile("zccd", ".csv");
        Files.writeString(bad, "state_fips,state_abbr,zcta,cd\n01,AL,3660,1\n");
        Run refused = run("import", "districts", bad.toString());
        assertEquals(1, refused.exit());
        assertEquals("civicast admin congress: import refused, nothing changed: " + bad.getFileName()
                + " line 2: ZCTA '3660' is not five digits\n", refused.err());
        assertEquals(1, run("import", "districts", "/no/such/file.csv").exit());
        assertEquals(0, run("lookup", "36602").exit(), "the old data still answers");
    }
}
