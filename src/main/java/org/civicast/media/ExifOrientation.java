package org.civicast.media;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a JPEG (1 to 8). Phones store photos as the sensor saw them and say in
 * this tag how to turn them; ImageIO ignores it, so an image re-encoded without applying it would
 * arrive on its side, its turning instructions dropped with the rest of the metadata.
 */
final class ExifOrientation {
    private ExifOrientation() {}

    static int of(byte[] jpeg) {
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            int length = u16(jpeg, at + 2, false);
            if (marker == 0xDA || length < 2) break; // image data follows: no more metadata
            if (marker == 0xE1 && at + 4 + 6 <= jpeg.length
                    && new String(jpeg, at + 4, 6, java.nio.charset.StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                return fromTiff(jpeg, at + 10, Math.min(jpeg.length, at + 2 + length));
            }
            at += 2 + length;
        }
        return 1;
    }

    /** Orientation tag 0x0112 of IFD0 of the TIFF structure between {@code start} and {@code end}. */
    private static int fromTiff(byte[] b, int start, int end) {
        if (start + 8 > end) return 1;
        boolean little = b[start] == 'I' && b[start + 1] == 'I';
        int ifd = start + (int) u32(b, start + 4, little);
        if (ifd + 2 > end || ifd < start) return 1;
        int entries = u16(b, ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + 12 * i;
            if (entry + 12 > end) return 1;
            if (u16(b, entry, little) == 0x0112) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** Orientations 5 to 8 turn the image a quarter: its width and height as shown are swapped. */
    static boolean swapsSides(int orientation) {
        return orientation >= 5;
    }

    /** The image as it is meant to be seen, on an RGB canvas. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= 1) return image;
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            default -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
        BufferedImage turned = swapsSides(orientation)
                ? new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB) : new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        g.drawImage(image, t, null);
        g.dispose();
        return turned;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xFF;
        int y = b[at + 1] & 0xFF;
        return little ? x | y << 8 : x << 8 | y;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, little ? at + 2 : at, little);
        long lo = u16(b, little ? at : at + 2, little);
        return hi << 16 | lo;
    }
}
