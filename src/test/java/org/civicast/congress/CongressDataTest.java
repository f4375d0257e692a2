package org.civicast.congress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.civicast.platform.db.Database;
import org.civicast.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** The first start loads what the database lacks: once, from the configured files or the shipped ones. */
class CongressDataTest {

    @Test
    void instancesStartingTogetherLoadTheDataOnce() {
        String url = TestDatabases.fresh();
        try (Database a = CongressFixtures.database(url); Database b = CongressFixtures.database(url)) {
            CongressService first = CongressFixtures.service(a, Clock.systemUTC());
            CongressService second = CongressFixtures.service(b, Clock.systemUTC());
            CompletableFuture<Void> one = CompletableFuture.runAsync(() -> CongressData.ensureLoaded(first, List.of(), null, null));
            CompletableFuture<Void> two = CompletableFuture.runAsync(() -> CongressData.ensureLoaded(second, List.of(), null, null));
            one.join();
            two.join();
            // Each import takes the next generation: five kinds loaded once end at generation 5.
            assertEquals(5, first.status().stream().mapToLong(ImportStatus::generation).max().orElseThrow());
            assertEquals(537, first.members().size());
            assertEquals(537, second.members().size());
        }
    }

    @Test
    void configuredFilesAreLoadedInsteadOfTheShippedOnes() {
        try (Database db = CongressFixtures.database()) {
            CongressService congress = CongressFixtures.service(db, Clock.systemUTC());
            CongressData.ensureLoaded(congress,
                    List.of(CongressFixtures.FIXTURES.resolve("legislators-mini.json").toString()),
                    CongressFixtures.CENSUS_SAMPLE.toString(), null);
            assertEquals(5, congress.members().size());
            assertEquals(11, congress.snapshotCounts().get("zcta_rows"));
            // The configured legislators file had no offices or accounts: those come from the jar.
            assertEquals("shipped:legislators/legislators-district-offices.yaml", source(congress, ImportKind.DISTRICT_OFFICES));
            assertEquals(CongressFixtures.CENSUS_SAMPLE.toString(), source(congress, ImportKind.DISTRICTS));
            assertEquals("shipped:contact-congress", source(congress, ImportKind.CONTACT_FORMS));
        }
    }

    @Test
    void anUnreadableConfiguredFileFallsBackToTheShippedCopy() {
        try (Database db = CongressFixtures.database()) {
            CongressService congress = CongressFixtures.service(db, Clock.systemUTC());
            CongressData.ensureLoaded(congress, List.of(), "/no/such/zccd.csv", null);
            assertEquals(42033, congress.snapshotCounts().get("zcta_rows"));
            assertEquals("shipped:zccd.csv", source(congress, ImportKind.DISTRICTS));
        }
    }

    private static String source(CongressService congress, ImportKind kind) {
        return congress.status().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow().source();
    }
}
