package org.civicast.projects.compose;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A message with merge fields, as a project stores it and the sending engine renders it for each
 * recipient.
 *
 * <p>Syntax: {@code {tag}} is replaced by the recipient's value for the tag; {@code {tag|text}}
 * uses {@code text} when the recipient has no value (null, empty or only spaces). A tag is
 * lowercase letters, digits and {@code _}, starting with a letter, at most 64 characters — the
 * shape of a contact list's merge tags. The fallback is any text without braces (it may contain
 * {@code |}; the first one separates it from the tag); {@code {tag|}} asks for nothing on purpose.
 * Two opening braces write one literal opening brace, two closing braces one closing brace.
 * Anything else in braces, an unclosed opening brace or a lone closing brace is refused, so that
 * a typo never reaches a voter as raw text.
 *
 * <p>Which tags are known (the standard ones, a list's custom ones, {@code link}) is the
 * project's rule, not this class's: here a template is only well formed or not.
 */
public final class MessageTemplate {
    /** The tags every contact list can fill: its standard columns and the number itself. */
    public static final List<String> STANDARD_TAGS = List.of("first_name", "last_name", "address", "address_line_2",
            "city", "state", "zip", "phone");
    /** Where a project's tracked link goes. */
    public static final String LINK = "link";

    private static final Pattern TAG = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Literal text and merge fields, in order: each element a String or a MergeField. */
    private final List<Object> parts;
    private final String text;

    private MessageTemplate(String text, List<Object> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** Reads a message text; a {@link TemplateException} says what is wrong and where. */
    public static MessageTemplate parse(String text) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && text.startsWith("{{", i)) {
                literal.append('{');
                i += 2;
            } else if (c == '}' && text.startsWith("}}", i)) {
                literal.append('}');
                i += 2;
            } else if (c == '}') {
                throw new TemplateException("a '}' at character " + (i + 1) + " closes no merge tag; write }} for a literal brace");
            } else if (c == '{') {
                int close = text.indexOf('}', i + 1);
                int nextOpen = text.indexOf('{', i + 1);
                if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                    throw new TemplateException("the '{' at character " + (i + 1)
                            + " opens a merge tag that is never closed; write {{ for a literal brace");
                }
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(field(text.substring(i + 1, close), i + 1));
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) parts.add(literal.toString());
        return new MessageTemplate(text, parts);
    }

    private static MergeField field(String inside, int position) {
        int bar = inside.indexOf('|');
        String tag = bar < 0 ? inside : inside.substring(0, bar);
        String fallback = bar < 0 ? null : inside.substring(bar + 1);
        if (!TAG.matcher(tag).matches()) {
            throw new TemplateException("{" + inside + "} at character " + position + " is not a merge tag: a tag is "
                    + "lowercase letters, digits and _ (such as {first_name} or {first_name|friend}); "
                    + "write {{ and }} for literal braces");
        }
        return new MergeField(tag, fallback);
    }

    /** The text as written. */
    public String text() {
        return text;
    }

    /** Every merge field, in order of appearance (repeats included). */
    public List<MergeField> fields() {
        return parts.stream().filter(MergeField.class::isInstance).map(MergeField.class::cast).toList();
    }

    /** The distinct tags used, in order of first appearance. */
    public Set<String> tags() {
        Set<String> tags = new LinkedHashSet<>();
        fields().forEach(f -> tags.add(f.tag()));
        return tags;
    }

    public boolean uses(String tag) {
        return tags().contains(tag);
    }

    /**
     * The text for one recipient. Each field takes the recipient's value for its tag; a value that
     * is missing, empty or only spaces gives way to the field's inline fallback, and without one
     * to nothing. Values are used as they are (not trimmed).
     */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (Object part : parts) {
            if (part instanceof MergeField f) {
                String value = values.get(f.tag());
                if (value != null && !value.isBlank()) out.append(value);
                else if (f.hasFallback()) out.append(f.fallback());
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
