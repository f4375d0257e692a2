package org.civicast.projects.compose;

import java.util.Map;

/**
 * The text one recipient receives: the template rendered with the recipient's values, the opt-out
 * footer appended when the project has it, then smart punctuation replaced when the project asks
 * for smart encoding. The footer counts toward the segments like any other text.
 */
public final class Composer {
    /** Appended to every message of a project with {@code opt_out_footer_enabled}: a new line, then this text. */
    public static final String OPT_OUT_FOOTER = "\nReply STOP to opt out";

    private final MessageTemplate template;
    private final boolean footer;
    private final boolean smartEncoding;

    public Composer(MessageTemplate template, boolean footer, boolean smartEncoding) {
        this.template = template;
        this.footer = footer;
        this.smartEncoding = smartEncoding;
    }

    /** The message for one recipient's merge values (tag → value). */
    public String body(Map<String, String> values) {
        String text = template.render(values);
        if (footer) text += OPT_OUT_FOOTER;
        return smartEncoding ? SmartEncoding.apply(text) : text;
    }

    /** The segments of the message for these values. */
    public Segments.Count segments(Map<String, String> values) {
        return Segments.count(body(values));
    }

    public MessageTemplate template() {
        return template;
    }
}
