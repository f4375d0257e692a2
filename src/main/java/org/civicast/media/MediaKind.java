package org.civicast.media;

/**
 * The kinds of file that US carriers take as MMS attachments and Civicast imports. Each is known
 * by its first bytes, never by the URL's extension or the source's Content-Type.
 */
enum MediaKind {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    GIF("image/gif", "gif"),
    MP4("video/mp4", "mp4"),
    THREE_GPP("video/3gpp", "3gp"),
    THREE_GPP2("video/3gpp2", "3g2"),
    M4A("audio/mp4", "m4a"),
    MP3("audio/mpeg", "mp3"),
    AMR("audio/amr", "amr"),
    WAV("audio/wav", "wav"),
    VCARD("text/vcard", "vcf");

    /** Said after a refusal, so the sender knows what to send instead. */
    static final String ACCEPTED = "MMS accepts JPEG, PNG and GIF images, MP4 and 3GP video, "
            + "MP3, M4A, AMR and WAV audio, and vCards";

    private final String contentType;
    private final String extension;

    MediaKind(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return extension;
    }

    /** Still images Civicast can decode, re-encode and scale to fit the MMS budget. */
    boolean refittable() {
        return this == JPEG || this == PNG;
    }

    boolean image() {
        return this == JPEG || this == PNG || this == GIF;
    }
}
