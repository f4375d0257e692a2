package org.civicast.platform.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.civicast.platform.auth.Authenticator;
import org.civicast.platform.config.Config;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.tls.HttpsConnector;
import org.civicast.platform.http.tls.TransportSecurity;
import org.civicast.platform.idempotency.IdempotentRequests;
import org.civicast.platform.metrics.Metrics;
import org.civicast.platform.ratelimit.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server: request ids, HTTPS-only, admission of /v1 requests, the API routes through
 * the {@link RequestPipeline}, and one error format for everything that goes wrong.
 */
public final class HttpServer {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    static final String REQUEST_ID = "civicast.requestId";

    private final Config config;
    private final Api api;
    private final Gate gate;
    private final RequestPipeline pipeline;
    private final Metrics metrics;
    private final Map<String, Handler> publicRoutes = new LinkedHashMap<>();
    private final java.util.List<String> registered = new java.util.concurrent.CopyOnWriteArrayList<>();
    private HttpsConnector.Prepared tls;

    public HttpServer(Config config, Api api, Authenticator authenticator, RateLimiter rateLimiter,
                      IdempotentRequests idempotent, Database db, Metrics metrics, Clock clock) {
        this.config = config;
        this.api = api;
        this.gate = new Gate(authenticator, rateLimiter, config.rateLimitPerHour(), clock);
        this.pipeline = new RequestPipeline(db, idempotent);
        this.metrics = metrics;
    }

    /** TLS set up ahead (see {@link HttpsConnector#prepare}); without it, {@link #create} sets it up. */
    public HttpServer tls(HttpsConnector.Prepared prepared) {
        this.tls = prepared;
        return this;
    }

    /** A GET route outside the key-authenticated API: health, metrics, the OpenAPI document. */
    public HttpServer publicGet(String path, Handler handler) {
        publicRoutes.put(path, handler);
        return this;
    }

    public Javalin create() {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.prefer405over404 = true;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                // On SIGTERM, requests already being served get this long to finish.
                server.setStopTimeout(10_000);
            });
            cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
            cfg.jetty.addConnector((server, httpConfig) -> {
                httpConfig.setSendServerVersion(false);
                return HttpsConnector.create(server, httpConfig, config,
                        tls != null ? tls : HttpsConnector.prepare(config));
            });
            cfg.requestLogger.http((ctx, ms) -> metrics.recordRequest(
                    ctx.method().name(), routeOf(ctx), ctx.statusCode(), ms));

            cfg.events.handlerAdded(info -> {
                if (info.getHttpMethod().isHttpMethod()) registered.add(info.getHttpMethod().name() + " " + info.getPath());
            });
            cfg.routes.before(this::beforeEveryRequest);
            publicRoutes.forEach((path, handler) -> cfg.routes.get(path, handler));
            for (Route route : api.routes()) {
                cfg.routes.addEndpoint(new io.javalin.router.Endpoint(
                        HandlerType.findOrCreate(route.method), route.path, pipeline.wrap(route)));
            }
            cfg.routes.exception(ApiException.class, (e, ctx) -> renderError(ctx, e));
            cfg.routes.exception(HttpsRedirect.class, (e, ctx) -> {
                ctx.status(308).header("Location", e.location).result("");
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> renderError(ctx, translate(e, ctx)));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                ApiException answer = DatabaseErrors.translate(e);
                if (answer == null) {
                    log.error("Unhandled error on {} {} (request {})", ctx.method(), ctx.path(), requestId(ctx), e);
                    answer = new ApiException(ErrorCode.INTERNAL_ERROR, "Internal error");
                }
                renderError(ctx, answer);
            });
            cfg.routes.error(404, ctx -> {
                if (!ctx.res().isCommitted() && ctx.result() == null) {
                    renderError(ctx, new ApiException(ErrorCode.NOT_FOUND, "No route for " + ctx.path()));
                }
            });
        });
    }

    /** "METHOD /path" of every endpoint the router actually serves, as Javalin reports them. */
    public java.util.List<String> registeredRoutes() {
        return java.util.List.copyOf(registered);
    }

    private void beforeEveryRequest(Context ctx) {
        String id = ctx.header("X-Request-ID");
        if (id == null || !id.matches("[A-Za-z0-9._\\-]{1,128}")) id = UUID.randomUUID().toString();
        ctx.attribute(REQUEST_ID, id);
        ctx.header("X-Request-ID", id);
        if (TransportSecurity.check(ctx.req(), config) != TransportSecurity.Verdict.SECURE) {
            refusePlainHttp(ctx);
        }
        // Refused on its declared length alone, before a byte of it is read (or, with
        // Expect: 100-continue, sent); a chunked body is cut off at the limit while being read.
        if (ctx.req().getContentLengthLong() > config.maxBodyBytes()) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "Request body is larger than " + config.maxBodyBytes() + " bytes");
        }
        if (ctx.path().startsWith("/v1/") && !publicRoutes.containsKey(ctx.path())) {
            gate.admit(ctx, TransportSecurity.clientAddress(ctx.req(), config));
        }
    }

    /** Plain HTTP never gets data: browsers are sent to HTTPS, API clients get an error. */
    private void refusePlainHttp(Context ctx) {
        String accept = ctx.header("Accept");
        boolean browser = accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
        if (browser && ctx.method() == HandlerType.GET && config.tlsMode() != Config.TlsMode.PROXY) {
            String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
            String base = config.publicBaseUrl() != null ? config.publicBaseUrl().toString()
                    : "https://" + ctx.req().getServerName() + ":" + ctx.req().getLocalPort();
            throw new HttpsRedirect(base + ctx.path() + query);
        }
        throw new ApiException(ErrorCode.HTTPS_REQUIRED,
                "Civicast serves HTTPS only; repeat this request over https://");
    }

    private static ApiException translate(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> new ApiException(ErrorCode.NOT_FOUND, "No route for " + ctx.path());
            case 405 -> new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
                    "Method " + ctx.method() + " is not allowed on " + ctx.path());
            case 413 -> new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large");
            case 400 -> ApiException.validation("request", e.getMessage());
            default -> new ApiException(ErrorCode.INTERNAL_ERROR, "Internal error");
        };
    }

    static void renderError(Context ctx, ApiException e) {
        int status = e.code().status();
        ctx.status(status).contentType("application/json")
                .result(Envelope.error(e.code(), status, e.getMessage(), e.details(), requestId(ctx)));
    }

    private static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id != null ? id : UUID.randomUUID().toString();
    }

    private static String routeOf(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    static final class HttpsRedirect extends RuntimeException {
        final String location;

        HttpsRedirect(String location) {
            super(null, null, false, false);
            this.location = location;
        }
    }
}
