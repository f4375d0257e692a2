package org.civicast.media;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;
import org.civicast.platform.storage.ObjectStorage;
import org.civicast.platform.storage.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value #PATH}: the bytes of ready media files, to anyone who has the URL, because carriers
 * fetch MMS attachments without credentials. The token is 128 random bits, so URLs cannot be
 * guessed or walked. A file never changes under its URL, so caches may keep it for a year; its
 * ETag is the file's digest. Everything else, deleted files included, is a plain 404.
 */
public final class PublicMediaFiles implements Handler {
    public static final String PATH = "/media/{token}/{file}";
    private static final Logger LOG = LoggerFactory.getLogger(PublicMediaFiles.class);

    private final MediaService media;
    private final ObjectStorage storage;

    public PublicMediaFiles(MediaService media, ObjectStorage storage) {
        this.media = media;
        this.storage = storage;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        Optional<MediaStore.Published> found = media.published(ctx.pathParam("token"), ctx.pathParam("file"));
        if (found.isEmpty()) {
            notFound(ctx);
            return;
        }
        MediaStore.Published file = found.get();
        String etag = "\"" + file.sha256().substring(0, 32) + "\"";
        if (matches(ctx.header("If-None-Match"), etag)) {
            cacheable(ctx, etag).status(304);
            return;
        }
        Optional<StoredObject> stored;
        try {
            stored = storage.open(file.storageKey());
        } catch (IOException e) {
            LOG.warn("media: cannot read {} for {}: {}", file.storageKey(), ctx.path(), e.toString());
            ctx.status(503).header("Retry-After", "30").contentType("text/plain; charset=utf-8")
                    .result("Try again shortly\n");
            return;
        }
        if (stored.isEmpty()) {
            LOG.warn("media: {} is ready but its stored file {} is missing", ctx.path(), file.storageKey());
            notFound(ctx);
            return;
        }
        try (StoredObject object = stored.get()) {
            cacheable(ctx, etag).status(200).contentType(file.contentType());
            ctx.res().setContentLengthLong(object.length());
            if (ctx.method() == HandlerType.HEAD) return;
            // Straight to the connection: no buffering, and no compression that would change the length.
            OutputStream out = ctx.res().getOutputStream();
            object.content().transferTo(out);
            out.flush();
        } catch (IOException e) {
            // The client went away, or the storage broke off: the answer falls short of its
            // Content-Length, so the connection is cut and the client knows it got no whole file.
            LOG.debug("media: {} broke off: {}", ctx.path(), e.toString());
        }
    }

    /** The headers of a file's answers; everything else keeps the server's no-store. */
    private static Context cacheable(Context ctx, String etag) {
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.header("X-Content-Type-Options", "nosniff");
        // Files from clients on the API's own origin: a browser opening one runs nothing from it.
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        return ctx;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        return ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag));
    }

    private static void notFound(Context ctx) {
        ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found\n");
    }
}
