package org.civicast.advocacy.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Picks the channel for an office: the first configured channel that reaches it, in the order
 * House CWC, Senate CWC, email; offices none of them reaches get the record-only channel.
 * So a House office goes by CWC when it is configured, a Senate office by the Senate's service
 * when that is configured (and lists the office), anything else with an email address by email.
 */
public final class ChannelChooser {
    private final List<DeliveryChannel> channels;

    /** Channels in order of preference; null entries (channels not configured) are skipped. */
    public ChannelChooser(DeliveryChannel... channels) {
        List<DeliveryChannel> configured = new ArrayList<>();
        for (DeliveryChannel channel : channels) if (channel != null) configured.add(channel);
        configured.add(new RecordOnlyChannel());
        this.channels = List.copyOf(configured);
    }

    /** The usual order from whichever channels are configured (each may be null). */
    public static ChannelChooser of(CwcHouseChannel house, SenateApiChannel senate, EmailChannel email) {
        return new ChannelChooser(house, senate, email);
    }

    public DeliveryChannel choose(Office office) {
        Objects.requireNonNull(office);
        for (DeliveryChannel channel : channels) if (channel.reaches(office)) return channel;
        throw new IllegalStateException("the record-only channel reaches every office");
    }

    public List<DeliveryChannel> channels() {
        return channels;
    }
}
