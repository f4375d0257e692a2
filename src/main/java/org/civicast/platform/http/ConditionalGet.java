package org.civicast.platform.http;

import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;

/**
 * Validators for GETs: an {@code ETag} made from the answer's bytes (so it changes exactly when
 * the answer does), {@code Last-Modified} when the handler knows it, and {@code 304} when the
 * client's copy is current. {@code If-None-Match} wins over {@code If-Modified-Since}, as RFC 9110
 * says.
 */
final class ConditionalGet {
    /** Sets the validators; true (and the 304 written) when the client already has this answer. */
    static boolean notModified(Context ctx, Reply reply, byte[] body) {
        String etag = etag(body);
        ctx.header("ETag", etag);
        if (reply.lastModified() != null) {
            ctx.header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    reply.lastModified().truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC)));
        }
        if (reply.status() != 200) return false;
        String ifNoneMatch = ctx.header("If-None-Match");
        boolean current = ifNoneMatch != null
                ? Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                        .anyMatch(tag -> tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag))
                : unchangedSince(ctx.header("If-Modified-Since"), reply.lastModified());
        if (current) ctx.status(304).result(new byte[0]);
        return current;
    }

    private static boolean unchangedSince(String header, Instant lastModified) {
        if (header == null || lastModified == null) return false;
        try {
            Instant since = ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        } catch (DateTimeParseException e) {
            return false; // an unreadable date is ignored, as the RFC asks
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ConditionalGet() {}
}
