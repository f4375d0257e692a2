package org.civicast.advocacy.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * The SMTP server letters are sent through, and the address they come from.
 *
 * @param security    {@code STARTTLS} (required, not just tried), {@code TLS} from the first byte
 *                    (usually port 465), or {@code NONE} for a relay on a trusted network
 * @param username    null: no authentication
 * @param fromAddress the envelope and From address; the constituent goes in Reply-To, since
 *                    sending as them would fail the receivers' SPF/DMARC checks
 * @param timeout     for connecting and for each exchange with the server
 */
public record EmailSettings(String host, int port, Security security, String username, String password,
                            String fromAddress, Duration timeout) {
    public enum Security { NONE, STARTTLS, TLS }

    public EmailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(fromAddress, "fromAddress");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port);
    }

    @Override
    public String toString() {
        return "EmailSettings[" + host + ":" + port + ", " + security + ", user " + username + ", from " + fromAddress + "]";
    }
}
