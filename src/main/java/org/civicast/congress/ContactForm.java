package org.civicast.congress;

import java.util.List;
import java.util.Optional;

/**
 * What an office's web form asks of a supporter, from unitedstates/contact-congress: each variable
 * once, in the order the form asks for it.
 *
 * @param throughCwc true for contact-congress's stub of a House office that takes messages only
 *                   through Communicating with Congress; such a form lists no fields
 * @param captcha    true when the form shows a captcha (a {@code recaptcha} step or a
 *                   {@code $CAPTCHA_SOLUTION} field), which a server cannot answer alone
 */
public record ContactForm(String bioguide, String method, String action, boolean throughCwc, boolean captcha,
                          List<Field> fields) {

    public ContactForm {
        fields = List.copyOf(fields);
    }

    public Optional<Field> field(String variable) {
        return fields.stream().filter(f -> f.variable().equals(variable)).findFirst();
    }

    public List<Field> requiredFields() {
        return fields.stream().filter(Field::required).toList();
    }

    /**
     * One variable the form fills, such as {@code $NAME_PREFIX}, {@code $TOPIC},
     * {@code $ADDRESS_ZIP4} or {@code $PHONE}.
     *
     * @param options   the choices when the form offers a list (empty for free text); a named
     *                  constant such as {@code US_STATES} is already expanded
     * @param maxLength the longest value the office accepts, when known
     */
    public record Field(String variable, boolean required, List<Option> options, Integer maxLength) {
        public Field {
            options = List.copyOf(options);
        }

        /** True when the value must be one of {@link #options}. */
        public boolean choice() {
            return !options.isEmpty();
        }
    }

    /** A choice as the supporter sees it (label) and as the form sends it (value); often the same. */
    public record Option(String label, String value) {
    }
}
