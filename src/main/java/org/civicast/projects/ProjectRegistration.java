package org.civicast.projects;

/**
 * What a project sends under, fixed when it is created: a 10DLC brand and campaign, or a toll-free
 * verification.
 */
record ProjectRegistration(String channel, String brandId, String campaignId, String tollFreeVerificationId) {
    static final String TEN_DLC = "10dlc";
    static final String TOLL_FREE = "toll-free";

    boolean tenDlc() {
        return channel.equals(TEN_DLC);
    }
}
