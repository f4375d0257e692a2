package org.civicast.billing;

/** What usage is billed as: the categories of the contract's {@code GET /ledger/usage}. */
public enum UsageCategory {
    SMS("sms"),
    MMS("mms"),
    CARRIER_LOOKUP("carrier_lookup"),
    TEN_DLC("10dlc");

    private final String wireName;

    UsageCategory(String wireName) {
        this.wireName = wireName;
    }

    /** The category as stored and as the API names it. */
    public String wireName() {
        return wireName;
    }
}
