package org.civicast.advocacy.delivery;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.civicast.platform.outbound.Outbound;
import org.civicast.platform.outbound.OutboundException;
import org.civicast.platform.outbound.OutboundPolicy;
import org.civicast.platform.outbound.OutboundRequest;
import org.civicast.platform.outbound.OutboundResponse;

/**
 * POSTs CWC documents to one configured URL, with the API key as the {@code apikey} parameter
 * both chambers use, and turns the answer into a {@link DeliveryResult}.
 */
final class CwcEndpoint {
    private final String channel;
    private final String apiKey;
    private final Outbound http;

    CwcEndpoint(String channel, URI anyUrlOfTheHost, String apiKey, Outbound http) {
        this.channel = channel;
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.http = http != null ? http : new Outbound(OutboundPolicy.forEndpoint(anyUrlOfTheHost));
    }

    DeliveryResult post(URI url, CwcMessage message) {
        URI withKey = URI.create(url + (url.getRawQuery() == null ? "?" : "&") + "apikey="
                + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
        OutboundResponse response;
        try {
            response = http.send(OutboundRequest.post(withKey, "application/xml", message.xml()));
        } catch (OutboundException e) {
            // Even a refused address is the operator's to fix, not the letter's fault: keep trying.
            return new DeliveryResult.FailedTemporarily(channel, e.getMessage());
        }
        int status = response.status();
        if (status >= 200 && status < 300) return new DeliveryResult.Delivered(channel, message.deliveryId());
        // A repeat of a DeliveryId that was taken before: an earlier attempt got through.
        if (status == 409) return new DeliveryResult.Delivered(channel, message.deliveryId() + " (already received)");
        String reason = "HTTP " + status + ": " + CwcErrors.from(response.body());
        return switch (status) {
            case 400, 413, 415, 422 -> new DeliveryResult.Rejected(channel, reason);
            // Wrong key, unlisted source address, wrong URL, throttling, outages: configuration or time fixes these.
            default -> new DeliveryResult.FailedTemporarily(channel, reason);
        };
    }
}
