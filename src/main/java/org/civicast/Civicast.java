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
import org.civicast.keys.ApiKeyService;
import org.civicast.keys.Bootstrap;
import org.civicast.orgs.BrandService;
import org.civicast.orgs.CampaignService;
import org.civicast.orgs.Hierarchy;
import org.civicast.orgs.OrganizationService;
import org.civicast.orgs.PhoneNumberService;
import org.civicast.orgs.TollFreeVerificationService;
import org.civicast.orgs.TrackingDomainService;
import org.civicast.platform.StartupPhases;
import org.civicast.platform.config.Config;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DatabaseAddress;
import org.civicast.platform.db.EmbeddedDatabase;
import org.civicast.platform.http.Api;
import org.civicast.platform.http.HttpServer;
import org.civicast.platform.http.Json;
import org.civicast.platform.http.tls.HttpsConnector;
import org.civicast.platform.idempotency.IdempotentRequests;
import org.civicast.platform.ids.Ids;
import org.civicast.platform.metrics.Metrics;
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
    private final java.util.List<String> routes;
    private final ScheduledExecutorService housekeeping;
    private final Optional<ApiKey.Created> createdRootKey;

    private Civicast(EmbeddedDatabase embedded, Database db, Javalin http, java.util.List<String> routes,
                     ScheduledExecutorService housekeeping, Optional<ApiKey.Created> createdRootKey) {
        this.embedded = embedded;
        this.db = db;
        this.http = http;
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
        try {
            if (config.embeddedDatabase()) {
                embedded = phases.time("database", () -> EmbeddedDatabase.start(config.dataDir(),
                        config.embeddedDatabaseBinariesDir(), config.embeddedDatabasePort()));
            }
            Metrics metrics = StartupPhases.join(metricsMade);
            db = connect(config, embedded, metrics, phases);
            Database database = db;

            Ids ids = new Ids(clock);
            RateLimiter rateLimiter = new RateLimiter(db, clock);
            IdempotentRequests idempotent = new IdempotentRequests(db, clock, config.idempotencyTtl());
            OrganizationService organizations = new OrganizationService(db, ids, clock);
            ApiKeyService keys = new ApiKeyService(db, organizations, rateLimiter, ids, clock);
            Optional<ApiKey.Created> rootKey = phases.time("bootstrap",
                    () -> new Bootstrap(database, organizations, keys).ensureRoot(config.bootstrapApiKey()));

            BrandService brands = new BrandService(db, organizations, ids, clock);
            CampaignService campaigns = new CampaignService(db, organizations, ids, clock, brands);
            TollFreeVerificationService tollFree = new TollFreeVerificationService(db, organizations, ids, clock);
            PhoneNumberService phoneNumbers =
                    new PhoneNumberService(db, organizations, ids, clock, campaigns, tollFree);
            TrackingDomainService trackingDomains = new TrackingDomainService(db, organizations, ids, clock);
            Api api = ApiRoutes.all(new ApiRoutes.Services(
                    organizations, new Hierarchy(db, organizations), keys,
                    brands, campaigns, phoneNumbers, trackingDomains, tollFree));
            // Served on request only: written beside the listener's start, off the way to ready.
            CompletableFuture<byte[]> openApi = phases.inParallel("openapi", () -> Json.bytes(OpenApiDocument.of(api,
                    config.publicBaseUrl() != null ? config.publicBaseUrl() + "/v1" : "/v1", VERSION)));
            HttpServer server = new HttpServer(config, api, keys, rateLimiter, idempotent, db, metrics, clock)
                    .tls(StartupPhases.join(tls));
            Javalin created = phases.time("javalin", () -> server
                    .publicGet("/healthz", ctx -> ctx.json(Map.of("status", "ok")))
                    .publicGet("/readyz", ctx -> {
                        boolean ready = database.reachable();
                        ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ready" : "database unreachable"));
                    })
                    .publicGet("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()))
                    .publicGet("/v1/openapi.json", ctx -> ctx.contentType("application/json")
                            .result(StartupPhases.join(openApi)))
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
            log.info(phases.summary());
            return new Civicast(embedded, db, http, server.registeredRoutes(), housekeeping, rootKey);
        } catch (RuntimeException e) {
            if (db != null) db.close();
            if (embedded != null) embedded.close();
            throw e;
        }
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

    /** Every endpoint the HTTP router serves, as "METHOD /path". */
    public java.util.List<String> routes() {
        return routes;
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
        db.close();
        if (embedded != null) embedded.close();
    }
}
