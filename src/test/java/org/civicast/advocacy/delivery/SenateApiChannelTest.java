package org.civicast.advocacy.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SenateApiChannelTest {
    private static final String KEY = "senate-key";
    private FakeCwcServer senate;
    private SenateApiChannel channel;

    @BeforeEach
    void setUp() throws Exception {
        senate = FakeCwcServer.senate(KEY);
        channel = new SenateApiChannel(new SenateApiSettings(senate.senateMessagesUrl(), KEY, Letters.AGENT, Set.of()),
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        senate.close();
    }

    @Test
    void aLetterIsDeliveredAndARepeatOfItCountsAsDelivered() {
        Letter letter = Letters.to(Letters.senate());
        DeliveryResult.Delivered first = assertInstanceOf(DeliveryResult.Delivered.class, channel.deliver(letter));
        assertEquals(CwcMessage.uid(letter.deliveryId()), first.receipt());
        assertEquals("SVA1", FakeCwcServer.text(senate.received.get(0), "/CWC/Recipient/MemberOffice"));

        // The answer was lost and the job ran again: the Senate knows the DeliveryId already.
        DeliveryResult.Delivered again = assertInstanceOf(DeliveryResult.Delivered.class, channel.deliver(letter));
        assertTrue(again.receipt().endsWith("(already received)"), again.receipt());
        assertEquals(1, senate.received.size());
    }

    @Test
    void aHousePrefixIsRefusedBeforeSending() {
        Constituent captain = new Constituent("Captain", "Jane", null, "Public", null, List.of("1 Main St"), "Arlington",
                "VA", "22201", null, null, "jane@example.com");
        Letter letter = new Letter("dlv_1", "cmp_1", Letters.senate(), captain,
                Message.of("Subject", "Text", null, "Health"), null);
        DeliveryResult.Rejected rejected = assertInstanceOf(DeliveryResult.Rejected.class, channel.deliver(letter));
        assertTrue(rejected.reason().contains("Prefix"), rejected.reason());
        assertEquals(0, senate.requests.get());
        assertEquals(CwcVocabulary.SENATE_PREFIXES,
                channel.requirements(Letters.senate()).unmet(letter).get(0).options());
    }

    @Test
    void onlyListedOfficesAreReachedWhenAListIsGiven() {
        assertTrue(channel.reaches(Letters.senate()));
        assertFalse(channel.reaches(Letters.house()));
        SenateApiChannel listed = new SenateApiChannel(new SenateApiSettings(senate.senateMessagesUrl(), KEY,
                Letters.AGENT, Set.of("smd2")), Clock.systemUTC());
        assertFalse(listed.reaches(Letters.senate()));
        assertTrue(listed.reaches(new Office("V000128", "SMD2", Chamber.SENATE, null, null)));
    }
}
