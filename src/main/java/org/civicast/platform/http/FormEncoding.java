package org.civicast.platform.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code application/x-www-form-urlencoded}: {@code a=1&b=two+words}, in UTF-8, names in order. */
final class FormEncoding {
    static Map<String, List<String>> decode(byte[] raw) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        String text = new String(raw, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) return form;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a property name");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            form.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static String decode(String encoded, String what) {
        try {
            String decoded = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
            if (decoded.indexOf('\uFFFD') >= 0 && encoded.indexOf('\uFFFD') < 0) {
                throw new IllegalArgumentException("not UTF-8");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("body", "is not valid form encoding near " + what);
        }
    }

    private FormEncoding() {}
}
