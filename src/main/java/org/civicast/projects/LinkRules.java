package org.civicast.projects;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;

/**
 * The contract's rules for link tracking (§7.9), checked when it is enabled:
 * <ul>
 * <li>{@code link_tracking_destination_url} and {@code link_tracking_domain_id} are required;</li>
 * <li>the destination is an absolute http(s) URL; it may embed {@code {field}} placeholders, each
 *     naming {@code link_tracking_param_field} — any other is {@code INVALID_LINK_PLACEHOLDER};</li>
 * <li>a destination of exactly {@code https://{field}} sends each recipient to the URL in that
 *     field: it needs {@code link_tracking_fallback_url}, and may not be {@code {phone}};</li>
 * <li>a fallback URL without that whole-URL destination is {@code INVALID_LINK_PLACEHOLDER} too.</li>
 * </ul>
 * Whether the field is one the lists fill, and whether the domain may be used, are
 * {@link ProjectChecks}'.
 */
final class LinkRules {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    static void check(LinkTracking link) {
        if (!link.enabled()) return;
        if (link.destinationUrl() == null) {
            throw ApiException.validation("link_tracking_destination_url", "is required when link_tracking_enabled is true");
        }
        if (link.domainId() == null) {
            throw ApiException.validation("link_tracking_domain_id", "is required when link_tracking_enabled is true");
        }
        String field = link.paramField();
        if (link.wholeUrl()) {
            String named = link.destinationUrl().substring("https://{".length(), link.destinationUrl().length() - 1);
            if (!named.equals(field)) {
                throw placeholder("link_tracking_destination_url", "{" + named + "} does not match link_tracking_param_field ("
                        + (field == null ? "not set" : field) + ")");
            }
            if (field.equals("phone")) {
                throw placeholder("link_tracking_destination_url", "https://{phone} cannot be a whole URL: "
                        + "a phone number is no web address");
            }
            if (link.fallbackUrl() == null) {
                throw placeholder("link_tracking_fallback_url", "is required when the destination is the whole-URL "
                        + "placeholder https://{" + field + "}: it is where recipients without a valid URL go");
            }
            url("link_tracking_fallback_url", link.fallbackUrl());
            return;
        }
        Matcher m = PLACEHOLDER.matcher(link.destinationUrl());
        while (m.find()) {
            if (!m.group(1).equals(field)) {
                throw placeholder("link_tracking_destination_url", "{" + m.group(1) + "} does not match "
                        + "link_tracking_param_field (" + (field == null ? "not set" : field) + ")");
            }
        }
        if (link.fallbackUrl() != null) {
            throw placeholder("link_tracking_fallback_url", "applies only to a whole-URL destination such as "
                    + "https://{" + (field == null ? "custom_url" : field) + "}");
        }
        url("link_tracking_destination_url", m.replaceAll("x"));
    }

    /** An absolute http or https URL with a host (placeholders already replaced). */
    private static void url(String field, String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() != null && (scheme.equals("https") || scheme.equals("http"))) return;
        } catch (URISyntaxException e) {
            // answered below
        }
        throw ApiException.validation(field, "must be an absolute https:// (or http://) URL");
    }

    private static ApiException placeholder(String field, String message) {
        return new ApiException(ErrorCode.INVALID_LINK_PLACEHOLDER, field + ": " + message,
                java.util.Map.of("field", field));
    }

    private LinkRules() {}
}
