package org.civicast.platform.http;

/** A file a GET answers with as it is, outside the JSON envelope: an export, a report. */
public record FileReply(String mediaType, String fileName, byte[] content) {
    public FileReply {
        if (!fileName.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("file name " + fileName);
    }
}
