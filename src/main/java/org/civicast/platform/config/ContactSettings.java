package org.civicast.platform.config;

import java.time.Duration;
import java.util.List;

/**
 * How contact files are imported.
 *
 * @param regions       regions whose numbers a list takes (ISO 3166 codes; the first is assumed for
 *                      numbers written without a country code)
 * @param maxFileBytes  the largest file fetched
 * @param fetchTimeout  the longest a whole download may take
 */
public record ContactSettings(List<String> regions, long maxFileBytes, Duration fetchTimeout) {
    public ContactSettings {
        regions = List.copyOf(regions);
        if (regions.isEmpty()) throw new IllegalArgumentException("no regions");
    }
}
