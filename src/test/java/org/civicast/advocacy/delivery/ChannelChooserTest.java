package org.civicast.advocacy.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelChooserTest {
    private static final CwcHouseChannel HOUSE = new CwcHouseChannel(
            new CwcHouseSettings(URI.create("https://cwc.house.example"), "k", Letters.AGENT), Clock.systemUTC());
    private static final SenateApiChannel SENATE = new SenateApiChannel(new SenateApiSettings(
            URI.create("https://senate.example/api/testing-messages/"), "k", Letters.AGENT, Set.of()), Clock.systemUTC());
    private static final EmailChannel EMAIL = new EmailChannel(new EmailSettings("smtp.example", 587,
            EmailSettings.Security.STARTTLS, null, null, "letters@example.org", Duration.ofSeconds(5)));

    private static String chosen(ChannelChooser chooser, Office office) {
        return chooser.choose(office).name();
    }

    @Test
    void eachOfficeGoesByTheFirstConfiguredChannelThatReachesIt() {
        ChannelChooser all = ChannelChooser.of(HOUSE, SENATE, EMAIL);
        Office houseWithEmail = new Office("B001292", "HVA08", Chamber.HOUSE, null, "rep@mail.house.example");
        Office senateWithEmail = new Office("K000384", "SVA1", Chamber.SENATE, null, "senator@senate.example");
        assertEquals("cwc-house", chosen(all, houseWithEmail));
        assertEquals("cwc-senate", chosen(all, senateWithEmail));
        assertEquals("email", chosen(all, Letters.custom("mayor@city.example.gov")));
        assertEquals("record-only", chosen(all, Letters.custom(null)));

        ChannelChooser emailOnly = ChannelChooser.of(null, null, EMAIL);
        assertEquals("email", chosen(emailOnly, houseWithEmail));
        assertEquals("email", chosen(emailOnly, senateWithEmail));
        assertEquals("record-only", chosen(emailOnly, Letters.senate()));

        ChannelChooser nothing = ChannelChooser.of(null, null, null);
        assertEquals("record-only", chosen(nothing, Letters.house()));
    }

    @Test
    void recordOnlyKeepsTheLetterAsUndeliverable() {
        DeliveryResult.NoRoute none = assertInstanceOf(DeliveryResult.NoRoute.class,
                new RecordOnlyChannel().deliver(Letters.to(Letters.senate())));
        assertEquals("no configured channel reaches Sen. Tim Kaine (senate, no email address)", none.reason());
        assertEquals("undeliverable_no_route", DeliveryResult.NO_ROUTE);
    }
}
