package org.civicast.advocacy.supporters;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PHP's {@code http_build_query} (its default, RFC 1738 encoding): nested arrays as
 * {@code addresses%5B0%5D%5Bstreet1%5D=1+Main+St}, the brackets percent-encoded and spaces as {@code +}.
 */
final class HttpBuildQuery {
    static String of(Map<String, ?> data) {
        List<String> pairs = new ArrayList<>();
        data.forEach((key, value) -> add(key, value, pairs));
        return String.join("&", pairs);
    }

    /** An ordered map from alternating keys and values, as a PHP array literal reads. */
    static Map<String, Object> array(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    private static void add(String key, Object value, List<String> pairs) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> add(key + "[" + k + "]", v, pairs));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) add(key + "[" + i + "]", list.get(i), pairs);
        } else if (value != null) { // PHP leaves out nulls
            pairs.add(encode(key) + "=" + encode(String.valueOf(value)));
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private HttpBuildQuery() {}
}
