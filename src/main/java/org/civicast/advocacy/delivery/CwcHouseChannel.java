package org.civicast.advocacy.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.civicast.platform.outbound.Outbound;

/**
 * Delivers to House offices through Communicating with Congress 2.0: the letter as CWC XML,
 * checked here first, POSTed to {@code {base}/v2/message}. 200 is delivered, 400 carries the
 * reasons for a refusal, anything else is tried again later.
 */
public final class CwcHouseChannel implements DeliveryChannel {
    public static final String NAME = "cwc-house";
    /** The House dates deliveries in Washington's time. */
    static final ZoneId CAPITOL = ZoneId.of("America/New_York");

    private final CwcHouseSettings settings;
    private final Clock clock;
    private final CwcEndpoint endpoint;

    public CwcHouseChannel(CwcHouseSettings settings, Clock clock) {
        this(settings, clock, null);
    }

    /** With the HTTP client given, for a test server's certificate. */
    public CwcHouseChannel(CwcHouseSettings settings, Clock clock, Outbound http) {
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.endpoint = new CwcEndpoint(NAME, settings.baseUrl(), settings.apiKey(), http);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean reaches(Office office) {
        return office.chamber() == Chamber.HOUSE && office.officeCode() != null
                && office.officeCode().matches("H[A-Z]{2}\\d{2}");
    }

    @Override
    public Requirements requirements(Office office) {
        return CwcRequirements.of(CwcVocabulary.HOUSE_PREFIXES);
    }

    public CwcMessage message(Letter letter) {
        return CwcMessage.of(letter, settings.agent(), LocalDate.now(clock.withZone(CAPITOL)), Chamber.HOUSE);
    }

    @Override
    public DeliveryResult deliver(Letter letter) {
        return send(letter, "v2/message");
    }

    /** A dry run: the House checks the message and keeps nothing. Delivered means it would be taken. */
    public DeliveryResult validate(Letter letter) {
        return send(letter, "v2/validate");
    }

    private DeliveryResult send(Letter letter, String path) {
        CwcMessage message = message(letter);
        if (!message.problems().isEmpty()) {
            return new DeliveryResult.Rejected(NAME, "not a valid CWC message: " + String.join("; ", message.problems()));
        }
        return endpoint.post(resolve(settings.baseUrl(), path), message);
    }

    static URI resolve(URI base, String path) {
        String text = base.toString();
        return URI.create(text.endsWith("/") ? text + path : text + "/" + path);
    }
}
