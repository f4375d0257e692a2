package org.civicast.media;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The last part of a public URL: the file's name made safe for any URL and any phone (lowercase
 * ASCII letters, digits and dashes), with the extension of what is served, which may differ from
 * the name's (a PNG fitted as JPEG ends in .jpg).
 */
final class FileNames {
    private static final int MAX = 60;

    private FileNames() {}

    static String of(String name, String extension) {
        String base = name.replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
        String ascii = Normalizer.normalize(base, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX) slug = slug.substring(0, MAX).replaceAll("-+$", "");
        return (slug.isEmpty() ? "media" : slug) + "." + extension;
    }
}
