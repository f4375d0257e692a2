package org.civicast.platform.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
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

    /**
     * SCRAM iterations of the superuser's stored password. Each login derives its key that many
     * times over, on both sides; the 4,096 PostgreSQL and the JDBC driver use by default make the
     * first logins of a start, before the JIT has compiled SHA-256, cost a good part of a second.
     * The iterations only slow down guessing a weak password from a stolen pg_authid; this one is
     * 256 random bits, kept in plain text in the data directory beside the cluster anyway.
     */
    static final int SCRAM_ITERATIONS = 16;

    /**
     * Stores the password again with {@link #SCRAM_ITERATIONS} when it was stored with more (once
     * per cluster). Only a speed-up: when it cannot, the start goes on.
     */
    static void lightenStoredPassword(Path pgDir, int port, String password) {
        try (Connection c = connect(port, password); Statement s = c.createStatement()) {
            String stored;
            try (ResultSet rs = s.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = '" + USER + "'")) {
                rs.next();
                stored = rs.getString(1);
            }
            if (scramIterations(stored) <= SCRAM_ITERATIONS) {
                return;
            }
            // The verifier only, never the password itself (which a statement log would keep).
            s.execute("ALTER ROLE " + USER + " PASSWORD '" + scramVerifier(password, SCRAM_ITERATIONS) + "'");
            log.info("PostgreSQL in {}: stored the password with {} SCRAM iterations instead of {}, for quicker logins",
                    pgDir, SCRAM_ITERATIONS, scramIterations(stored));
        } catch (SQLException | RuntimeException e) {
            log.warn("PostgreSQL in {}: could not store the password for quicker logins: {}", pgDir, e.toString());
        }
    }

    /** The iterations of a stored SCRAM-SHA-256 verifier; 0 when it is not one. */
    static int scramIterations(String stored) {
        if (stored == null || !stored.startsWith("SCRAM-SHA-256$")) {
            return 0;
        }
        try {
            return Integer.parseInt(stored.substring("SCRAM-SHA-256$".length(), stored.indexOf(':')));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * PostgreSQL's stored form of a SCRAM-SHA-256 password (RFC 5802 and 7677; PostgreSQL's
     * scram_build_secret): {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}.
     * Our passwords are URL-safe Base64, which SASLprep leaves as it is.
     */
    static String scramVerifier(String password, int iterations) {
        try {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salted, "HmacSHA256"));
            byte[] clientKey = mac.doFinal("Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] serverKey = mac.doFinal("Server Key".getBytes(StandardCharsets.US_ASCII));
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            Base64.Encoder base64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + base64.encodeToString(salt) + "$"
                    + base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute a SCRAM-SHA-256 verifier", e);
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
