package org.civicast.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.civicast.testing.TestDatabases;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The first start makes a root organization and key; later starts and racing instances do not. */
class BootstrapTest {

    @Test
    void presetKeyBecomesTheRootKeyOnceOnly() {
        String database = TestDatabases.fresh();
        String preset = TestServer.randomKey();
        try (TestServer first = TestServer.startOn(database, Map.of("CIVICAST_BOOTSTRAP_API_KEY", preset),
                Clock.systemUTC())) {
            assertTrue(first.civicast().createdRootKey().isPresent());
            assertEquals(preset, first.civicast().createdRootKey().get().key());
            var keys = first.client(preset).get("/v1/api-keys").data();
            assertEquals(1, keys.size());
            assertEquals(List.of("read", "write", "admin"),
                    List.of(keys.get(0).get("scopes").get(0).asText(), keys.get(0).get("scopes").get(1).asText(),
                            keys.get(0).get("scopes").get(2).asText()));
        }
        String other = TestServer.randomKey();
        try (TestServer again = TestServer.startOn(database, Map.of("CIVICAST_BOOTSTRAP_API_KEY", other),
                Clock.systemUTC())) {
            assertTrue(again.civicast().createdRootKey().isEmpty(), "a database with a tree is not bootstrapped again");
            assertEquals(401, again.client(other).get("/v1/organizations").status());
            assertEquals(200, again.client(preset).get("/v1/organizations").status());
        }
    }

    @Test
    void instancesStartingTogetherCreateOneRoot() throws Exception {
        String database = TestDatabases.fresh();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<TestServer>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Callable<TestServer> start = () -> TestServer.startOn(database, Map.of(), Clock.systemUTC());
            starts.add(pool.submit(start));
        }
        List<TestServer> servers = new ArrayList<>();
        for (var f : starts) servers.add(f.get());
        pool.shutdown();
        try {
            long created = servers.stream().map(s -> s.civicast().createdRootKey()).filter(Optional::isPresent).count();
            assertEquals(1, created);
            TestServer winner = servers.stream().filter(s -> s.civicast().createdRootKey().isPresent()).findFirst().orElseThrow();
            assertEquals(1, winner.root().get("/v1/organizations").data().size());
        } finally {
            servers.forEach(TestServer::close);
        }
    }
}
