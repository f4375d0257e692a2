package org.civicast.platform.db;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A stand-in Civicast server for tests that need the data directory held by another process:
 * starts the embedded database, writes a row, prints {@code READY}, and closes the database when
 * it reads {@code CLOSE} (or end of input) — unless it is killed first. Arguments: the data
 * directory, and optionally the directory for the PostgreSQL programs.
 */
public final class EmbeddedDatabaseChild {
    public static void main(String[] args) throws Exception {
        Path programs = args.length > 1 ? Path.of(args[1]) : null;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]), programs, 0)) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS notes (body text NOT NULL)");
                s.execute("INSERT INTO notes (body) VALUES ('written by child')");
            }
            System.out.println("READY " + db.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("CLOSE")) {
                // wait for the test to tell us to stop
            }
        } catch (Throwable e) {
            System.out.println("FAILED " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
        System.out.println("CLOSED");
        System.exit(0);
    }
}
