package org.civicast.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.ImageIO;

/** Real files of each kind, made in the test: images drawn and encoded with ImageIO, an MP4's boxes written out. */
final class MediaSamples {
    private MediaSamples() {}

    /** A photo-like picture: smooth colours with grain, which compresses as photos do. */
    static BufferedImage picture(int width, int height, boolean alpha, long seed) {
        BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / width + random.nextInt(40)) & 0xFF;
                int g = (y * 255 / height + random.nextInt(40)) & 0xFF;
                int b = ((x + y) * 127 / (width + height) + random.nextInt(40)) & 0xFF;
                int a = alpha && x < width / 4 ? 0x40 : 0xFF;
                image.setRGB(x, y, a << 24 | r << 16 | g << 8 | b);
            }
        }
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width / 3, height / 10); // a mark at the top left, to see which way up it arrives
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) throw new IllegalStateException("no writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, false, width), "jpeg");
    }

    static byte[] png(int width, int height, boolean alpha) {
        return encode(picture(width, height, alpha, height), "png");
    }

    static byte[] gif(int width, int height) {
        return encode(picture(width, height, false, 7), "gif");
    }

    /** A JPEG whose EXIF says to turn it a quarter clockwise (orientation 6), as a phone held upright writes it. */
    static byte[] jpegTurnedByExif(int storedWidth, int storedHeight) {
        byte[] plain = jpeg(storedWidth, storedHeight);
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8)
                .putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0)
                .putInt(0);
        byte[] exif = ByteBuffer.allocate(6 + 26).put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)).put(tiff.array())
                .array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.write(exif, 0, exif.length);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** An MP4 with its boxes (ftyp, moov/trak/tkhd with the picture size, mdat) and {@code padding} bytes of media data. */
    static byte[] mp4(int width, int height, int padding) {
        ByteBuffer tkhd = ByteBuffer.allocate(8 + 84);
        tkhd.putInt(92).put("tkhd".getBytes(StandardCharsets.US_ASCII)).putInt(0x00000003); // version 0, enabled
        tkhd.position(8 + 76).putInt(width << 16).putInt(height << 16);
        ByteBuffer trak = ByteBuffer.allocate(8 + 92).putInt(100).put("trak".getBytes(StandardCharsets.US_ASCII)).put(tkhd.array());
        ByteBuffer moov = ByteBuffer.allocate(8 + 100).putInt(108).put("moov".getBytes(StandardCharsets.US_ASCII)).put(trak.array());
        ByteBuffer ftyp = ByteBuffer.allocate(24).putInt(24).put("ftypisom".getBytes(StandardCharsets.US_ASCII)).putInt(512)
                .put("isomavc1".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer mdat = ByteBuffer.allocate(8 + padding).putInt(8 + padding).put("mdat".getBytes(StandardCharsets.US_ASCII));
        new Random(3).nextBytes(mdat.array()); // media data is opaque to Civicast
        mdat.putInt(0, 8 + padding).put(4, "mdat".getBytes(StandardCharsets.US_ASCII));
        return ByteBuffer.allocate(24 + 108 + 8 + padding).put(ftyp.array()).put(moov.array()).put(mdat.array()).array();
    }

    static byte[] pdf() {
        return "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] vcard() {
        return "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Campaign HQ\r\nTEL:+12025550123\r\nEND:VCARD\r\n"
                .getBytes(StandardCharsets.UTF_8);
    }
}
