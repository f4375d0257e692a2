package org.civicast.platform.config;

import java.time.Duration;

/**
 * Limits of imported media files.
 *
 * @param mmsMaxBytes    the most an MMS attachment may weigh: larger JPEG and PNG images are
 *                       re-encoded and scaled down until they fit, other kinds are refused
 * @param maxSourceBytes the largest file fetched from a client's URL
 * @param fetchTimeout   the longest a source may take to answer with the whole file
 */
public record MediaSettings(long mmsMaxBytes, long maxSourceBytes, Duration fetchTimeout) {

    static MediaSettings of(long mmsMaxBytes, long maxSourceBytes, Duration fetchTimeout) {
        if (mmsMaxBytes > maxSourceBytes) {
            throw new ConfigException("CIVICAST_MEDIA_MMS_MAX_BYTES (" + mmsMaxBytes
                    + ") must not exceed CIVICAST_MEDIA_MAX_SOURCE_BYTES (" + maxSourceBytes + ")");
        }
        return new MediaSettings(mmsMaxBytes, maxSourceBytes, fetchTimeout);
    }
}
