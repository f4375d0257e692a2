package org.civicast.contacts;

/**
 * An audience by carrier, as far as line-type analyses know it.
 *
 * @param recipients every number of the audience
 * @param known      those whose carrier an analysis found
 * @param tMobile    of those, T-Mobile's (with Sprint and Metro)
 * @param att        of those, AT&T's (with Cingular and Cricket)
 */
public record AudienceCarriers(int recipients, int known, int tMobile, int att) {}
