package org.civicast.advocacy.delivery;

import java.util.ArrayList;
import java.util.List;

/** A letter as plain text: salutation, the message, and the constituent's signature block. */
final class LetterText {
    private LetterText() {}

    static String of(Letter letter) {
        Constituent c = letter.constituent();
        Message m = letter.message();
        List<String> parts = new ArrayList<>();
        if (letter.office().name() != null && !letter.office().name().isBlank()) {
            parts.add("Dear " + letter.office().name().strip() + ",");
        }
        if (present(m.organizationStatement())) parts.add(m.organizationStatement().strip());
        if (present(m.constituentMessage()) && !m.constituentMessage().strip().equals(
                present(m.organizationStatement()) ? m.organizationStatement().strip() : null)) {
            parts.add(m.constituentMessage().strip());
        }
        parts.add(signature(c));
        String text = String.join("\n\n", parts) + "\n";
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String signature(Constituent c) {
        List<String> lines = new ArrayList<>();
        String name = (present(c.prefix()) ? c.prefix().strip() + " " : "") + c.fullName();
        lines.add(name.strip());
        lines.addAll(c.addressLines().stream().map(String::strip).toList());
        StringBuilder place = new StringBuilder();
        if (present(c.city())) place.append(c.city().strip());
        if (present(c.state())) place.append(place.isEmpty() ? "" : ", ").append(c.state().strip());
        if (c.zip() != null) place.append(place.isEmpty() ? "" : " ").append(c.zip());
        if (!place.isEmpty()) lines.add(place.toString());
        if (present(c.email())) lines.add(c.email().strip());
        if (present(c.phone())) lines.add(c.phone().strip());
        return String.join("\n", lines);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
