package org.civicast.advocacy.delivery;

/** Where an office sits: a chamber of Congress, or anywhere else (a state legislator, a custom target). */
public enum Chamber { HOUSE, SENATE, OTHER }
