package org.civicast.projects;

import java.util.Map;

/**
 * One recipient of a test send: a US or Canadian number in E.164, and merge values to use
 * instead of a sampled list contact's (tag → value; missing tags fall back as in any message).
 */
public record TestContact(String phone, Map<String, String> mergeValues) {
    public TestContact {
        mergeValues = mergeValues == null ? Map.of() : Map.copyOf(mergeValues);
    }
}
