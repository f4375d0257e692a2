package org.civicast.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every kind MMS takes, known from its first bytes; the kinds people send by mistake named in the refusal. */
class MediaDetectionTest {
    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] iso(String brand) {
        return ByteBuffer.allocate(32).putInt(24).put(ascii("ftyp" + brand)).putInt(0).put(ascii("isom" + brand)).array();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[Math.max(values.length, 32)];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    @Test
    void acceptedKinds() throws MediaRefused {
        assertEquals(MediaKind.JPEG, MediaDetection.kindOf(bytes(0xFF, 0xD8, 0xFF, 0xE0)));
        assertEquals(MediaKind.PNG, MediaDetection.kindOf(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)));
        assertEquals(MediaKind.GIF, MediaDetection.kindOf(ascii("GIF87a....")));
        assertEquals(MediaKind.MP4, MediaDetection.kindOf(iso("mp42")));
        assertEquals(MediaKind.MP4, MediaDetection.kindOf(iso("M4V ")));
        assertEquals(MediaKind.THREE_GPP, MediaDetection.kindOf(iso("3gp5")));
        assertEquals(MediaKind.THREE_GPP2, MediaDetection.kindOf(iso("3g2a")));
        assertEquals(MediaKind.M4A, MediaDetection.kindOf(iso("M4A ")));
        assertEquals(MediaKind.MP3, MediaDetection.kindOf(ascii("ID3\u0004\u0000....")));
        assertEquals(MediaKind.MP3, MediaDetection.kindOf(bytes(0xFF, 0xFB, 0x90, 0x64)));
        assertEquals(MediaKind.AMR, MediaDetection.kindOf(ascii("#!AMR\n<>")));
        assertEquals(MediaKind.WAV, MediaDetection.kindOf(ascii("RIFF\u0024\u0000\u0000\u0000WAVEfmt ")));
        assertEquals(MediaKind.VCARD, MediaDetection.kindOf(ascii("\u00EF\u00BB\u00BF\r\nbegin:vcard\r\nVERSION:4.0")));
    }

    @Test
    void refusalsSayWhatTheFileIs() {
        String[][] cases = {
                {"%PDF-1.4", "a PDF document"},
                {"RIFF\u0000\u0000\u0000\u0000WEBPVP8 ", "a WebP image"},
                {"<svg xmlns=\"http://www.w3.org/2000/svg\">", "an SVG image"},
                {"  <!DOCTYPE html><html>", "a web page, not a media file"},
                {"PK\u0003\u0004", "a ZIP archive"},
                {"just some text", "a file of a kind Civicast does not recognise"},
                {"#!AMR-WB\n", "a wide-band AMR recording"}};
        for (String[] c : cases) {
            MediaRefused e = assertThrows(MediaRefused.class, () -> MediaDetection.kindOf(ascii(c[0])), c[0]);
            assertTrue(e.getMessage().startsWith(c[1]), e.getMessage());
            assertTrue(e.getMessage().endsWith(MediaKind.ACCEPTED), e.getMessage());
        }
        for (String[] c : new String[][] {{"heic", "a HEIC/HEIF image (as iPhones take them): export it as JPEG"},
                {"qt  ", "a QuickTime (.mov) video: convert it to MP4"}, {"avif", "an AVIF image"}}) {
            MediaRefused e = assertThrows(MediaRefused.class, () -> MediaDetection.kindOf(iso(c[0])));
            assertTrue(e.getMessage().startsWith(c[1]), e.getMessage());
        }
        assertEquals("the source sent an empty file",
                assertThrows(MediaRefused.class, () -> MediaDetection.kindOf(new byte[0])).getMessage());
    }

    @Test
    void fileNamesAreSafeInAnyUrl() {
        assertEquals("spring-hero.jpg", FileNames.of("Spring Hero.PNG", "jpg"));
        assertEquals("cafe-con-leche.png", FileNames.of("Café con leche!!.png", "png"));
        assertEquals("media.gif", FileNames.of("..//..", "gif"));
        assertEquals(60 + ".mp4".length(), FileNames.of("a".repeat(300), "mp4").length());
    }

    @Test
    void sizesReadAsCarriersStateLimits() {
        assertEquals("500 KB", Sizes.human(500_000));
        assertEquals("1.2 MB", Sizes.human(1_234_567));
        assertEquals("20 MB", Sizes.human(20_000_000));
        assertEquals("999 bytes", Sizes.human(999));
    }
}
