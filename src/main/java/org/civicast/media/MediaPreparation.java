package org.civicast.media;

/**
 * What an import makes of the fetched bytes: their kind from the bytes themselves, the picture
 * size, and the file to serve. Within the MMS budget the file is served as it came; a JPEG or
 * PNG over it is refitted; anything else over it is refused, because Civicast does not transcode
 * video, audio or GIFs (re-encoding an animated GIF frame by frame rarely fits and often breaks it).
 */
final class MediaPreparation {
    /** The file to serve; {@code unchanged} when it is the fetched file itself. */
    record Prepared(MediaKind originalKind, byte[] served, MediaKind kind, Integer width, Integer height,
                    boolean unchanged) {}

    private MediaPreparation() {}

    static Prepared prepare(byte[] bytes, long budget) throws MediaRefused {
        MediaKind kind = MediaDetection.kindOf(bytes);
        int[] size = size(bytes, kind);
        if (bytes.length <= budget) {
            return new Prepared(kind, bytes, kind, size == null ? null : size[0], size == null ? null : size[1], true);
        }
        if (!kind.refittable()) {
            String what = kind == MediaKind.GIF ? "GIFs" : kind.image() ? "this kind of image" : "video or audio";
            throw new MediaRefused("the file (" + kind.contentType() + ", " + Sizes.human(bytes.length)
                    + ") is over the MMS limit of " + Sizes.human(budget) + ", and Civicast does not re-encode "
                    + what + ": send a file under " + Sizes.human(budget));
        }
        MmsFit.Fitted fitted = MmsFit.fit(bytes, kind, budget);
        return new Prepared(kind, fitted.bytes(), fitted.kind(), fitted.width(), fitted.height(), false);
    }

    /** {width, height} as the picture is shown, or null where Civicast does not read it (audio, vCards). */
    private static int[] size(byte[] bytes, MediaKind kind) throws MediaRefused {
        if (kind.image()) {
            int[] stored = ImageFiles.size(bytes, kind);
            boolean turned = kind == MediaKind.JPEG && ExifOrientation.swapsSides(ExifOrientation.of(bytes));
            return turned ? new int[] {stored[1], stored[0]} : stored;
        }
        if (kind == MediaKind.MP4 || kind == MediaKind.THREE_GPP || kind == MediaKind.THREE_GPP2) {
            return VideoDimensions.of(bytes);
        }
        return null;
    }
}
