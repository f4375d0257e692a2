package org.civicast.advocacy.delivery;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import org.civicast.platform.outbound.Outbound;

/**
 * Delivers to Senate offices through the Senate's CWC service. PROVISIONAL: its interface is
 * published only to approved delivery agents. What public code that talks to it shows, and this
 * channel does: the same CWC 2.0 XML as the House (with the Senate's five prefixes and dotted bill
 * types), POSTed as {@code application/xml} with the key in {@code ?apikey=}; 2xx is delivered,
 * 409 means the DeliveryId was taken before (an earlier attempt got through), 400 carries the
 * reasons for a refusal. Check it against the Senate's testing URL before going live.
 */
public final class SenateApiChannel implements DeliveryChannel {
    public static final String NAME = "cwc-senate";

    private final SenateApiSettings settings;
    private final Clock clock;
    private final CwcEndpoint endpoint;

    public SenateApiChannel(SenateApiSettings settings, Clock clock) {
        this(settings, clock, null);
    }

    public SenateApiChannel(SenateApiSettings settings, Clock clock, Outbound http) {
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.endpoint = new CwcEndpoint(NAME, settings.messagesUrl(), settings.apiKey(), http);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean reaches(Office office) {
        if (office.chamber() != Chamber.SENATE || office.officeCode() == null) return false;
        String code = office.officeCode().toUpperCase(Locale.ROOT);
        return settings.activeOffices().isEmpty() ? code.matches("S[A-Z]{2}\\d{1,2}")
                : settings.activeOffices().contains(code);
    }

    @Override
    public Requirements requirements(Office office) {
        return CwcRequirements.of(CwcVocabulary.SENATE_PREFIXES);
    }

    public CwcMessage message(Letter letter) {
        return CwcMessage.of(letter, settings.agent(), LocalDate.now(clock.withZone(CwcHouseChannel.CAPITOL)),
                Chamber.SENATE);
    }

    @Override
    public DeliveryResult deliver(Letter letter) {
        CwcMessage message = message(letter);
        if (!message.problems().isEmpty()) {
            return new DeliveryResult.Rejected(NAME, "not a valid CWC message: " + String.join("; ", message.problems()));
        }
        return endpoint.post(settings.messagesUrl(), message);
    }
}
