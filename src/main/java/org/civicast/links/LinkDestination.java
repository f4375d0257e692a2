package org.civicast.links;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one recipient's tracked link leads: the project's destination URL with the recipient's
 * value of the parameter field put in. Four forms, decided once per project:
 * <ul>
 *   <li>no parameter field: the destination as it is;</li>
 *   <li>inline: the destination holds {@code {field}} in its path, query or fragment; each is
 *       replaced by the value, percent-encoded, and nothing is appended;</li>
 *   <li>appended: a parameter field but no placeholder; {@code field=value} is added to the query
 *       (after {@code ?} or {@code &}, before any {@code #fragment});</li>
 *   <li>whole URL: the destination is exactly {@code https://{field}}; the recipient's value is the
 *       URL (without a scheme, {@code https://} is put in front), or, when it is empty or not an
 *       http(s) URL whose host has a dot, the fallback URL.</li>
 * </ul>
 * The field {@code phone} is the recipient's number in E.164 ({@code +12025550143}); any other is
 * a contact field by merge tag. Values are percent-encoded as RFC 3986 unreserved characters only,
 * so a space is {@code %20} and {@code +} is {@code %2B} wherever they land. Every URL is http(s),
 * its host has a dot, it is at most {@value #MAX_URL} characters, and characters outside ASCII are
 * percent-encoded as UTF-8, so what lands in a {@code Location} header is plain ASCII.
 */
public final class LinkDestination {
    public static final String PHONE = "phone";
    public static final int MAX_URL = 2048;
    /** A merge tag, as contact lists name their fields, or {@code phone}. */
    public static final String FIELD_PATTERN = "[a-z][a-z0-9_]{0,63}";

    private static final Pattern FIELD = Pattern.compile(FIELD_PATTERN);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern WHOLE = Pattern.compile("https://\\{([^{}]*)}");
    /** A scheme such as {@code https:} or {@code mailto:}; {@code example.org:8080} is a host, not a scheme. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+-]*:");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private enum Form { FIXED, INLINE, APPENDED, WHOLE_URL }

    private final Form form;
    private final String destination;
    private final String field;
    private final String fallback;

    private LinkDestination(Form form, String destination, String field, String fallback) {
        this.form = form;
        this.destination = destination;
        this.field = field;
        this.fallback = fallback;
    }

    /**
     * What is wrong with these settings, for a {@code 400 INVALID_LINK_PLACEHOLDER}, or null when
     * they are usable. The domain is not looked at.
     */
    public static String problem(LinkTracking settings) {
        String url = settings.destinationUrl();
        String field = settings.paramField();
        String fallback = settings.fallbackUrl();
        if (url == null || url.isBlank()) return "link_tracking_destination_url is required";
        if (url.length() > MAX_URL) return "link_tracking_destination_url is longer than " + MAX_URL + " characters";
        if (field != null && !FIELD.matcher(field).matches()) {
            return "link_tracking_param_field must be phone or a merge tag: a lowercase letter, then up to 63 "
                    + "lowercase letters, digits or underscores";
        }
        Matcher whole = WHOLE.matcher(url);
        if (whole.matches()) {
            String name = whole.group(1);
            if (!name.equals(field)) return mismatch(name, field);
            if (name.equals(PHONE)) return "https://{phone} is not allowed: a phone number is not a URL";
            if (fallback == null) {
                return "link_tracking_fallback_url is required with the whole-URL destination https://{" + name + "}";
            }
            if (fallback.contains("{") || fallback.contains("}")) {
                return "link_tracking_fallback_url cannot hold a placeholder";
            }
            if (webUrl(fallback) == null) {
                return "link_tracking_fallback_url must be an http(s) URL whose host has a dot, at most "
                        + MAX_URL + " characters";
            }
            return null;
        }
        if (fallback != null) {
            return "link_tracking_fallback_url is used only with a whole-URL destination, written exactly "
                    + "https://{field}";
        }
        Matcher placeholders = PLACEHOLDER.matcher(url);
        int first = -1;
        while (placeholders.find()) {
            if (first < 0) first = placeholders.start();
            if (!placeholders.group(1).equals(field)) return mismatch(placeholders.group(1), field);
        }
        String sample = PLACEHOLDER.matcher(url).replaceAll("x");
        if (sample.contains("{") || sample.contains("}")) {
            return "link_tracking_destination_url has a { or } that is not part of a {field} placeholder";
        }
        if (first >= 0 && first < endOfAuthority(url)) {
            return "a placeholder may stand in the path, query or fragment of link_tracking_destination_url, "
                    + "or be the whole URL written exactly https://{field}";
        }
        if (webUrl(sample) == null) {
            return "link_tracking_destination_url must be an http(s) URL whose host has a dot";
        }
        return null;
    }

    /** The rules for these settings; they must have no {@link #problem}. */
    public static LinkDestination of(LinkTracking settings) {
        String problem = problem(settings);
        if (problem != null) throw new IllegalArgumentException(problem);
        String url = settings.destinationUrl();
        String field = settings.paramField();
        if (WHOLE.matcher(url).matches()) return new LinkDestination(Form.WHOLE_URL, null, field, webUrl(settings.fallbackUrl()));
        String ascii = ascii(url);
        if (field == null) return new LinkDestination(Form.FIXED, ascii, null, null);
        return new LinkDestination(PLACEHOLDER.matcher(url).find() ? Form.INLINE : Form.APPENDED, ascii, field, null);
    }

    /** The destination of one recipient. */
    public String resolve(LinkRecipient recipient) {
        if (form == Form.FIXED) return destination;
        String value = field.equals(PHONE) ? "+" + recipient.phone() : recipient.fields().get(field);
        if (value == null) value = "";
        return switch (form) {
            case FIXED -> destination;
            case INLINE -> destination.replace("{" + field + "}", encode(value));
            case APPENDED -> appended(destination, field, encode(value));
            case WHOLE_URL -> {
                String own = recipientUrl(value);
                yield own != null ? own : fallback;
            }
        };
    }

    /** The URL a contact's field holds, with https:// put in front when it names no scheme; null when unusable. */
    static String recipientUrl(String value) {
        String v = value.strip();
        if (v.isEmpty()) return null;
        Matcher scheme = SCHEME.matcher(v);
        if (!scheme.lookingAt()) v = "https://" + v;
        return webUrl(v);
    }

    /** The URL as ASCII when it is an absolute http(s) URL with a dotted host, within the length; else null. */
    static String webUrl(String url) {
        String ascii = ascii(url);
        if (ascii.length() > MAX_URL) return null;
        try {
            URI uri = new URI(ascii);
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) return null;
            if (host == null || !host.contains(".") || host.endsWith(".") || host.startsWith(".")) return null;
            return ascii;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** {@code key=value} added to the query, before any fragment. */
    static String appended(String url, String key, String encodedValue) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String joiner = !base.contains("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + joiner + key + "=" + encodedValue + fragment;
    }

    /** Percent-encodes all but RFC 3986's unreserved characters (letters, digits, - . _ ~), as UTF-8. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return out.toString();
    }

    /** The text with every character outside ASCII percent-encoded as UTF-8; ASCII stays as it is. */
    static String ascii(String url) {
        int i = 0;
        while (i < url.length() && url.charAt(i) < 0x80) i++;
        if (i == url.length()) return url;
        StringBuilder out = new StringBuilder(url.length() + 16).append(url, 0, i);
        url.substring(i).codePoints().forEach(cp -> {
            if (cp < 0x80) out.append((char) cp);
            else out.append(encode(Character.toString(cp)));
        });
        return out.toString();
    }

    /** Where the scheme and host of a URL end: the first / ? or # after "scheme://", or its end. */
    private static int endOfAuthority(String url) {
        int start = url.indexOf("://");
        if (start < 0) return 0;
        for (int i = start + 3; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') return i;
        }
        return url.length();
    }

    private static String mismatch(String name, String field) {
        return field == null
                ? "the placeholder {" + name + "} needs link_tracking_param_field " + name + ", and none is set"
                : "the placeholder {" + name + "} is not the link_tracking_param_field (" + field + ")";
    }

    @Override
    public String toString() {
        return form.name().toLowerCase(Locale.ROOT) + " " + (destination != null ? destination : "https://{" + field + "}");
    }
}
