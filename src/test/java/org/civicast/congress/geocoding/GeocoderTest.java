package org.civicast.congress.geocoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeocoderTest {

    @Test
    void theSettingsNameTheGeocoder() {
        assertInstanceOf(CensusGeocoder.class, Geocoder.configured("census", null));
        assertInstanceOf(CensusGeocoder.class, Geocoder.configured(" Census ", URI.create("http://127.0.0.1:8089")));
        Geocoder none = Geocoder.configured("", null);
        assertEquals(Optional.empty(), none.district(new Address("400 S Union St", "Montgomery", "AL", "36104")));
        assertEquals(Optional.empty(), Geocoder.configured(null, null).district(new Address("1 Main St", null, null, "36104")));
    }

    @Test
    void anUnknownGeocoderOrAUrlWithoutOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Geocoder.configured("google", null));
        assertTrue(e.getMessage().contains("census"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Geocoder.configured("", URI.create("https://example.org")));
    }

    @Test
    void anAddressIsTrimmedAndBlankPartsAreNull() {
        Address address = new Address("  400 S Union St\n", " ", "AL", "\t");

        assertEquals("400 S Union St", address.street());
        assertNull(address.city());
        assertNull(address.zip());
        assertFalse(address.placeable(), "a street needs a ZIP, or a city and a state");
        assertTrue(new Address("400 S Union St", null, null, "36104").placeable());
        assertTrue(new Address("400 S Union St", "Montgomery", "AL", null).placeable());
        assertFalse(new Address(null, "Montgomery", "AL", "36104").placeable());
    }

    @Test
    void anAddressShowsOnlyItsStateAndZip() {
        String shown = new Address("400 S Union St", "Montgomery", "AL", "36104").toString();

        assertEquals("Address[state=AL, zip=36104]", shown);
    }
}
