package org.civicast.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.civicast.platform.config.LookupSettings.Provider;
import org.junit.jupiter.api.Test;

/** CIVICAST_LOOKUP_* and the providers' credentials. */
class LookupSettingsTest {
    private static String failure(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> Config.load(env)).getMessage();
    }

    @Test
    void theOfflineProviderIsTheDefault() {
        LookupSettings lookup = Config.load(Map.of()).lookup();
        assertEquals(Provider.OFFLINE, lookup.provider());
        assertEquals(Duration.ofDays(30), lookup.cacheFor());
        assertEquals(8, lookup.concurrency());
        assertNull(lookup.url());
        assertEquals(LookupSettings.offline(), lookup);
    }

    @Test
    void aProviderWithoutItsCredentialsStopsTheStartNamingTheVariable() {
        assertEquals("CIVICAST_LOOKUP_PROVIDER=telnyx needs CIVICAST_TELNYX_API_KEY",
                failure(Map.of("CIVICAST_LOOKUP_PROVIDER", "telnyx")));
        assertEquals("CIVICAST_LOOKUP_PROVIDER=twilio needs CIVICAST_TWILIO_ACCOUNT_SID and CIVICAST_TWILIO_AUTH_TOKEN",
                failure(Map.of("CIVICAST_LOOKUP_PROVIDER", "twilio")));
        assertEquals("CIVICAST_LOOKUP_PROVIDER=twilio needs CIVICAST_TWILIO_AUTH_TOKEN",
                failure(Map.of("CIVICAST_LOOKUP_PROVIDER", "twilio", "CIVICAST_TWILIO_ACCOUNT_SID", "AC123")));
        assertEquals("CIVICAST_LOOKUP_PROVIDER=twilio needs CIVICAST_TWILIO_ACCOUNT_SID",
                failure(Map.of("CIVICAST_LOOKUP_PROVIDER", "twilio", "CIVICAST_TWILIO_AUTH_TOKEN", "t0ken")));
    }

    @Test
    void malformedValuesAreNamed() {
        assertTrue(failure(Map.of("CIVICAST_LOOKUP_PROVIDER", "assemble")).contains("CIVICAST_LOOKUP_PROVIDER"));
        assertTrue(failure(Map.of("CIVICAST_LOOKUP_CACHE_DAYS", "-1")).contains("CIVICAST_LOOKUP_CACHE_DAYS"));
        assertTrue(failure(Map.of("CIVICAST_LOOKUP_CONCURRENCY", "0")).contains("CIVICAST_LOOKUP_CONCURRENCY"));
        assertTrue(failure(Map.of("CIVICAST_LOOKUP_PROVIDER", "telnyx", "CIVICAST_TELNYX_API_KEY", "k",
                "CIVICAST_LOOKUP_URL", "http://lookup.example.org")).contains("CIVICAST_LOOKUP_URL"));
        assertEquals("CIVICAST_LOOKUP_URL needs CIVICAST_LOOKUP_PROVIDER=telnyx or twilio",
                failure(Map.of("CIVICAST_LOOKUP_URL", "https://lookup.example.org")));
    }

    @Test
    void credentialsAreReadButNeverShown() {
        Config telnyx = Config.load(Map.of("CIVICAST_LOOKUP_PROVIDER", "Telnyx", "CIVICAST_TELNYX_API_KEY", "KEYsecret123",
                "CIVICAST_LOOKUP_URL", "http://127.0.0.1:9999", "CIVICAST_LOOKUP_CACHE_DAYS", "0",
                "CIVICAST_LOOKUP_CONCURRENCY", "3"));
        assertEquals(Provider.TELNYX, telnyx.lookup().provider());
        assertEquals("KEYsecret123", telnyx.lookup().telnyxApiKey());
        assertEquals(URI.create("http://127.0.0.1:9999"), telnyx.lookup().url());
        assertEquals(Duration.ZERO, telnyx.lookup().cacheFor());
        assertEquals(3, telnyx.lookup().concurrency());
        assertFalse(telnyx.toString().contains("KEYsecret123"), telnyx.toString());

        Config twilio = Config.load(Map.of("CIVICAST_LOOKUP_PROVIDER", "twilio",
                "CIVICAST_TWILIO_ACCOUNT_SID", "AC0123", "CIVICAST_TWILIO_AUTH_TOKEN", "tokenSecret456"));
        assertEquals("AC0123", twilio.lookup().twilioAccountSid());
        assertEquals("tokenSecret456", twilio.lookup().twilioAuthToken());
        assertFalse(twilio.toString().contains("tokenSecret456"), twilio.toString());
        assertTrue(twilio.lookup().toString().contains("provider=twilio"), twilio.lookup().toString());
    }
}
