package org.civicast.advocacy.delivery;

import static org.civicast.advocacy.delivery.ConstituentField.ADDRESS;
import static org.civicast.advocacy.delivery.ConstituentField.CITY;
import static org.civicast.advocacy.delivery.ConstituentField.EMAIL;
import static org.civicast.advocacy.delivery.ConstituentField.FIRST_NAME;
import static org.civicast.advocacy.delivery.ConstituentField.LAST_NAME;
import static org.civicast.advocacy.delivery.ConstituentField.MESSAGE;
import static org.civicast.advocacy.delivery.ConstituentField.STATE;
import static org.civicast.advocacy.delivery.ConstituentField.SUBJECT;
import static org.civicast.advocacy.delivery.ConstituentField.ZIP5;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Delivers by email, for offices without an API and for custom targets: the letter as plain text
 * with the constituent's name, address and email at the foot, From the configured address (with
 * the constituent's name shown), Reply-To the constituent.
 *
 * <p>The Message-ID is derived from the delivery id, so a letter sent again after a crash carries
 * the same id and mail systems can recognise the repeat.
 */
public final class EmailChannel implements DeliveryChannel {
    public static final String NAME = "email";
    private static final Requirements REQUIREMENTS = Requirements.of(
            Requirement.required(FIRST_NAME),
            Requirement.required(LAST_NAME),
            Requirement.required(EMAIL),
            Requirement.optional(ADDRESS),
            Requirement.optional(CITY),
            Requirement.optional(STATE),
            Requirement.optional(ZIP5),
            Requirement.required(SUBJECT),
            Requirement.required(MESSAGE));

    private final EmailSettings settings;
    private final Session session;

    public EmailChannel(EmailSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.session = Session.getInstance(properties(settings));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean reaches(Office office) {
        return address(office.email()) != null;
    }

    @Override
    public Requirements requirements(Office office) {
        return REQUIREMENTS;
    }

    @Override
    public DeliveryResult deliver(Letter letter) {
        InternetAddress to = address(letter.office().email());
        InternetAddress replyTo = address(letter.constituent().email());
        if (to == null) return new DeliveryResult.Rejected(NAME, "the office has no usable email address");
        if (replyTo == null) return new DeliveryResult.Rejected(NAME, "the constituent's email address is not usable");
        if (!REQUIREMENTS.unmet(letter).isEmpty()) {
            return new DeliveryResult.Rejected(NAME, "the letter lacks " + REQUIREMENTS.unmet(letter).stream()
                    .map(r -> r.field().name().toLowerCase(java.util.Locale.ROOT)).toList());
        }
        String messageId = "<" + CwcMessage.uid(letter.deliveryId()) + "@" + domainOf(settings.fromAddress()) + ">";
        try {
            MimeMessage mail = new FixedIdMessage(session, messageId);
            mail.setFrom(new InternetAddress(settings.fromAddress(), letter.constituent().fullName(), "UTF-8"));
            mail.setReplyTo(new InternetAddress[] {replyTo});
            mail.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
            mail.setSubject(letter.message().subject().strip(), "UTF-8");
            mail.setText(LetterText.of(letter), "UTF-8");
            mail.saveChanges();
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
                transport.sendMessage(mail, mail.getAllRecipients());
            }
            return new DeliveryResult.Delivered(NAME, messageId);
        } catch (AuthenticationFailedException e) {
            return new DeliveryResult.FailedTemporarily(NAME, "the SMTP server refused our login: " + e.getMessage());
        } catch (MessagingException e) {
            return classify(e);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 5xx answer about the message or its recipient is final; anything else may pass later. */
    private static DeliveryResult classify(MessagingException e) {
        for (Exception next = e; next != null;
                next = next instanceof MessagingException m ? m.getNextException() : null) {
            int code = next instanceof SMTPAddressFailedException a ? a.getReturnCode()
                    : next instanceof SMTPSendFailedException s ? s.getReturnCode() : -1;
            if (code >= 500) return new DeliveryResult.Rejected(NAME, "the SMTP server refused the letter: "
                    + next.getMessage().strip());
            if (code >= 400) break;
        }
        return new DeliveryResult.FailedTemporarily(NAME, "cannot send through SMTP: " + describe(e));
    }

    private static String describe(MessagingException e) {
        String text = e.getMessage();
        Throwable cause = e.getCause();
        return cause == null ? text : text + " (" + cause.getMessage() + ")";
    }

    private static Properties properties(EmailSettings settings) {
        Properties p = new Properties();
        String timeout = Long.toString(settings.timeout().toMillis());
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.connectiontimeout", timeout);
        p.put("mail.smtp.timeout", timeout);
        p.put("mail.smtp.writetimeout", timeout);
        p.put("mail.smtp.from", settings.fromAddress());
        p.put("mail.smtp.auth", Boolean.toString(settings.username() != null));
        switch (settings.security()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        return p;
    }

    private static InternetAddress address(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            InternetAddress address = new InternetAddress(text.strip(), true);
            return address.getAddress().contains("@") ? address : null;
        } catch (AddressException e) {
            return null;
        }
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "localhost" : address.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
    }

    /** Keeps the Message-ID it is given instead of making a fresh one on every save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
