package org.civicast.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The one PostgreSQL database: a connection pool, migrations, and transactions that nest.
 *
 * <p>A transaction opened by an outer caller (the idempotency layer wraps a whole write request
 * in one) is joined by every inner {@link #tx} on the same thread, so a request's effects and its
 * stored idempotent response commit or roll back together.
 */
public final class Database implements AutoCloseable {
    private static final ThreadLocal<Handle> AMBIENT = new ThreadLocal<>();

    private final HikariDataSource pool;
    private final HikariDataSource relaxedPool;
    private final Jdbi jdbi;
    private final Jdbi relaxed;

    private Database(HikariDataSource pool, HikariDataSource relaxedPool) {
        this.pool = pool;
        this.relaxedPool = relaxedPool;
        this.jdbi = Jdbi.create(pool).installPlugin(new PostgresPlugin());
        this.relaxed = Jdbi.create(relaxedPool).installPlugin(new PostgresPlugin());
    }

    public static Database connect(DatabaseAddress address, int poolSize, MeterRegistry metrics) {
        HikariDataSource main = pool(address, "civicast", poolSize, metrics, null, true);
        try {
            // The main pool has proved the database reachable; this one connects in the background.
            return new Database(main, pool(address, "civicast-relaxed", Math.max(2, poolSize / 4), metrics,
                    "SET synchronous_commit TO off", false));
        } catch (RuntimeException e) {
            main.close();
            throw e;
        }
    }

    /** connectNow: open a first connection before returning, failing when the database cannot be reached. */
    private static HikariDataSource pool(DatabaseAddress address, String name, int size, MeterRegistry metrics,
                                         String initSql, boolean connectNow) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(address.jdbcUrl());
        if (address.user() != null) hikari.setUsername(address.user());
        if (address.password() != null) hikari.setPassword(address.password());
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(Math.min(2, size));
        hikari.setPoolName(name);
        hikari.setConnectionTimeout(10_000);
        if (initSql != null) hikari.setConnectionInitSql(initSql);
        if (!connectNow) hikari.setInitializationFailTimeout(-1);
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("ApplicationName", name);
        if (metrics != null) hikari.setMetricRegistry(metrics);
        return new HikariDataSource(hikari);
    }

    public void migrate() {
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * A connection of its own, outside the pools, for a session that outlives any transaction
     * (LISTEN): held in a pool it would take a slot from requests for as long as the server runs.
     * The caller closes it.
     */
    public Connection openSession(String applicationName) throws SQLException {
        Properties properties = new Properties();
        if (pool.getUsername() != null) properties.setProperty("user", pool.getUsername());
        if (pool.getPassword() != null) properties.setProperty("password", pool.getPassword());
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    /** Runs work in a transaction, joining the caller's transaction when there is one. */
    public <T> T tx(Function<Handle, T> work) {
        Handle current = AMBIENT.get();
        if (current != null) return work.apply(current);
        return jdbi.inTransaction(handle -> {
            AMBIENT.set(handle);
            try {
                return work.apply(handle);
            } finally {
                AMBIENT.remove();
            }
        });
    }

    /** Runs a read on the caller's transaction if there is one, else on its own connection. */
    public <T> T read(Function<Handle, T> work) {
        Handle current = AMBIENT.get();
        if (current != null) return work.apply(current);
        return jdbi.withHandle(work::apply);
    }

    /**
     * One statement, committed on its own without waiting for the disk: for counters whose loss
     * in a crash is harmless (rate-limit windows). Never joins the caller's transaction, so a
     * hot counter row is locked only for the statement itself, not for a whole request.
     */
    public <T> T relaxedWrite(Function<Handle, T> statement) {
        return relaxed.withHandle(statement::apply);
    }

    public boolean reachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        relaxedPool.close();
        pool.close();
    }
}
