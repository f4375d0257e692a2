package org.civicast.advocacy.submissions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a supporter sends with an action, by the Rally client's field names. Fields the supporter
 * adds when asked for more (a prefix from an office's list, a district, an office's topic) join
 * them; a later post of the same submission overrides earlier values.
 */
record Submitted(Map<String, String> fields) {
    static final String[] ADDRESS = {"street", "city", "state", "zipcode"};

    Submitted {
        fields = Map.copyOf(fields);
    }

    String get(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    Submitted with(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(fields);
        more.forEach((k, v) -> {
            if (v != null && !v.isBlank()) merged.put(k, v);
        });
        return new Submitted(merged);
    }

    String email() {
        return get("email");
    }

    String zip5() {
        String zip = get("zipcode");
        return zip == null ? null : zip.substring(0, 5);
    }

    /** The ZIP+4 extension, from {@code zipplus} or a nine-digit {@code zipcode}. */
    String zip4() {
        if (get("zipplus") != null) return get("zipplus");
        String zip = get("zipcode");
        return zip != null && zip.replace("-", "").length() == 9 ? zip.replace("-", "").substring(5) : null;
    }
}
