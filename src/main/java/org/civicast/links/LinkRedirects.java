package org.civicast.links;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.Optional;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.HostSite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site of every registered tracking domain: on an active one, {@code GET /<code>} (and HEAD)
 * of one of the domain's links answers {@code 302} to its destination, and counts the click unless
 * the visit is a {@link Previewers preview}. 302 rather than 301, so that no browser or proxy keeps
 * the redirect: every click reaches Civicast and is counted, and a test link may lead elsewhere
 * later. Everything else on a tracking domain — another domain's code, an unknown one, any other
 * path, any path of a domain that is not active — is a small HTML page saying the link is not
 * valid, with status 404: the API is never reached there.
 */
public final class LinkRedirects implements HostSite {
    private static final Logger LOG = LoggerFactory.getLogger(LinkRedirects.class);
    private static final String NOT_VALID = page("This link is not valid",
            "This link is not valid. Check that it was copied in full.");
    private static final String UNAVAILABLE = page("Try again shortly",
            "This link cannot be opened right now. Try again in a minute.");

    private final ShortLinks links;
    private final TrackingHosts hosts;

    public LinkRedirects(ShortLinks links, Database db, Clock clock) {
        this(links, new TrackingHosts(db, clock));
    }

    LinkRedirects(ShortLinks links, TrackingHosts hosts) {
        this.links = links;
        this.hosts = hosts;
    }

    @Override
    public Handler handlerFor(String host) {
        return hosts.find(host).<Handler>map(h -> ctx -> visit(ctx, h)).orElse(null);
    }

    private void visit(Context ctx, TrackingHosts.Host host) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        String method = ctx.method().name();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ctx.header("Allow", "GET, HEAD");
            page(ctx, 405, NOT_VALID);
            return;
        }
        String path = ctx.path();
        if (!host.active()) {
            page(ctx, 404, NOT_VALID);
            return;
        }
        String code = path.length() > 1 && path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
        Optional<String> destination;
        try {
            destination = links.visit(host.domainId(), host.name(), code,
                    !Previewers.previewing(method, ctx.header("User-Agent")), ctx.header("User-Agent"));
        } catch (RuntimeException e) {
            LOG.warn("links: cannot follow {}{}: {}", host.name(), path, cause(e));
            ctx.header("Retry-After", "30");
            page(ctx, 503, UNAVAILABLE);
            return;
        }
        if (destination.isEmpty()) {
            page(ctx, 404, NOT_VALID);
            return;
        }
        ctx.status(302).header("Location", destination.get()).result("");
    }

    /**
     * What went wrong, without the statement and its arguments (a recipient's number, where their
     * link goes): the database's own words when it refused, else the kind of failure.
     */
    private static String cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                java.sql.SQLException next = sql.getNextException() != null ? sql.getNextException() : sql;
                if (next instanceof org.postgresql.util.PSQLException pg && pg.getServerErrorMessage() != null) {
                    return "SQLState " + pg.getSQLState() + ": " + pg.getServerErrorMessage().getMessage();
                }
                return "SQLState " + next.getSQLState();
            }
            if (t.getCause() == t) break;
        }
        return e.getClass().getSimpleName();
    }

    private static void page(Context ctx, int status, String html) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }

    private static String page(String title, String text) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex">
                <title>%s</title></head>
                <body style="font-family: system-ui, sans-serif; margin: 3em auto; max-width: 30em; padding: 0 1em">
                <p>%s</p></body></html>
                """.formatted(title, text);
    }
}
