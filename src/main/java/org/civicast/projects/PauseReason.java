package org.civicast.projects;

import java.util.Arrays;
import java.util.Locale;

/** Why a project is paused, as the contract's {@code pause_reason} names it. */
public enum PauseReason {
    /** The brand reached T-Mobile's segments for the Pacific day. */
    BRAND_DAILY_CAP,
    /** The recipients' local time is outside the hours texts may be sent. */
    QUIET_HOURS,
    /** Carriers block too large a share of the messages. */
    CARRIER_BLOCK_RATE,
    /** The campaign is not (or no longer) registered to send. */
    UNREGISTERED_CAMPAIGN,
    /** The messaging provider keeps refusing or failing. */
    PROVIDER_ERROR,
    /** The organization's balance is spent and recharging it failed. */
    INSUFFICIENT_FUNDS_AUTO_RECHARGE_FAILED,
    /** An ancestor organization paying for it has no balance left. */
    INSUFFICIENT_FUNDS_ANCESTOR,
    /** A number an ancestor shared was taken back. */
    SHARED_PHONE_REVOKED,
    /** A sending number was released. */
    PHONE_RELEASED,
    /** The organization was deleted. */
    ORGANIZATION_DELETED,
    /** A person paused it. */
    MANUAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PauseReason of(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pause reason " + code));
    }

    @Override
    public String toString() {
        return code();
    }
}
