package org.civicast.congress;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DatabaseAddress;
import org.civicast.testing.TestDatabases;

/** Fresh databases and the data files the congress tests read. */
final class CongressFixtures {
    /** The copies shipped in the jar: the real upstream files. */
    static final Path SHIPPED = Path.of("src/main/resources/congress");
    static final Path LEGISLATORS = SHIPPED.resolve("legislators");
    static final Path ZCCD = SHIPPED.resolve("zccd.csv");
    static final Path CONTACT_CONGRESS = SHIPPED.resolve("contact-congress");
    static final Path FIXTURES = Path.of("src/test/resources/congress");
    static final Path CENSUS_SAMPLE = FIXTURES.resolve("census-cd119-zcta-sample.txt");

    static Database database() {
        return database(TestDatabases.fresh());
    }

    static Database database(String url) {
        Database db = Database.connect(DatabaseAddress.parse(url, null, null), 4, null);
        db.migrate();
        return db;
    }

    static CongressService service(Database db, Clock clock) {
        return new CongressService(db, clock, Duration.ofSeconds(30));
    }

    static List<String> legislatorFiles() {
        return List.of(LEGISLATORS.resolve("legislators-current.yaml").toString(),
                LEGISLATORS.resolve("legislators-district-offices.yaml").toString(),
                LEGISLATORS.resolve("legislators-social-media.yaml").toString());
    }

    private CongressFixtures() {}
}
