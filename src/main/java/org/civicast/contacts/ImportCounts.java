package org.civicast.contacts;

/**
 * What an import made of a file's rows. {@code totalContacts} counts rows with a valid number;
 * each of them is either a clean contact, a duplicate of an earlier row, or opted out.
 */
record ImportCounts(int totalRows, int totalContacts, int cleanContacts, int duplicates, int badNumbers, int optedOut) {}
