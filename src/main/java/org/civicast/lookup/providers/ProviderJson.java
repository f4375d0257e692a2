package org.civicast.lookup.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.civicast.lookup.LookupFailure;
import org.civicast.platform.outbound.OutboundResponse;

/** Reading the JSON the lookup APIs answer with. */
final class ProviderJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body as JSON; a body that is not JSON is a provider answering something else than it documents. */
    static JsonNode body(String service, OutboundResponse response) {
        try {
            JsonNode root = JSON.readTree(response.body());
            if (root == null || !root.isObject()) throw new IOException("not a JSON object");
            return root;
        } catch (IOException e) {
            throw new LookupFailure(service + " answered HTTP " + response.status() + " with something other than its JSON",
                    false, e);
        }
    }

    /** The body as JSON when it is, else an empty object: for error answers, whose body is only a courtesy. */
    static JsonNode lenient(OutboundResponse response) {
        try {
            JsonNode root = JSON.readTree(response.body());
            return root == null ? JSON.createObjectNode() : root;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** A text or number field, stripped; null when absent, null or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() && !value.isNumber()) return null;
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** A North American LRN as ten digits; null when the provider gave none or something else. */
    static String lrn(String value) {
        if (value == null) return null;
        String digits = value.replaceAll("\\D", "");
        if (digits.length() == 11 && digits.startsWith("1")) digits = digits.substring(1);
        return digits.length() == 10 ? digits : null;
    }

    private ProviderJson() {}
}
