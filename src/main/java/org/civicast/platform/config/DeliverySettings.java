package org.civicast.platform.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How advocacy letters leave the server: background workers, the repeat window, and the channels
 * an operator has configured (House and Senate CWC, SMTP). A channel left unset is not used; an
 * office no configured channel reaches has its letters recorded as undeliverable, never dropped.
 */
public record DeliverySettings(
        int jobWorkers,
        Duration repeatWindow,
        URI cwcHouseUrl,
        String cwcHouseApiKey,
        URI cwcSenateUrl,
        String cwcSenateApiKey,
        List<String> cwcSenateOffices,
        String agentName,
        String agentAckEmail,
        String agentContactName,
        String agentContactEmail,
        String agentContactPhone,
        String smtpHost,
        int smtpPort,
        String smtpSecurity,
        String smtpUsername,
        String smtpPassword,
        String emailFrom,
        Duration smtpTimeout) {

    /** Without the keys and the SMTP password: settings end up in logs and error reports. */
    @Override
    public String toString() {
        return "DeliverySettings[workers=" + jobWorkers + ", house=" + cwcHouseUrl + ", senate=" + cwcSenateUrl
                + ", smtp=" + smtpHost + ":" + smtpPort + "]";
    }
}
