package org.civicast.media;

import java.nio.ByteBuffer;

/**
 * The picture size of an MP4 or 3GP video, read from the track header ({@code moov/trak/tkhd})
 * of its first visual track. Nothing is decoded: a file whose boxes do not read plainly has no
 * known size, which is no reason to refuse it.
 */
final class VideoDimensions {
    private VideoDimensions() {}

    /** {width, height}, or null when not found. */
    static int[] of(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file);
        int[] moov = box(b, 0, file.length, "moov");
        if (moov == null) return null;
        for (int at = moov[0]; ; ) {
            int[] trak = box(b, at, moov[1], "trak");
            if (trak == null) return null;
            int[] tkhd = box(b, trak[0], trak[1], "tkhd");
            if (tkhd != null && tkhd[1] - tkhd[0] >= 84) {
                // Width and height close the header, as 16.16 fixed-point numbers.
                int width = b.getInt(tkhd[1] - 8) >>> 16;
                int height = b.getInt(tkhd[1] - 4) >>> 16;
                if (width > 0 && height > 0) return new int[] {width, height};
            }
            at = trak[1];
        }
    }

    /** The first box of this type between {@code from} and {@code to}: {start of its contents, its end}. */
    private static int[] box(ByteBuffer b, int from, int to, String type) {
        int at = from;
        while (at + 8 <= to) {
            long size = b.getInt(at) & 0xFFFFFFFFL;
            int header = 8;
            if (size == 1 && at + 16 <= to) {
                size = b.getLong(at + 8);
                header = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < header || at + size > to) return null;
            if (type.equals(new String(new byte[] {b.get(at + 4), b.get(at + 5), b.get(at + 6), b.get(at + 7)},
                    java.nio.charset.StandardCharsets.ISO_8859_1))) {
                return new int[] {at + header, (int) (at + size)};
            }
            at += (int) size;
        }
        return null;
    }
}
