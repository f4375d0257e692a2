package org.civicast.projects;

/**
 * The carriers' terms a project is sent by: what shares its per-minute rate ({@code rateScope}:
 * its campaign, or its toll-free verification), that rate in segments per minute for the
 * project's protocol and its brand's T-Mobile segments per Pacific day — each null when it does
 * not apply or is unknown — and the segments a message is estimated at.
 */
public record SendTerms(String rateScope, Integer segmentsPerMinute, Integer brandDailyCap, int segmentsPerMessage) {}
