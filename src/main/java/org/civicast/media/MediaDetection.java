package org.civicast.media;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a file is, from its first bytes (its magic number, or an MP4's ftyp box). Files of other
 * kinds are refused with what they appear to be, since "not supported" alone leaves the sender
 * guessing; an HTML page usually means the URL leads to a page showing the file, not the file.
 */
final class MediaDetection {
    private MediaDetection() {}

    static MediaKind kindOf(byte[] b) throws MediaRefused {
        if (b.length == 0) throw new MediaRefused("the source sent an empty file");
        if (starts(b, 0, 0xFF, 0xD8, 0xFF)) return MediaKind.JPEG;
        if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return MediaKind.PNG;
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) return MediaKind.GIF;
        if (ascii(b, 4, "ftyp") && b.length >= 12) return isoMedia(text(b, 8, 4));
        if (ascii(b, 0, "ID3") || mp3Frame(b)) return MediaKind.MP3;
        if (ascii(b, 0, "#!AMR\n")) return MediaKind.AMR;
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) return MediaKind.WAV;
        if (vcard(b)) return MediaKind.VCARD;
        throw new MediaRefused(describe(b) + "; " + MediaKind.ACCEPTED);
    }

    /** MP4 and its relatives share the ISO box format; the major brand tells them apart. */
    private static MediaKind isoMedia(String brand) throws MediaRefused {
        if (brand.startsWith("3gp")) return MediaKind.THREE_GPP;
        if (brand.startsWith("3g2")) return MediaKind.THREE_GPP2;
        if (brand.equals("M4A ") || brand.equals("M4B ")) return MediaKind.M4A;
        String other = switch (brand) {
            case "qt  " -> "a QuickTime (.mov) video: convert it to MP4";
            case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1" ->
                    "a HEIC/HEIF image (as iPhones take them): export it as JPEG";
            case "avif", "avis" -> "an AVIF image: export it as JPEG or PNG";
            case "crx " -> "a camera RAW image: export it as JPEG";
            default -> null;
        };
        if (other != null) throw new MediaRefused(other + "; " + MediaKind.ACCEPTED);
        return MediaKind.MP4;
    }

    private static String describe(byte[] b) {
        String head = text(b, 0, Math.min(b.length, 512)).toLowerCase(Locale.ROOT).stripLeading();
        if (ascii(b, 0, "%PDF")) return "a PDF document";
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) return "a WebP image";
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "AVI ")) return "an AVI video";
        if (starts(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) return "a WebM or Matroska video";
        if (ascii(b, 0, "OggS")) return "an Ogg audio or video file";
        if (ascii(b, 0, "fLaC")) return "a FLAC audio file";
        if (ascii(b, 0, "II*\0") || ascii(b, 0, "MM\0*")) return "a TIFF image";
        if (ascii(b, 0, "BM") && b.length > 26) return "a BMP image";
        if (starts(b, 0, 0, 0, 1, 0)) return "an icon (.ico) file";
        if (ascii(b, 0, "PK\3\4")) return "a ZIP archive (or an Office document)";
        if (ascii(b, 0, "#!AMR-WB")) return "a wide-band AMR recording";
        if (starts(b, 0, 0xFF) && b.length > 1 && (b[1] & 0xF6) == 0xF0) return "an AAC audio stream: put it in an M4A file";
        if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<head")) {
            return "a web page, not a media file (the URL may lead to a page that shows the file rather than to the file)";
        }
        if (head.startsWith("<svg") || head.contains("<svg")) return "an SVG image, which carriers do not show: export it as PNG";
        if (head.startsWith("<?xml") || head.startsWith("{") || head.startsWith("[")) return "a text document (XML or JSON)";
        return "a file of a kind Civicast does not recognise";
    }

    /** An MPEG audio layer III frame header: 11 sync bits, then MPEG 1, 2 or 2.5, layer III. */
    private static boolean mp3Frame(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xE0) != 0xE0) return false;
        int version = (b[1] >> 3) & 0x03;
        int layer = (b[1] >> 1) & 0x03;
        return version != 0x01 && layer == 0x01;
    }

    private static boolean vcard(byte[] b) {
        int at = starts(b, 0, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        String head = text(b, at, Math.min(b.length - at, 64)).stripLeading().toUpperCase(Locale.ROOT);
        return head.startsWith("BEGIN:VCARD");
    }

    private static boolean starts(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) return false;
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xFF) != expected[i]) return false;
        }
        return true;
    }

    private static boolean ascii(byte[] b, int at, String expected) {
        return b.length >= at + expected.length() && text(b, at, expected.length()).equals(expected);
    }

    private static String text(byte[] b, int at, int length) {
        return new String(b, at, Math.max(0, Math.min(length, b.length - at)), StandardCharsets.ISO_8859_1);
    }
}
