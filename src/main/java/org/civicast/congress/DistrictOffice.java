package org.civicast.congress;

/** A member's office back home, from congress-legislators' district-offices file. */
public record DistrictOffice(String id, String address, String suite, String building, String city, String state,
                             String zip, String phone, String fax, Double latitude, Double longitude) {
}
