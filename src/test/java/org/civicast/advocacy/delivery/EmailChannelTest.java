package org.civicast.advocacy.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailChannelTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay", "relay-secret"));

    private static EmailChannel channel(int port, String user, String password) {
        return new EmailChannel(new EmailSettings("127.0.0.1", port, EmailSettings.Security.NONE, user, password,
                "letters@civicast.example.org", Duration.ofSeconds(5)));
    }

    private static int port() {
        return SMTP.getSmtp().getPort();
    }

    @Test
    void theLetterArrivesFromTheConfiguredAddressWithReplyToTheConstituent() throws Exception {
        Office mayor = Letters.custom("mayor@city.example.gov");
        Letter letter = Letters.to(mayor, "dlv_mail");
        DeliveryResult.Delivered delivered = assertInstanceOf(DeliveryResult.Delivered.class,
                channel(port(), "relay", "relay-secret").deliver(letter));

        assertTrue(SMTP.waitForIncomingEmail(5000, 1));
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertEquals("Fund the libraries", mail.getSubject());
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertEquals("letters@civicast.example.org", from.getAddress());
        assertEquals("Jane Q. Public", from.getPersonal());
        assertEquals("jane.public@example.com", ((InternetAddress) mail.getReplyTo()[0]).getAddress());
        assertEquals("mayor@city.example.gov", ((InternetAddress) mail.getRecipients(RecipientType.TO)[0]).getAddress());
        assertEquals(delivered.receipt(), mail.getMessageID());
        assertEquals("<" + CwcMessage.uid("dlv_mail") + "@civicast.example.org>", mail.getMessageID());

        String body = ((String) mail.getContent()).replace("\r\n", "\n").strip();
        assertEquals("""
                Dear Mayor Alex Rivera,

                We urge you to support library funding.

                Our branch closes at noon on weekdays.

                Ms. Jane Q. Public
                1100 Main St
                Apt 4
                Arlington, VA 22201-1234
                jane.public@example.com
                (703) 555-0123
                """.strip(), body);
    }

    @Test
    void smtpDownIsATemporaryFailure() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        DeliveryResult.FailedTemporarily failed = assertInstanceOf(DeliveryResult.FailedTemporarily.class,
                channel(closed, null, null).deliver(Letters.to(Letters.custom("mayor@city.example.gov"))));
        assertEquals(EmailChannel.NAME, failed.channel());
        assertTrue(failed.reason().startsWith("cannot send through SMTP"), failed.reason());
    }

    @Test
    void aWrongPasswordIsTemporarySoTheOperatorCanFixIt() {
        assertInstanceOf(DeliveryResult.FailedTemporarily.class,
                channel(port(), "relay", "wrong").deliver(Letters.to(Letters.custom("mayor@city.example.gov"))));
    }

    @Test
    void itReachesOfficesWithAnEmailAddressAndNeedsTheConstituentsEmail() {
        EmailChannel email = channel(port(), null, null);
        assertTrue(email.reaches(Letters.custom("mayor@city.example.gov")));
        assertFalse(email.reaches(Letters.house()));
        assertFalse(email.reaches(Letters.custom("not an address")));

        Letter base = Letters.to(Letters.custom("mayor@city.example.gov"));
        Constituent c = base.constituent();
        Constituent noEmail = new Constituent(null, c.firstName(), null, c.lastName(), null, null, null, null, null,
                null, null, null);
        Letter letter = new Letter("d", "c", base.office(), noEmail, base.message(), null);
        assertEquals(java.util.List.of(ConstituentField.EMAIL),
                email.requirements(base.office()).unmet(letter).stream().map(Requirement::field).toList());
        assertInstanceOf(DeliveryResult.Rejected.class, email.deliver(letter));
    }
}
