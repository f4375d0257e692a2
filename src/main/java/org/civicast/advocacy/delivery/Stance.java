package org.civicast.advocacy.delivery;

/** For or against the bills a message names. */
public enum Stance { PRO, CON }
