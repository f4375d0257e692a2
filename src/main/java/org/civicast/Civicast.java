package org.civicast;

import io.javalin.Javalin;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.civicast.keys.ApiKey;
import org.civicast.keys.Bootstrap;
import org.civicast.platform.StartupPhases;
import org.civicast.platform.config.Config;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DatabaseAddress;
import org.civicast.platform.db.EmbeddedDatabase;
import java.util.List;
import org.civicast.platform.http.ApiSurface;
import org.civicast.platform.http.HttpServer;
import org.civicast.platform.http.Json;
import org.civicast.platform.http.tls.HttpsConnector;
import org.civicast.platform.idempotency.IdempotentRequests;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;
import org.civicast.congress.CongressData;
import org.civicast.platform.jobs.Jobs;
import org.civicast.platform.metrics.Metrics;
import org.civicast.platform.secrets.SecretBox;
import org.civicast.platform.metrics.MetricsAccess;
import org.civicast.platform.metrics.MetricsListener;
import org.civicast.platform.openapi.OpenApiDocument;
import org.civicast.platform.ratelimit.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running server: its database, its services and its HTTPS listener, wired together. */
public final class Civicast implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Civicast.class);
    public static final String VERSION = "0.1.0";

    private final EmbeddedDatabase embedded;
    private final Database db;
    private final Javalin http;
    private final MetricsListener metricsListener;
    private final Jobs jobs;
    private final java.util.List<String> routes;
    private final ScheduledExecutorService housekeeping;
    private final Optional<ApiKey.Created> createdRootKey;

    private final Features features;

    private Civicast(EmbeddedDatabase embedded, Database db, Javalin http, MetricsListener metricsListener, Jobs jobs,
                     java.util.List<String> routes,
                     ScheduledExecutorService housekeeping, Optional<ApiKey.Created> createdRootKey, Features features) {
        this.features = features;
        this.embedded = embedded;
        this.db = db;
        this.http = http;
        this.metricsListener = metricsListener;
        this.jobs = jobs;
        this.routes = routes;
        this.housekeeping = housekeeping;
        this.createdRootKey = createdRootKey;
    }

    public static Civicast start(Config config, Clock clock) {
        StartupPhases phases = new StartupPhases();
        // Neither needs the database, so they are made while it starts.
        CompletableFuture<Metrics> metricsMade = phases.inParallel("metrics", Metrics::new);
        CompletableFuture<HttpsConnector.Prepared> tls = phases.inParallel("tls", () -> HttpsConnector.prepare(config));
        EmbeddedDatabase embedded = null;
        Database db = null;
        MetricsListener metricsListener = null;
        try {
            if (config.embeddedDatabase()) {
                embedded = phases.time("database", () -> EmbeddedDatabase.start(config.dataDir(),
                        config.embeddedDatabaseBinariesDir(), config.embeddedDatabasePort()));
            }
            Metrics metrics = StartupPhases.join(metricsMade);
            db = connect(config, embedded, metrics, phases);
            Database database = db;

            Features features = Features.wire(db, clock, config, SecretBox.load(config));
            features.brands().sealStoredTokens();
            RateLimiter rateLimiter = features.rateLimiter();
            IdempotentRequests idempotent = new IdempotentRequests(db, clock, config.idempotencyTtl());
            Optional<ApiKey.Created> rootKey = phases.time("bootstrap", () -> new Bootstrap(database,
                    features.organizations(), features.keys(), features.authTokens())
                    .ensureRoot(config.bootstrapApiKey(), config.bootstrapAuthToken()));
            if (config.congressLoadOnStart()) {
                phases.time("congress", () -> {
                    CongressData.ensureLoaded(features.congress(), config.congressLegislators(),
                            config.congressDistricts(), config.congressContactForms());
                    return null;
                });
            }
            List<ApiSurface> surfaces = ApiRoutes.surfaces(features, config.advocacyConcurrentRequests());
            HttpServer server = new HttpServer(config, surfaces, rateLimiter, idempotent, db, metrics, clock)
                    .tls(StartupPhases.join(tls));
            ApiRoutes.publicFiles(features, server);
            ApiRoutes.hostSites(features, server);
            for (ApiSurface surface : surfaces) {
                // Served on request only: written beside the listener's start, off the way to ready.
                CompletableFuture<byte[]> document = phases.inParallel("openapi " + surface.prefix(),
                        () -> Json.bytes(OpenApiDocument.of(surface,
                                (config.publicBaseUrl() != null ? config.publicBaseUrl() : "") + surface.prefix(), VERSION)));
                server.publicGet(surface.documentPath(),
                        ctx -> ctx.contentType("application/json").result(StartupPhases.join(document)));
            }
            MetricsAccess metricsAccess = new MetricsAccess(config.metricsToken());
            if (config.metricsAddress() != null) {
                metricsListener = MetricsListener.start(config.metricsAddress(), metrics, metricsAccess);
            } else {
                server.publicGet("/metrics", ctx -> scrape(ctx, metrics, metricsAccess));
            }
            Javalin created = phases.time("javalin", () -> server
                    .publicGet("/healthz", ctx -> ctx.json(Map.of("status", "ok")))
                    .publicGet("/readyz", ctx -> {
                        boolean ready = database.reachable();
                        ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ready" : "database unreachable"));
                    })
                    .create());
            Javalin http = phases.time("https", created::start);

            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("housekeeping").factory());
            housekeeping.scheduleWithFixedDelay(() -> {
                try {
                    idempotent.purgeExpired();
                    rateLimiter.purgeQuietAddresses();
                } catch (RuntimeException e) {
                    log.warn("Housekeeping failed; will retry", e);
                }
            }, 1, 10, TimeUnit.MINUTES);
            if (config.delivery().jobWorkers() > 0) features.jobs().start(config.delivery().jobWorkers());
            log.info(phases.summary());
            return new Civicast(embedded, db, http, metricsListener, features.jobs(), server.registeredRoutes(),
                    housekeeping, rootKey, features);
        } catch (RuntimeException e) {
            if (metricsListener != null) metricsListener.close();
            if (db != null) db.close();
            if (embedded != null) embedded.close();
            throw e;
        }
    }

    /** The metrics on the HTTPS port, for whoever reaches it or only with the configured bearer token. */
    private static void scrape(io.javalin.http.Context ctx, Metrics metrics, MetricsAccess access) {
        if (!access.allows(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(ErrorCode.METRICS_TOKEN_REQUIRED, "Send the metrics token as Authorization: Bearer <token>");
        }
        ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape());
    }

    /** Connects to the configured database (or the embedded one) and brings its schema up to date. */
    static Database connect(Config config, EmbeddedDatabase embedded, Metrics metrics) {
        return connect(config, embedded, metrics, new StartupPhases());
    }

    private static Database connect(Config config, EmbeddedDatabase embedded, Metrics metrics, StartupPhases phases) {
        DatabaseAddress address = embedded != null
                ? new DatabaseAddress(embedded.jdbcUrl(), embedded.user(), embedded.password())
                : DatabaseAddress.parse(config.databaseUrl(), config.databaseUser(), config.databasePassword());
        Database db = phases.time("pool", () -> Database.connect(address, config.databasePoolSize(),
                metrics == null ? null : metrics.registry()));
        try {
            phases.run("migrations", db::migrate);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public int port() {
        return http.port();
    }

    /** The port of the separate metrics listener, when CIVICAST_METRICS_ADDRESS asks for one. */
    public java.util.OptionalInt metricsPort() {
        return metricsListener == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(metricsListener.port());
    }

    /** Every endpoint the HTTP router serves, as "METHOD /path". */
    public java.util.List<String> routes() {
        return routes;
    }

    /**
     * The feature service of this type, as the composition root built it: for an operator's tools
     * and for tests that plug in what a later feature would (a project using a list).
     */
    public <T> T service(Class<T> type) {
        for (var component : Features.class.getRecordComponents()) {
            if (type.isAssignableFrom(component.getType())) {
                try {
                    return type.cast(component.getAccessor().invoke(features));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("no service " + type.getName());
    }

    public Database database() {
        return db;
    }

    /** The root key made by this start on an empty database, shown to the operator once. */
    public Optional<ApiKey.Created> createdRootKey() {
        return createdRootKey;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        http.stop();
        if (metricsListener != null) metricsListener.close();
        jobs.close();
        features.gateway().close();
        db.close();
        if (embedded != null) embedded.close();
    }
}
