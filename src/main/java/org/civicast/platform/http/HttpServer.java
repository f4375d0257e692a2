package org.civicast.platform.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.civicast.platform.config.Config;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.tls.HttpsConnector;
import org.civicast.platform.http.tls.TransportSecurity;
import org.civicast.platform.idempotency.IdempotentRequests;
import org.civicast.platform.metrics.Metrics;
import org.civicast.platform.ratelimit.InFlightLimit;
import org.civicast.platform.ratelimit.RateAndSlot;
import org.civicast.platform.ratelimit.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server: request ids, HTTPS-only, the routes of each {@link ApiSurface} admitted by the
 * {@link Gate} and run through the {@link RequestPipeline}, and every error in the format of the
 * surface its path belongs to (the first surface's for paths outside all of them). Requests to a
 * {@link HostSite}'s own hosts go to that site alone.
 */
public final class HttpServer {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    static final String REQUEST_ID = "civicast.requestId";

    private final Config config;
    private final List<ApiSurface> surfaces;
    private final Gate gate;
    private final PlainHttpRefusal plainHttp;
    private final RequestPipeline pipeline;
    private final Metrics metrics;
    private final Map<String, Handler> publicRoutes = new LinkedHashMap<>();
    private final Map<String, Handler> publicFiles = new LinkedHashMap<>();
    private final java.util.List<Pattern> publicFilePaths = new java.util.ArrayList<>();
    private final java.util.List<String> registered = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<HostSite> sites = new java.util.ArrayList<>();
    private HttpsConnector.Prepared tls;

    public HttpServer(Config config, List<ApiSurface> surfaces, RateLimiter rateLimiter,
                      IdempotentRequests idempotent, Database db, Metrics metrics, Clock clock) {
        if (surfaces.isEmpty()) throw new IllegalArgumentException("no API surface");
        this.config = config;
        this.surfaces = List.copyOf(surfaces);
        this.gate = new Gate(rateLimiter, new InFlightLimit(db, clock), new RateAndSlot(db, clock),
                config.rateLimitPerHour(), clock);
        this.plainHttp = new PlainHttpRefusal(config);
        this.pipeline = new RequestPipeline(db, idempotent, gate);
        this.metrics = metrics;
    }

    /** TLS set up ahead (see {@link HttpsConnector#prepare}); without it, {@link #create} sets it up. */
    public HttpServer tls(HttpsConnector.Prepared prepared) {
        this.tls = prepared;
        return this;
    }

    /** A GET route that needs no credential: health, metrics, the OpenAPI documents. */
    public HttpServer publicGet(String path, Handler handler) {
        publicRoutes.put(path, handler);
        return this;
    }

    /**
     * GET and HEAD of files under a path template such as {@code /media/{token}/{file}}, outside
     * every API surface and open to anyone: what carriers and phones fetch by URL. The handler
     * writes the whole answer, headers included.
     */
    public HttpServer publicFiles(String template, Handler handler) {
        publicFiles.put(template, handler);
        publicFilePaths.add(Pattern.compile(Pattern.quote(template).replaceAll("\\{[A-Za-z_]+}", "\\\\E[^/]+\\\\Q")));
        return this;
    }

    /**
     * A site on hosts of its own (link-tracking domains): a request whose Host the site claims is
     * answered by its handler alone, whatever the path, before anything of the APIs runs (no
     * credential, rate limit or API error format; only the request id and the headers every
     * answer carries). The host of {@code CIVICAST_PUBLIC_BASE_URL} is never a site's. Plain HTTP
     * to a site's host is redirected with 308 to https:// on the same host, which the site vouches for.
     */
    public HttpServer hostSite(HostSite site) {
        sites.add(site);
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
                server.setErrorHandler(errorHandler());
                // On SIGTERM, requests already being served get this long to finish.
                server.setStopTimeout(10_000);
            });
            cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errorHandler()));
            cfg.jetty.addConnector((server, httpConfig) -> {
                httpConfig.setSendServerVersion(false);
                return HttpsConnector.create(server, httpConfig, config,
                        tls != null ? tls : HttpsConnector.prepare(config));
            });
            // Runs when every request ends, whatever became of it: frees its in-flight slot.
            cfg.requestLogger.http((ctx, ms) -> {
                gate.release(ctx);
                metrics.recordRequest(ctx.method().name(), routeOf(ctx), ctx.statusCode(), ms);
            });

            cfg.events.handlerAdded(info -> {
                if (info.getHttpMethod().isHttpMethod()) registered.add(info.getHttpMethod().name() + " " + info.getPath());
            });
            cfg.routes.before(this::beforeEveryRequest);
            publicRoutes.forEach((path, handler) -> cfg.routes.get(path, handler));
            // A literal path (/v1/contact-lists/import) beside a template (/v1/contact-lists/{id}) is
            // its own resource: methods only the template serves answer 405 there, not the template's
            // handler. Registered first, since the router takes the first route that matches.
            for (java.util.Map.Entry<String, String> shadow : shadowedMethods()) {
                cfg.routes.addEndpoint(new io.javalin.router.Endpoint(HandlerType.findOrCreate(shadow.getKey()),
                        shadow.getValue(), ctx -> {
                            throw new io.javalin.http.MethodNotAllowedResponse();
                        }));
            }
            publicFiles.forEach((path, handler) -> {
                cfg.routes.addEndpoint(new io.javalin.router.Endpoint(HandlerType.GET, path, handler));
                cfg.routes.addEndpoint(new io.javalin.router.Endpoint(HandlerType.HEAD, path, handler));
            });
            for (ApiSurface surface : surfaces) {
                for (Route route : surface.api().routes()) {
                    cfg.routes.addEndpoint(new io.javalin.router.Endpoint(HandlerType.findOrCreate(route.method),
                            route.path, pipeline.wrap(route, surface)));
                }
            }
            cfg.routes.exception(ApiException.class, (e, ctx) -> renderError(ctx, e));
            cfg.routes.exception(PlainHttpRefusal.HttpsRedirect.class, (e, ctx) -> {
                ctx.status(308).header("Location", e.location).result("");
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 405) ctx.header("Allow", String.join(", ", allowedMethods(ctx.path())));
                renderError(ctx, translate(e, ctx));
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                ApiException answer = DatabaseErrors.translate(e);
                if (answer == null && unreadableBody(e)) {
                    // The client's fault (a broken chunk, a body cut short), not the server's.
                    log.warn("Unreadable request body on {} {} (request {}): {}", ctx.method(), ctx.path(),
                            requestId(ctx), e.toString());
                    answer = ApiException.validation("body", "could not be read: the request body is malformed or incomplete");
                }
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
        java.util.Set<String> shadows = new java.util.HashSet<>();
        shadowedMethods().forEach(e -> shadows.add(e.getKey() + " " + e.getValue()));
        return registered.stream().filter(r -> !shadows.contains(r)).toList();
    }

    private void beforeEveryRequest(Context ctx) throws Exception {
        String id = ctx.header("X-Request-ID");
        if (id == null || !id.matches("[A-Za-z0-9._\\-]{1,128}")) id = UUID.randomUUID().toString();
        ctx.attribute(REQUEST_ID, id);
        ctx.header("X-Request-ID", id);
        TransportHeaders.apply(ctx::header);
        if (!sites.isEmpty() && serveSite(ctx)) return;
        boolean open = publicRoutes.containsKey(ctx.path()) || isPublicFile(ctx.path());
        String address = TransportSecurity.clientAddress(ctx.req(), config);
        RuntimeException refusal = null;
        if (TransportSecurity.check(ctx.req(), config) != TransportSecurity.Verdict.SECURE) {
            refusal = plainHttp.refuse(ctx);
        } else if (ctx.req().getContentLengthLong() > config.maxBodyBytes()) {
            // Refused on its declared length alone (with Expect: 100-continue, before it is sent);
            // a chunked body is cut off at the limit while being read.
            refusal = new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "Request body is larger than " + config.maxBodyBytes() + " bytes");
            drainModestBody(ctx);
        }
        ApiSurface surface = open ? null : surfaceOf(ctx.path());
        if (refusal != null || (!open && surface == null)) {
            // Refused before any credential is looked at, or headed for a 404: counted against the address.
            if (!open) gate.countRefused(address, ctx::header);
            if (refusal != null) throw refusal;
        } else if (surface != null) {
            gate.admit(ctx, surface, address);
        }
    }

    /** Answers the request from the site that claims its host, if one does; true when one did. */
    private boolean serveSite(Context ctx) throws Exception {
        String name = ctx.req().getServerName();
        if (name == null) return false;
        String host = name.toLowerCase(java.util.Locale.ROOT);
        if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
        if (config.publicBaseUrl() != null && host.equalsIgnoreCase(config.publicBaseUrl().getHost())) return false;
        Handler handler = null;
        for (HostSite site : sites) {
            if ((handler = site.handlerFor(host)) != null) break;
        }
        if (handler == null) return false;
        ctx.skipRemainingHandlers();
        if (TransportSecurity.check(ctx.req(), config) != TransportSecurity.Verdict.SECURE) {
            String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
            ctx.status(308).header("Location", "https://" + host + ctx.path() + query).result("");
        } else {
            handler.handle(ctx);
        }
        return true;
    }

    /**
     * Reads and discards a body a little over the limit that the client is already sending, so the
     * refusal reaches it: closing on unread bytes makes the peer's TCP stack reset the connection,
     * and a client still writing then never sees the 413. Bodies far over the limit are not read.
     */
    private void drainModestBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > 8L * config.maxBodyBytes() || "100-continue".equalsIgnoreCase(ctx.header("Expect"))) return;
        try {
            ctx.req().getInputStream().skipNBytes(declared);
        } catch (java.io.IOException | RuntimeException e) {
            // The client went away or lied about the length: the refusal is all it gets.
        }
    }

    private JsonErrorHandler errorHandler() {
        return new JsonErrorHandler(this::renderingFor, (peer, forwardedFor, header) ->
                gate.countRefused(TransportSecurity.clientAddress(peer, forwardedFor, config), header));
    }

    /** (method, literal path) pairs that only a templated route would otherwise take; see the router setup. */
    private java.util.List<java.util.Map.Entry<String, String>> shadowedMethods() {
        java.util.List<java.util.Map.Entry<String, String>> shadowed = new java.util.ArrayList<>();
        java.util.Set<String> literal = new java.util.HashSet<>();
        for (ApiSurface surface : surfaces) {
            for (Route route : surface.api().routes()) {
                if (!route.path.contains("{")) literal.add(route.path);
            }
        }
        for (String path : new TreeSet<>(literal)) {
            for (String method : allowedMethods(path, false)) {
                if (!allowedMethods(path).contains(method)) shadowed.add(java.util.Map.entry(method, path));
            }
        }
        return shadowed;
    }

    /** The methods some route serves on a path, for a 405's Allow header. */
    private SortedSet<String> allowedMethods(String path) {
        SortedSet<String> literal = new TreeSet<>();
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (ApiSurface surface : surfaces) {
            for (Route route : surface.api().routes()) {
                if (route.path.equals(trimmed)) literal.add(route.method);
            }
        }
        return literal.isEmpty() ? allowedMethods(path, true) : literal;
    }

    private SortedSet<String> allowedMethods(String path, boolean publicToo) {
        SortedSet<String> methods = new TreeSet<>();
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (publicToo && publicRoutes.containsKey(trimmed)) methods.add("GET");
        if (publicToo && isPublicFile(trimmed)) methods.addAll(List.of("GET", "HEAD"));
        for (ApiSurface surface : surfaces) {
            for (Route route : surface.api().routes()) {
                String pattern = Pattern.quote(route.path).replaceAll("\\{[A-Za-z_]+}", "\\\\E[^/]+\\\\Q");
                if (trimmed.matches(pattern)) methods.add(route.method);
            }
        }
        return methods;
    }

    private boolean isPublicFile(String path) {
        return publicFilePaths.stream().anyMatch(p -> p.matcher(path).matches());
    }

    /** True when reading the request body failed: Jetty's parser refused it, or the client went away. */
    private static boolean unreadableBody(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException || t instanceof java.io.IOException) return true;
        }
        return false;
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

    private void renderError(Context ctx, ApiException e) {
        ctx.status(e.code().status()).contentType("application/json")
                .result(renderingFor(ctx.path()).error(e, requestId(ctx)));
    }

    /** The surface a request path belongs to, or null for paths outside every surface. */
    private ApiSurface surfaceOf(String path) {
        for (ApiSurface surface : surfaces) {
            if (surface.serves(path)) return surface;
        }
        return null;
    }

    private Rendering renderingFor(String path) {
        ApiSurface surface = path == null ? null : surfaceOf(path);
        return (surface != null ? surface : surfaces.getFirst()).rendering();
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
}
