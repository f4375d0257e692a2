package org.civicast.platform.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded cluster password-only: which password it starts with, setting it on a
 * cluster that still trusts local users, and refusing to run one whose rules trust anyone.
 */
final class ClusterAuthentication {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String USER = EmbeddedDatabase.USER;
    /** How long a reloaded pg_hba.conf may take to apply to new connections. */
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);

    /**
     * The password to start pgDir with: the stored one, or a new one where none can be set yet
     * (a cluster still to be made, or one that trusts everyone and gets it set once started).
     */
    static String clusterPassword(Path pgDir, Path passwordFile, boolean trusting) throws IOException {
        Optional<String> stored = PasswordAuth.read(passwordFile);
        if (stored.isPresent()) {
            return stored.get();
        }
        if (trusting || !Files.exists(pgDir.resolve(PasswordAuth.HBA_FILE))) {
            return PasswordAuth.create(passwordFile);
        }
        throw new IllegalStateException(passwordFile + " is missing, and PostgreSQL in " + pgDir + " needs the "
                + "password that was in it. Restore the file from a backup; or, to set a new password, change "
                + "the method of every line in " + pgDir.resolve(PasswordAuth.HBA_FILE) + " to trust and start "
                + "again: a new password is then generated and the file set back to " + PasswordAuth.METHOD);
    }

    /**
     * Gives the superuser its password, then makes pg_hba.conf ask for it, in that order, so that a
     * crash in between leaves a cluster that still trusts, which the next start secures again.
     */
    static void requirePassword(Path pgDir, int port, String password) throws IOException, SQLException {
        log.warn("PostgreSQL in {} lets local users in without a password; setting one and requiring it", pgDir);
        try (Connection c = connect(port, password)) {
            // Sends only the SCRAM verifier, never the password itself (which a statement log would keep).
            c.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), PasswordAuth.METHOD);
        }
        PasswordAuth.requirePasswordInHba(pgDir);
        checkNoTrust(pgDir, port, password); // a file PostgreSQL could not parse would not be reloaded
        try (Connection c = connect(port, password); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        }
        // The postmaster rereads pg_hba.conf when it gets round to the signal.
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (acceptsWithoutPassword(port)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("PostgreSQL in " + pgDir + " still lets clients in without a "
                        + "password " + RELOAD_WAIT.toSeconds() + " s after reloading its configuration");
            }
            Sleep.millis(50);
        }
        log.info("PostgreSQL in {} now requires the password", pgDir);
    }

    /** Refuses to run a cluster whose pg_hba.conf (includes too, as PostgreSQL reads it) trusts anyone. */
    static void checkNoTrust(Path pgDir, int port, String password) throws SQLException {
        try (Connection c = connect(port, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(file_name || ':' || line_number, ', ') "
                     + "FILTER (WHERE auth_method = 'trust'), "
                     + "string_agg(file_name || ':' || line_number || ' ' || error, '; ') "
                     + "FILTER (WHERE error IS NOT NULL) FROM pg_hba_file_rules")) {
            rs.next();
            String errors = rs.getString(2);
            if (errors != null) {
                throw new IllegalStateException("PostgreSQL cannot read the authentication rules of " + pgDir
                        + ": " + errors);
            }
            String trusting = rs.getString(1);
            if (trusting != null) {
                throw new IllegalStateException("PostgreSQL in " + pgDir + " would let clients in without a "
                        + "password (trust at " + trusting + "); change those lines to " + PasswordAuth.METHOD);
            }
        }
    }

    static boolean acceptsWithoutPassword(int port) throws SQLException {
        try (Connection c = connect(port, null)) {
            return true;
        } catch (SQLException e) {
            // 28xxx: invalid authorization; 08004: pgjdbc's "the server requested a password, but none was given".
            String state = e.getSQLState();
            if (state != null && (state.startsWith("28") || state.equals("08004"))) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the server takes password: false while it cannot answer yet; its refusal (28P01) is thrown. */
    static boolean accepts(int port, String password) throws SQLException {
        try (Connection c = connect(port, password)) {
            return true;
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                throw e;
            }
            return false;
        }
    }

    static Connection connect(int port, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", USER, password);
    }

    /** zonky retries a failing readiness check until its wait runs out, and then reports the last failure. */
    static boolean rejectedPassword(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "28P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private ClusterAuthentication() {}
}
