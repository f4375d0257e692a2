package org.civicast.media;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.civicast.platform.config.MediaSettings;
import org.civicast.platform.outbound.Outbound;
import org.civicast.platform.outbound.OutboundException;
import org.civicast.platform.outbound.OutboundPolicy;
import org.civicast.platform.outbound.OutboundRequest;
import org.civicast.platform.outbound.OutboundStream;

/**
 * Fetches a client's source URL through the guarded client only: public addresses (or the
 * operator's allow-list), the file size limit, three redirects each checked afresh. Every way it
 * can fail becomes a sentence for the client, and says whether trying again later may help.
 */
final class MediaSource {
    /** Why the file could not be fetched; {@code temporary} failures are worth another attempt. */
    static final class Unavailable extends Exception {
        final boolean temporary;

        Unavailable(String reason, boolean temporary) {
            super(reason, null, false, false);
            this.temporary = temporary;
        }
    }

    private final Outbound outbound;
    private final MediaSettings settings;

    MediaSource(OutboundPolicy clientUrls, MediaSettings settings) {
        Duration connect = settings.fetchTimeout().compareTo(Duration.ofSeconds(10)) < 0
                ? settings.fetchTimeout() : Duration.ofSeconds(10);
        this.outbound = new Outbound(clientUrls.withMaxResponseBytes(settings.maxSourceBytes()).withMaxRedirects(3)
                .withTimeouts(connect, settings.fetchTimeout()));
        this.settings = settings;
    }

    /** The file's bytes, read once from the connection (the guarded client keeps the size limit and deadline). */
    byte[] fetch(URI url) throws Unavailable {
        OutboundRequest request = OutboundRequest.get(url).withHeader("Accept", "image/*, video/*, audio/*, text/vcard, */*");
        try (OutboundStream response = outbound.open(request)) {
            requireFile(response.status());
            return response.body().readAllBytes();
        } catch (OutboundException e) {
            throw new Unavailable(refused(e), e.temporary());
        } catch (IOException e) {
            throw new Unavailable("the source's answer was broken off: " + e.getMessage(), true);
        }
    }

    private static void requireFile(int status) throws Unavailable {
        if (status == 401 || status == 403) {
            throw new Unavailable("the source refused access (HTTP " + status + "): the file is not public, or a "
                    + "presigned URL has expired; send a URL that downloads without signing in", false);
        }
        if (status == 404 || status == 410) {
            throw new Unavailable("the source has no file at this URL (HTTP " + status + "): check the URL; a "
                    + "presigned URL may have expired", false);
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new Unavailable("the source answered HTTP " + status + " instead of the file", true);
        }
        if (status < 200 || status > 299) {
            throw new Unavailable("the source answered HTTP " + status + " instead of the file", false);
        }
    }

    private String refused(OutboundException e) {
        return switch (e.reason()) {
            case REFUSED_URL -> "the source URL cannot be fetched: " + e.getMessage();
            case REFUSED_DESTINATION -> "the source is not on the public internet, where Civicast fetches files from: "
                    + e.getMessage();
            case UNRESOLVABLE -> "the source's host name does not resolve: " + e.getMessage();
            case CONNECT_FAILED -> "cannot connect to the source: " + e.getMessage();
            case TLS_FAILED -> "the source's HTTPS could not be trusted: " + e.getMessage();
            case TIMEOUT -> "the source did not send the whole file within "
                    + settings.fetchTimeout().toSeconds() + (settings.fetchTimeout().toSeconds() == 1 ? " second" : " seconds");
            case TOO_LARGE -> "the file is larger than " + Sizes.human(settings.maxSourceBytes())
                    + ", the most Civicast imports";
            case BROKEN_RESPONSE -> "the source's answer was broken off or malformed: " + e.getMessage();
            case TOO_MANY_REDIRECTS -> "the source redirected more than 3 times";
        };
    }
}
