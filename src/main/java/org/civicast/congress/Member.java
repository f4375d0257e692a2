package org.civicast.congress;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sitting member of Congress as of the last import: the current term of congress-legislators,
 * with the member's district offices and official social accounts.
 *
 * @param district     House only; 0 for an at-large seat or a delegate
 * @param senateClass  Senate only: 1, 2 or 3
 * @param stateRank    Senate only: {@code senior} or {@code junior}
 * @param officeCode   the seat's code, see {@link OfficeCodes}
 * @param social       service ({@code twitter}, {@code facebook}, {@code youtube}, …) to account
 */
public record Member(String bioguide, String firstName, String lastName, String officialFullName,
                     Chamber chamber, String state, Integer district, String party,
                     Integer senateClass, String stateRank, String officeCode,
                     String phone, String address, String url, String contactFormUrl,
                     Map<String, String> social, List<DistrictOffice> districtOffices) {

    public Member {
        social = Map.copyOf(social);
        districtOffices = List.copyOf(districtOffices);
    }

    /** The name to address a letter or show a supporter: the official full name when there is one. */
    public String displayName() {
        return officialFullName != null ? officialFullName : firstName + " " + lastName;
    }

    /** The House district this member represents; empty for a senator. */
    public Optional<District> houseDistrict() {
        return chamber == Chamber.HOUSE ? Optional.of(new District(state, district)) : Optional.empty();
    }

    Member withOfficesAndSocial(List<DistrictOffice> offices, Map<String, String> accounts) {
        return new Member(bioguide, firstName, lastName, officialFullName, chamber, state, district, party,
                senateClass, stateRank, officeCode, phone, address, url, contactFormUrl, accounts, offices);
    }
}
