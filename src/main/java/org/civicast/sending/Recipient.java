package org.civicast.sending;

import java.util.Map;

/** One recipient as a message is written for them: the number (E.164) and the merge values by tag. */
public record Recipient(String phone, Map<String, String> values) {}
