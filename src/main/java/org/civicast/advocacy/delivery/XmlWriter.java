package org.civicast.advocacy.delivery;

/**
 * Writes an element-only XML document with two-space indents. Text is escaped, line ends are
 * made LF, and characters XML 1.0 cannot carry at all (most control characters, lone surrogates)
 * are dropped rather than letting one stray byte make the whole letter unreadable.
 */
final class XmlWriter {
    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private int depth;

    XmlWriter open(String name) {
        indent().append('<').append(name).append(">\n");
        depth++;
        return this;
    }

    XmlWriter close(String name) {
        depth--;
        indent().append("</").append(name).append(">\n");
        return this;
    }

    /** An element with text; nothing at all when the text is null. */
    XmlWriter element(String name, String text) {
        if (text == null) return this;
        indent().append('<').append(name).append('>');
        escape(text);
        out.append("</").append(name).append(">\n");
        return this;
    }

    private StringBuilder indent() {
        return out.append("  ".repeat(depth));
    }

    private void escape(String text) {
        String normal = text.replace("\r\n", "\n").replace('\r', '\n');
        normal.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (allowed(c)) out.appendCodePoint(c);
                }
            }
        });
    }

    static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
