package org.civicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.civicast.platform.config.Config;
import org.civicast.testing.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code admin lookup …}: the operator imports the offline provider's prefix table and checks it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LookupAdminCliTest {
    static Config config;
    static Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("lookup-cli");
        config = Config.load(Map.of("CIVICAST_DATABASE_URL", TestDatabases.fresh(),
                "CIVICAST_DATA_DIR", dir.resolve("data").toString()));
    }

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(config, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void statusBeforeAnyImport() {
        Run status = run("lookup", "status");
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("provider\toffline"), status.out());
        assertTrue(status.out().contains("prefix table\tnever imported"), status.out());
    }

    @Test
    @Order(2)
    void importsAGoodFileAndRefusesABadOne() throws IOException {
        Path good = Files.writeString(dir.resolve("prefixes.csv"), """
                prefix,line_type,carrier
                202555,landline,Verizon Washington DC
                2025551,voip,Bandwidth.com CLEC
                415555,mobile,T-Mobile USA
                """);
        Run imported = run("lookup", "import", good.toString());
        assertEquals(0, imported.exit(), imported.err());
        assertEquals("prefix table\t3 rows\tfrom " + good + "\n", imported.out());

        Path bad = Files.writeString(dir.resolve("bad.csv"), "prefix,line_type\n212555,mobile\n21255,mobile\n");
        Run refused = run("lookup", "import", bad.toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("import refused, nothing changed"), refused.err());
        assertTrue(refused.err().contains("line 3: prefix '21255'"), refused.err());

        Run status = run("lookup", "status");
        assertTrue(status.out().contains("prefix table\t3 rows\timported "), status.out());
        assertTrue(status.out().contains("from " + good), status.out());
    }

    @Test
    @Order(3)
    void badUsageExitsWithTwo() {
        Run missing = run("lookup", "import");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("lookup import FILE"), missing.err());
        Run help = run("help");
        assertTrue(help.err().contains("lookup status"), help.err());
    }
}
