package org.civicast.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh, empty database for each test server. By default they live in one embedded PostgreSQL
 * per test JVM; with CIVICAST_TEST_DATABASE_URL (a jdbc:postgresql:// URL of a user allowed to
 * create databases) they live on that external server instead, which is how CI proves both.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres embedded;
    private static final java.util.List<String> CREATED = new java.util.ArrayList<>();

    /** A JDBC URL (with credentials as parameters) of a new empty database. */
    public static synchronized String fresh() {
        String name = "civicast_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        String admin = adminUrl();
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
            if (external() && CREATED.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropCreated));
            }
            CREATED.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + admin.replaceAll("password=[^&]*", "password=***"), e);
        }
        return withDatabase(admin, name);
    }

    /** An external server outlives the test run; leave it as it was found. */
    private static synchronized void dropCreated() {
        try (Connection c = DriverManager.getConnection(adminUrl()); Statement s = c.createStatement()) {
            for (String name : CREATED) s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test databases " + CREATED + ": " + e.getMessage());
        }
    }

    public static boolean external() {
        String url = System.getenv("CIVICAST_TEST_DATABASE_URL");
        return url != null && !url.isBlank();
    }

    private static String adminUrl() {
        if (external()) return System.getenv("CIVICAST_TEST_DATABASE_URL");
        if (embedded == null) {
            try {
                // fsync stays off here: these databases are thrown away, and speed keeps the suite short.
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start embedded PostgreSQL for tests", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }));
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    /**
     * A directory for the embedded server's PostgreSQL programs shared by every test (in the build
     * directory), so that tests on new data directories do not each unpack their own copy.
     */
    public static Path postgresPrograms() {
        try {
            Path testClasses = Path.of(TestDatabases.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent().resolve("pg-binaries");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the database name in a JDBC URL, keeping host, port and parameters. */
    static String withDatabase(String url, String name) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        return hostPart + "/" + name + params;
    }

    private TestDatabases() {}
}
