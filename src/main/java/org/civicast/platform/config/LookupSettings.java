package org.civicast.platform.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How the line type of a phone number is learned (docs/lookup.md): the provider asked, where it
 * is reached, its credentials, how long an answer is kept, and how many requests may be waiting
 * on the provider at once.
 *
 * @param url         the provider's base URL; null: the provider's own ({@code https://api.telnyx.com},
 *                    {@code https://lookups.twilio.com}). Never set for the offline provider.
 * @param cacheFor    how long an answer is reused for the same number; zero asks every time
 * @param concurrency requests to an HTTP provider in flight at once, per lookup
 */
public record LookupSettings(
        Provider provider,
        URI url,
        String telnyxApiKey,
        String twilioAccountSid,
        String twilioAuthToken,
        Duration cacheFor,
        int concurrency) {

    public enum Provider {
        /** libphonenumber and the operator's imported prefix table; no network, no charge. */
        OFFLINE,
        TELNYX,
        TWILIO;

        /** The name in CIVICAST_LOOKUP_PROVIDER, in cached answers and in usage records. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The default: the offline provider, 30 days of cache, 8 requests at once. */
    public static LookupSettings offline() {
        return new LookupSettings(Provider.OFFLINE, null, null, null, null, Duration.ofDays(30), 8);
    }

    /** Without the credentials: settings end up in logs and error reports. */
    @Override
    public String toString() {
        return "LookupSettings[provider=" + provider.wireName() + ", url=" + url + ", cacheFor=" + cacheFor
                + ", concurrency=" + concurrency + "]";
    }
}
