package org.civicast.platform.http;

/**
 * How one API surface's request bodies are written: JSON, or HTML-form encoding. Either way the
 * properties are checked against the route's {@link Schema} and reach the handler as a {@link Body}.
 */
public interface BodyFormat {
    /** The media type requests must declare, e.g. {@code application/json}. */
    String mediaType();

    /** The body, checked against the route's schema; {@code schema} null: the route takes none. */
    Body parse(Schema schema, byte[] raw);

    BodyFormat JSON = new BodyFormat() {
        @Override
        public String mediaType() {
            return "application/json";
        }

        @Override
        public Body parse(Schema schema, byte[] raw) {
            if (schema != null) return schema.parse(raw);
            boolean blank = new String(raw, java.nio.charset.StandardCharsets.UTF_8).isBlank();
            return blank ? null : Schema.object().parse(raw); // reports malformed JSON or unknown properties
        }
    };

    BodyFormat FORM = new BodyFormat() {
        @Override
        public String mediaType() {
            return "application/x-www-form-urlencoded";
        }

        @Override
        public Body parse(Schema schema, byte[] raw) {
            java.util.Map<String, java.util.List<String>> form = FormEncoding.decode(raw);
            if (schema != null) return schema.parseForm(form);
            return form.isEmpty() ? null : Schema.object().parseForm(form);
        }
    };
}
