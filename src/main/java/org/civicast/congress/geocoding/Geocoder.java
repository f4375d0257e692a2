package org.civicast.congress.geocoding;

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
}
