package org.civicast.lookup.providers;

import java.time.Clock;
import org.civicast.lookup.LrnProvider;
import org.civicast.lookup.PrefixTable;
import org.civicast.platform.config.LookupSettings;

/** The provider CIVICAST_LOOKUP_PROVIDER names, built from its settings. */
public final class LrnProviders {
    public static LrnProvider configured(LookupSettings settings, PrefixTable table, Clock clock) {
        return switch (settings.provider()) {
            case OFFLINE -> new OfflineProvider(table, clock);
            case TELNYX -> new TelnyxProvider(settings.url() != null ? settings.url() : TelnyxProvider.BASE_URL,
                    settings.telnyxApiKey(), settings.concurrency(), clock);
            case TWILIO -> new TwilioProvider(settings.url() != null ? settings.url() : TwilioProvider.BASE_URL,
                    settings.twilioAccountSid(), settings.twilioAuthToken(), settings.concurrency(), clock);
        };
    }

    private LrnProviders() {}
}
