package org.civicast.congress.geocoding;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.civicast.congress.District;

/**
 * Places a street address in a House district, for a supporter whose ZIP code spans several.
 * Implementations are safe to share between threads.
 */
public interface Geocoder {

    /**
     * The district the address lies in.
     *
     * @return empty when the service cannot place the address: it matched nothing, its matches
     *         lie in different districts, or a match carries no congressional district; also
     *         empty, without any request, for an address that is not {@link Address#placeable()}
     * @throws GeocoderUnavailable when the service gave no usable answer (see there)
     */
    Optional<District> district(Address address);

    /** A geocoder that places nothing, for a server configured without one. */
    static Geocoder none() {
        return address -> Optional.empty();
    }

    /**
     * The geocoder the settings name: {@code census} for {@link CensusGeocoder} (at
     * {@code baseUrl} when given, else the Census Bureau's own service), null or blank for
     * {@link #none()}.
     *
     * @throws IllegalArgumentException for any other name, or a URL without a name
     */
    static Geocoder configured(String name, URI baseUrl) {
        String kind = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "" -> {
                if (baseUrl != null) throw new IllegalArgumentException("a geocoder URL is set but no geocoder is named");
                yield none();
            }
            case "census" -> baseUrl == null ? new CensusGeocoder() : new CensusGeocoder(baseUrl);
            default -> throw new IllegalArgumentException("no geocoder is called '" + name + "': use census, or nothing");
        };
    }
}
