package org.civicast.congress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.civicast.platform.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Targets for a ZIP on a fresh install: the shipped 119th-Congress data, loaded on first start. */
class CongressLookupTest {
    static Database db;
    static CongressService congress;

    @BeforeAll
    static void load() {
        db = CongressFixtures.database();
        congress = CongressFixtures.service(db, Clock.systemUTC());
        CongressData.ensureLoaded(congress, List.of(), null, null);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static List<String> districts(String zip) {
        return congress.lookup(zip).districts().stream().map(District::code).toList();
    }

    private static List<String> bioguides(List<Member> members) {
        return members.stream().map(Member::bioguide).toList();
    }

    @Test
    void aZipInOneDistrictNamesThatDistrictOnly() {
        ZipLookup montgomery = congress.lookup("36104");
        assertEquals(List.of("AL2"), districts("36104"));
        assertEquals(List.of("AL"), montgomery.states());
        assertTrue(montgomery.unambiguous());
        assertEquals("F000481", congress.representative(montgomery.districts().getFirst()).orElseThrow().bioguide());
    }

    @Test
    void aZipAcrossDistrictsNamesEachOfThem() {
        assertEquals(List.of("AL1", "AL2"), districts("36602"));
        assertFalse(congress.lookup("36602").unambiguous());
    }

    @Test
    void aZipAcrossAStateLineNamesBothStates() {
        ZipLookup lookup = congress.lookup("30165");
        assertEquals(List.of("AL3", "GA14"), districts("30165"));
        assertEquals(List.of("AL", "GA"), lookup.states());
        assertEquals(List.of("R000575", "T000278", "B001319"),
                bioguides(congress.targetsFor(lookup.districts().get(0))));
        assertEquals(List.of("F000485", "O000174", "W000790"),
                bioguides(congress.targetsFor(lookup.districts().get(1))));
    }

    @Test
    void anAtLargeStateHasDistrictZeroAndTwoSenators() {
        ZipLookup anchorage = congress.lookup("99501");
        assertEquals(List.of("AK0"), districts("99501"));
        Member representative = congress.representative("AK", 0).orElseThrow();
        assertEquals("B001323", representative.bioguide());
        assertEquals("HAK00", representative.officeCode());
        assertEquals(Chamber.HOUSE, representative.chamber());
        assertEquals(0, representative.district());
        List<Member> senators = congress.senators("AK");
        assertEquals(List.of("M001153", "S001198"), bioguides(senators), "senior first");
        assertEquals(List.of("SAK2", "SAK1"), senators.stream().map(Member::officeCode).toList());
        assertEquals(List.of(3, 2), senators.stream().map(Member::senateClass).toList());
        assertEquals(List.of("B001323", "M001153", "S001198"), bioguides(congress.targetsFor(anchorage.districts().getFirst())));
        // Murkowski's office in Anchorage is the only place name the data has for 99501.
        assertEquals("Anchorage", anchorage.city());
    }

    @Test
    void washingtonDcHasItsDelegateAndNoSenators() {
        ZipLookup dc = congress.lookup("20001");
        assertEquals(List.of("DC0"), districts("20001"));
        Member delegate = congress.targetsFor(dc.districts().getFirst()).getFirst();
        assertEquals("N000147", delegate.bioguide());
        assertEquals("HDC00", delegate.officeCode());
        assertEquals(List.of(), congress.senators("DC"));
        assertEquals(1, congress.targetsFor(dc.districts().getFirst()).size());
        assertEquals("N000147", congress.memberByOfficeCode("HDC00").orElseThrow().bioguide());
        assertEquals("H001103", congress.memberByOfficeCode("hpr00").orElseThrow().bioguide());
    }

    @Test
    void zipPlusFourIsAcceptedInBothSpellings() {
        ZipLookup dashed = congress.lookup("36602-1234");
        ZipLookup plain = congress.lookup("366021234");
        assertEquals("36602", dashed.zip());
        assertEquals("1234", dashed.plus4());
        assertEquals(dashed, plain);
        assertEquals(congress.lookup("36602").districts(), dashed.districts());
        assertNull(congress.lookup("36602").plus4());
    }

    @Test
    void aMalformedZipIsRefusedWithAReason() {
        for (String bad : new String[] {"3660", "366021", "36602-12", "3660a", "36602 1234", "", "ZIP"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> congress.lookup(bad), bad);
            assertTrue(e.getMessage().contains("5 digits"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> congress.lookup(null));
    }

    @Test
    void anUnknownZipIsAnEmptyAnswer() {
        ZipLookup none = congress.lookup("00000");
        assertFalse(none.found());
        assertEquals(List.of(), none.states());
        assertNull(none.city());
    }

    @Test
    void theCityIsKnownOnlyWhereAnOfficeIs() {
        assertEquals("Cullman", congress.lookup("35055").city());
        assertEquals("Mobile", congress.lookup("36602").city());
        assertNull(congress.lookup("30165").city(), "no office in Rome, GA: no guess");
    }

    @Test
    void membersCarryTheirSeatContactsOfficesAndAccounts() {
        Member cantwell = congress.member("C000127").orElseThrow();
        assertEquals(Chamber.SENATE, cantwell.chamber());
        assertEquals("SWA0", cantwell.officeCode());
        assertEquals("junior", cantwell.stateRank());
        assertNull(cantwell.district());
        assertEquals("202-224-3441", cantwell.phone());
        assertEquals("Maria Cantwell", cantwell.displayName());
        assertTrue(cantwell.address().contains("Hart Senate Office Building"), cantwell.address());
        assertTrue(cantwell.url().startsWith("https://www.cantwell.senate.gov"), cantwell.url());
        assertEquals(cantwell, congress.memberByOfficeCode("SWA0").orElseThrow());

        Member aderholt = congress.member("a000055").orElseThrow();
        assertEquals("HAL04", aderholt.officeCode());
        assertEquals(List.of("Cullman", "Jasper", "Tuscumbia"),
                aderholt.districtOffices().stream().map(DistrictOffice::city).toList());
        DistrictOffice cullman = aderholt.districtOffices().getFirst();
        assertEquals("35055", cullman.zip());
        assertEquals("256-734-6043", cullman.phone());
        assertEquals("Suite 104", cullman.suite());

        Member amata = congress.member("R000600").orElseThrow();
        assertEquals("RepAmata", amata.social().get("twitter"));
        assertEquals("aumuaamata", amata.social().get("facebook"));
        assertEquals("HAS00", amata.officeCode());
    }

    @Test
    void everySeatHasOneMemberAndTheShippedCongressIsWhole() {
        List<Member> members = congress.members();
        assertEquals(537, members.size());
        assertEquals(100, members.stream().filter(m -> m.chamber() == Chamber.SENATE).count());
        assertEquals(537, members.stream().map(Member::officeCode).distinct().count());
        Map<String, Integer> counts = congress.snapshotCounts();
        assertEquals(42033, counts.get("zcta_rows"));
        assertEquals(33774, counts.get("zctas"));
    }

    @Test
    void aSenatorsContactFormListsTopicAndPrefixWithTheirOptions() {
        ContactForm form = congress.contactForm("C000127").orElseThrow();
        assertFalse(form.throughCwc());
        ContactForm.Field topic = form.field("$TOPIC").orElseThrow();
        assertTrue(topic.required());
        assertTrue(topic.options().contains(new ContactForm.Option("Economy & Jobs", "JOBS")), topic.options().toString());
        assertEquals(26, topic.options().size());
        ContactForm.Field prefix = form.field("$NAME_PREFIX").orElseThrow();
        assertEquals(List.of("Mr.", "Mrs.", "Ms.", "Miss"), prefix.options().stream().map(ContactForm.Option::value).toList());
        // Asked twice on the form (with a confirmation), listed once here.
        assertEquals(1, form.fields().stream().filter(f -> f.variable().equals("$EMAIL")).count());
        assertTrue(form.field("$PHONE").orElseThrow().required());
        assertFalse(form.field("$PHONE").orElseThrow().choice());

        ContactForm sanders = congress.contactForm("S000033").orElseThrow();
        ContactForm.Field sandersTopic = sanders.field("$TOPIC").orElseThrow();
        assertTrue(sandersTopic.required());
        assertEquals(new ContactForm.Option("Guns", "Guns"), sandersTopic.options().get(16));
        assertTrue(sanders.field("$NAME_PREFIX").isEmpty(), "Sanders' form asks no prefix");
        assertEquals(List.of("$NAME_FIRST", "$NAME_LAST", "$ADDRESS_STREET", "$ADDRESS_CITY", "$ADDRESS_ZIP5", "$EMAIL",
                "$MESSAGE", "$TOPIC"), sanders.fields().stream().map(ContactForm.Field::variable).toList());
    }

    @Test
    void namedConstantsAndMaxLengthsAreResolved() {
        // B000575 names US_STATES rather than listing the states.
        ContactForm form = congress.contactForm("B000575").orElseThrow();
        ContactForm.Field state = form.field("$ADDRESS_STATE_POSTAL_ABBREV").orElseThrow();
        assertEquals(51, state.options().size());
        assertTrue(state.options().contains(new ContactForm.Option("DC", "DC")));
        // C001035 gives $MESSAGE's limit in options (schema.md's place for text-field hints).
        ContactForm.Field message = congress.contactForm("C001035").orElseThrow().field("$MESSAGE").orElseThrow();
        assertEquals(List.of(), message.options());
        assertTrue(message.maxLength() != null && message.maxLength() > 0, String.valueOf(message.maxLength()));
    }

    @Test
    void aHouseStubSaysItTakesCwcOnly() {
        ContactForm stub = congress.contactForm("A000148").orElseThrow();
        assertTrue(stub.throughCwc());
        assertEquals(List.of(), stub.fields());
    }

    @Test
    void theBrokenUpstreamFileIsLeftOutAndReported() {
        assertTrue(congress.contactForm("K000394").isEmpty());
        ImportStatus forms = congress.status().stream().filter(s -> s.kind() == ImportKind.CONTACT_FORMS).findFirst().orElseThrow();
        assertEquals(789, forms.rows());
        assertEquals(1, forms.skipped().size(), forms.skipped().toString());
        assertEquals("K000394.yaml line 156: not valid YAML: while parsing a block collection; "
                + "expected <block end>, but found '?'", forms.skipped().getFirst());
        assertEquals("shipped:contact-congress", forms.source());
    }

    @Test
    void aSecondStartImportsNothingAgain() {
        List<ImportStatus> before = congress.status();
        assertEquals(5, before.size());
        CongressService another = CongressFixtures.service(db, Clock.systemUTC());
        CongressData.ensureLoaded(another, List.of(), null, null);
        assertEquals(before, another.status());
        assertEquals(congress.members(), another.members());
    }

    @Test
    void districtsReadTheWaysPeopleWriteThem() {
        assertEquals(new District("NY", 21), District.parse("NY21"));
        assertEquals(new District("NY", 3), District.parse("ny-03"));
        assertEquals(new District("AK", 0), District.parse("AK-AL"));
        assertEquals("NY21", District.parse("NY-21").code());
        assertEquals("HNY03", District.parse("NY3").officeCode());
        assertThrows(IllegalArgumentException.class, () -> District.parse("XX1"));
        assertThrows(IllegalArgumentException.class, () -> District.parse("NY"));
    }
}
