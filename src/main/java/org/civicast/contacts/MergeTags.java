package org.civicast.contacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which CSV column fills which merge tag: the standard tags and the list's own custom fields.
 *
 * @param standard standard tag → CSV header, in {@link #STANDARD} order
 * @param custom   custom fields in the order their values are stored
 */
record MergeTags(Map<String, String> standard, List<CustomField> custom) {
    static final List<String> STANDARD = List.of("first_name", "last_name", "address", "address_line_2", "city",
            "state", "zip");

    record CustomField(String csvColumn, String mergeTag) {}

    MergeTags {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String tag : STANDARD) {
            if (standard.get(tag) != null) ordered.put(tag, standard.get(tag));
        }
        standard = java.util.Collections.unmodifiableMap(ordered);
        custom = List.copyOf(custom);
    }

    static MergeTags none() {
        return new MergeTags(Map.of(), List.of());
    }

    List<String> customTags() {
        return custom.stream().map(CustomField::mergeTag).toList();
    }

    /** As the API shows it: the standard tags, then {@code custom_fields}. */
    Map<String, Object> asJson() {
        Map<String, Object> json = new LinkedHashMap<>(standard);
        List<Map<String, String>> fields = new ArrayList<>();
        for (CustomField f : custom) fields.add(Map.of("csv_column", f.csvColumn(), "merge_tag", f.mergeTag()));
        json.put("custom_fields", fields);
        return json;
    }

    @SuppressWarnings("unchecked")
    static MergeTags fromJson(Map<String, Object> json) {
        Map<String, String> standard = new LinkedHashMap<>();
        List<CustomField> custom = new ArrayList<>();
        json.forEach((key, value) -> {
            if (key.equals("custom_fields")) {
                for (Map<String, String> f : (List<Map<String, String>>) value) {
                    custom.add(new CustomField(f.get("csv_column"), f.get("merge_tag")));
                }
            } else if (value != null) {
                standard.put(key, value.toString());
            }
        });
        return new MergeTags(standard, custom);
    }
}
