package org.civicast.advocacy.delivery;

/** The organization running the campaign, as CWC's optional Organization elements describe it. */
public record SendingOrganization(String name, String about, String contactName, String contactEmail,
                                  String contactPhone) {}
