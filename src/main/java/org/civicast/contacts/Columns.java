package org.civicast.contacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The positions, in a file's header line, of the phone column and of each merge tag's column.
 * Headers match without regard to case or surrounding spaces, as people type them.
 */
record Columns(int phone, int[] standard, int[] custom) {

    static Columns resolve(List<String> headers, String phoneColumn, MergeTags tags) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = headers.size() - 1; i >= 0; i--) byName.put(key(headers.get(i)), i);
        Integer phone = byName.get(key(phoneColumn));
        if (phone == null) {
            throw new ImportFailure("The file has no column '" + phoneColumn + "' (phone_column); its headers are: "
                    + shown(headers));
        }
        int[] standard = new int[MergeTags.STANDARD.size()];
        for (int t = 0; t < standard.length; t++) {
            String column = tags.standard().get(MergeTags.STANDARD.get(t));
            standard[t] = column == null ? -1 : require(byName, column, "merge_tags." + MergeTags.STANDARD.get(t), headers);
        }
        int[] custom = new int[tags.custom().size()];
        for (int c = 0; c < custom.length; c++) {
            MergeTags.CustomField f = tags.custom().get(c);
            custom[c] = require(byName, f.csvColumn(), "merge_tags.custom_fields[" + c + "]", headers);
        }
        return new Columns(phone, standard, custom);
    }

    private static int require(Map<String, Integer> byName, String column, String setting, List<String> headers) {
        Integer at = byName.get(key(column));
        if (at == null) {
            throw new ImportFailure(setting + " names the column '" + column + "', which the file does not have; "
                    + "its headers are: " + shown(headers));
        }
        return at;
    }

    private static String key(String header) {
        return header.strip().toLowerCase(Locale.ROOT);
    }

    private static String shown(List<String> headers) {
        List<String> shown = new ArrayList<>();
        for (String h : headers.subList(0, Math.min(headers.size(), 40))) shown.add("'" + h.strip() + "'");
        return String.join(", ", shown) + (headers.size() > 40 ? " and " + (headers.size() - 40) + " more" : "");
    }
}
