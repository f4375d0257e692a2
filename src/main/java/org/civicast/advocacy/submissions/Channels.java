package org.civicast.advocacy.submissions;

import java.time.Clock;
import java.util.Set;
import org.civicast.advocacy.delivery.ChannelChooser;
import org.civicast.advocacy.delivery.CwcAgent;
import org.civicast.advocacy.delivery.CwcHouseChannel;
import org.civicast.advocacy.delivery.CwcHouseSettings;
import org.civicast.advocacy.delivery.EmailChannel;
import org.civicast.advocacy.delivery.EmailSettings;
import org.civicast.advocacy.delivery.SenateApiChannel;
import org.civicast.advocacy.delivery.SenateApiSettings;
import org.civicast.platform.config.DeliverySettings;

/** The delivery channels an operator configured, in the order they are tried for an office. */
public final class Channels {
    public static ChannelChooser configured(DeliverySettings s, Clock clock) {
        CwcAgent agent = new CwcAgent(s.agentName(), s.agentAckEmail(), s.agentContactName(), s.agentContactEmail(),
                s.agentContactPhone());
        CwcHouseChannel house = s.cwcHouseUrl() == null ? null
                : new CwcHouseChannel(new CwcHouseSettings(s.cwcHouseUrl(), s.cwcHouseApiKey(), agent), clock);
        SenateApiChannel senate = s.cwcSenateUrl() == null ? null
                : new SenateApiChannel(new SenateApiSettings(s.cwcSenateUrl(), s.cwcSenateApiKey(), agent,
                        Set.copyOf(s.cwcSenateOffices())), clock);
        EmailChannel email = s.smtpHost() == null ? null
                : new EmailChannel(new EmailSettings(s.smtpHost(), s.smtpPort(),
                        EmailSettings.Security.valueOf(s.smtpSecurity().toUpperCase(java.util.Locale.ROOT)),
                        s.smtpUsername(), s.smtpPassword(), s.emailFrom(), s.smtpTimeout()));
        return ChannelChooser.of(house, senate, email);
    }

    private Channels() {}
}
