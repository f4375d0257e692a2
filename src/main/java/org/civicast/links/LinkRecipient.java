package org.civicast.links;

import java.util.Map;

/**
 * One recipient of a send, as its short link needs it.
 *
 * @param phone  the E.164 number's digits, as contacts store it ({@code 12025550143})
 * @param fields the contact's fields by merge tag (custom fields, and standard ones if wanted); a
 *               missing or null field reads as empty
 */
public record LinkRecipient(long phone, Map<String, String> fields) {
    public LinkRecipient {
        fields = fields == null ? Map.of() : fields;
    }

    public LinkRecipient(long phone) {
        this(phone, Map.of());
    }
}
