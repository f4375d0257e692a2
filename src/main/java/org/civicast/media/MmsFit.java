package org.civicast.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Fits a JPEG or PNG over the MMS budget into it. Photos (and PNGs without transparency, which
 * are nearly always photos or screenshots) become JPEG: lower qualities first, then smaller
 * sizes, since a slightly softer picture reads better on a phone than a tiny one. A PNG with
 * transparency stays PNG and only shrinks, as JPEG would fill its transparent parts.
 */
final class MmsFit {
    /** Re-encoded images are no larger than this on their longest side: more is lost on a phone anyway. */
    static final int MAX_SIDE = 1600;
    private static final int MIN_SIDE = 100;
    private static final float[] QUALITIES = {0.85f, 0.75f, 0.65f, 0.5f};

    record Fitted(byte[] bytes, MediaKind kind, int width, int height) {}

    private MmsFit() {}

    static Fitted fit(byte[] original, MediaKind kind, long budget) throws MediaRefused {
        BufferedImage image = ImageFiles.decode(original, kind, MAX_SIDE);
        if (kind == MediaKind.JPEG) image = ExifOrientation.upright(image, ExifOrientation.of(original));
        boolean transparent = kind == MediaKind.PNG && transparent(image);
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(image.getWidth(), image.getHeight()));
        while (true) {
            int width = (int) Math.round(image.getWidth() * scale);
            int height = (int) Math.round(image.getHeight() * scale);
            if (Math.max(width, height) < MIN_SIDE || Math.min(width, height) < 1) {
                throw new MediaRefused("the image cannot be made to fit the MMS limit of " + Sizes.human(budget)
                        + " even at " + MIN_SIDE + " pixels wide");
            }
            BufferedImage scaled = scaled(image, width, height, transparent);
            byte[] smallest;
            if (transparent) {
                smallest = ImageFiles.png(scaled);
                if (smallest.length <= budget) return new Fitted(smallest, MediaKind.PNG, width, height);
            } else {
                smallest = null;
                for (float quality : QUALITIES) {
                    smallest = ImageFiles.jpeg(scaled, quality);
                    if (smallest.length <= budget) return new Fitted(smallest, MediaKind.JPEG, width, height);
                }
            }
            scale *= nextScale(smallest.length, budget);
        }
    }

    /**
     * How much smaller to draw the next try. Encoded size grows about with the pixel count, so
     * the square root of the overshoot comes close in one step; a margin and bounds keep it from
     * undershooting far or creeping.
     */
    static double nextScale(long size, long budget) {
        return Math.max(0.4, Math.min(0.85, 0.92 * Math.sqrt((double) budget / size)));
    }

    /** Whether any pixel is not fully opaque: many PNGs carry an alpha channel they never use. */
    private static boolean transparent(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) return false;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) != 0xFF) return true;
            }
        }
        return false;
    }

    /** Drawn at the new size in halving steps (one bicubic step from far away blurs and aliases). */
    private static BufferedImage scaled(BufferedImage source, int width, int height, boolean transparent) {
        BufferedImage current = source;
        int w = source.getWidth();
        int h = source.getHeight();
        do {
            w = Math.max(width, w / 2);
            h = Math.max(height, h / 2);
            BufferedImage next = new BufferedImage(w, h,
                    transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (!transparent) {
                g.setColor(Color.WHITE); // what a transparent part of an opaque image becomes
                g.fillRect(0, 0, w, h);
            }
            g.drawImage(current, 0, 0, w, h, null);
            g.dispose();
            current = next;
        } while (w != width || h != height);
        return current;
    }
}
