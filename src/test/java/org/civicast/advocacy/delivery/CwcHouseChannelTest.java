package org.civicast.advocacy.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class CwcHouseChannelTest {
    private static final String KEY = "k3y+with/odd=chars";
    // 03:30 UTC on the 5th is still the 4th in Washington.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-03-05T03:30:00Z"), ZoneOffset.UTC);

    private FakeCwcServer cwc;
    private CwcHouseChannel channel;

    @BeforeEach
    void setUp() throws Exception {
        cwc = FakeCwcServer.house(KEY);
        channel = new CwcHouseChannel(new CwcHouseSettings(cwc.baseUrl(), KEY, Letters.AGENT), CLOCK);
    }

    @AfterEach
    void tearDown() {
        cwc.close();
    }

    @Test
    void aValidLetterIsDelivered() {
        Letter letter = Letters.to(Letters.house());
        DeliveryResult result = channel.deliver(letter);
        DeliveryResult.Delivered delivered = assertInstanceOf(DeliveryResult.Delivered.class, result);
        assertEquals(CwcHouseChannel.NAME, delivered.channel());
        assertEquals(CwcMessage.uid(letter.deliveryId()), delivered.receipt());
        Document received = cwc.received.get(0);
        assertEquals("HVA08", FakeCwcServer.text(received, "/CWC/Recipient/MemberOffice"));
        assertEquals("20300304", FakeCwcServer.text(received, "/CWC/Delivery/DeliveryDate"));
        assertEquals("Our branch closes at noon on weekdays.", FakeCwcServer.text(received, "/CWC/Message/ConstituentMessage"));
    }

    @Test
    void theReceiversFourHundredIsARejectionWithItsErrorText() {
        // Sent past the local check on purpose: the fake's own check refuses a lower-case state.
        Letter base = Letters.to(Letters.house());
        Constituent c = base.constituent();
        Constituent lowerState = new Constituent(c.prefix(), c.firstName(), c.middleName(), c.lastName(), c.suffix(),
                c.addressLines(), c.city(), "va", c.zip5(), c.zip4(), c.phone(), c.email());
        Letter letter = new Letter(base.deliveryId(), base.campaignId(), base.office(), lowerState, base.message(), null);
        CwcMessage message = channel.message(letter);
        assertFalse(message.problems().isEmpty(), "our own check refuses it too");
        DeliveryResult.Rejected local = assertInstanceOf(DeliveryResult.Rejected.class, channel.deliver(letter));
        assertTrue(local.reason().contains("StateAbbreviation"), local.reason());
        assertEquals(0, cwc.requests.get(), "a letter that fails the check is not sent");

        DeliveryResult remote = new CwcEndpoint("cwc-house", cwc.baseUrl(), KEY, null)
                .post(URI.create(cwc.baseUrl() + "/v2/message"), message);
        DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class, remote);
        assertEquals("HTTP 400: /CWC/Constituent/StateAbbreviation is malformed: va", rejected.reason());
    }

    @Test
    void outagesAndAWrongKeyAreTemporary() {
        cwc.unavailable.set(1);
        DeliveryResult.FailedTemporarily outage = assertInstanceOf(DeliveryResult.FailedTemporarily.class,
                channel.deliver(Letters.to(Letters.house())));
        assertTrue(outage.reason().startsWith("HTTP 503"), outage.reason());
        assertInstanceOf(DeliveryResult.Delivered.class, channel.deliver(Letters.to(Letters.house())));

        CwcHouseChannel wrongKey = new CwcHouseChannel(new CwcHouseSettings(cwc.baseUrl(), "nope", Letters.AGENT), CLOCK);
        DeliveryResult.FailedTemporarily refused = assertInstanceOf(DeliveryResult.FailedTemporarily.class,
                wrongKey.deliver(Letters.to(Letters.house())));
        assertEquals("HTTP 401: Invalid API key", refused.reason());
    }

    @Test
    void anUnreachableReceiverIsTemporary() {
        cwc.close();
        assertInstanceOf(DeliveryResult.FailedTemporarily.class, channel.deliver(Letters.to(Letters.house())));
    }

    @Test
    void validationIsADryRunThatKeepsNothing() {
        assertInstanceOf(DeliveryResult.Delivered.class, channel.validate(Letters.to(Letters.house())));
        assertEquals(1, cwc.requests.get());
        assertTrue(cwc.received.isEmpty());
    }

    @Test
    void itReachesHouseOfficesWithACodeAndNeedsAPrefixFromItsList() {
        assertTrue(channel.reaches(Letters.house()));
        assertFalse(channel.reaches(Letters.senate()));
        assertFalse(channel.reaches(new Office("X", null, Chamber.HOUSE, null, null)));
        assertFalse(channel.reaches(Letters.custom("mayor@city.example.gov")));

        Letter base = Letters.to(Letters.house());
        Constituent c = base.constituent();
        Constituent noPrefix = new Constituent(null, c.firstName(), null, c.lastName(), null, c.addressLines(), c.city(),
                c.state(), c.zip5(), null, null, c.email());
        Letter letter = new Letter("d", "c", base.office(), noPrefix, Message.of("S", "M", null, null), null);
        List<Requirement> unmet = channel.requirements(base.office()).unmet(letter);
        assertEquals(List.of(ConstituentField.PREFIX, ConstituentField.TOPIC),
                unmet.stream().map(Requirement::field).toList());
        assertEquals(CwcVocabulary.HOUSE_PREFIXES, unmet.get(0).options());
        assertEquals(CwcVocabulary.TOPICS, unmet.get(1).options());
    }
}
