package org.civicast.numbers;

/**
 * What is written of a phone number besides its id and times. The organization, number and
 * channel are set when it is recorded and never change.
 */
public record PhoneNumberFields(
        String organizationId,
        String number,
        String channel,
        String status,
        String campaignId,
        String tollFreeVerificationId) {}
