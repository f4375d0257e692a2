package org.civicast.congress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.civicast.congress.ImportSources.Document;
import org.civicast.congress.Trees.Entry;

/**
 * The files of unitedstates/congress-legislators, in YAML or JSON: legislators-current,
 * legislators-district-offices and legislators-social-media. Which one a file is shows in its
 * entries (terms, offices or social), so a renamed file still imports as what it is.
 */
final class LegislatorsFiles {
    private static final Pattern BIOGUIDE = Pattern.compile("[A-Z][0-9]{6}");

    /** One parsed file: the kind of data it replaces and its rows. */
    sealed interface Parsed {
        ImportKind kind();

        int rows();
    }

    record Members(List<Member> members) implements Parsed {
        public ImportKind kind() {
            return ImportKind.LEGISLATORS;
        }

        public int rows() {
            return members.size();
        }
    }

    record Offices(Map<String, List<DistrictOffice>> byBioguide) implements Parsed {
        public ImportKind kind() {
            return ImportKind.DISTRICT_OFFICES;
        }

        public int rows() {
            return byBioguide.values().stream().mapToInt(List::size).sum();
        }
    }

    record Social(Map<String, Map<String, String>> byBioguide) implements Parsed {
        public ImportKind kind() {
            return ImportKind.SOCIAL_MEDIA;
        }

        public int rows() {
            return byBioguide.values().stream().mapToInt(Map::size).sum();
        }
    }

    static Parsed parse(Document d) {
        List<Entry> entries = Trees.entries(d);
        if (entries.isEmpty()) throw new ImportException(d.name() + ": no entries");
        JsonNode first = entries.getFirst().node();
        if (first.has("terms")) return members(d, entries);
        if (first.has("offices")) return offices(d, entries);
        if (first.has("social")) return social(d, entries);
        throw new ImportException(d.name() + " line " + entries.getFirst().line()
                + ": neither legislators-current (terms), legislators-district-offices (offices)"
                + " nor legislators-social-media (social)");
    }

    private static Members members(Document d, List<Entry> entries) {
        List<Member> members = new ArrayList<>();
        Map<String, Entry> seats = new HashMap<>();
        Map<String, Entry> ids = new HashMap<>();
        for (Entry e : entries) {
            Member m = member(d, e);
            Entry other = ids.putIfAbsent(m.bioguide(), e);
            if (other != null) throw entryError(d, e, m.bioguide(), "listed twice (also at line " + other.line() + ")");
            other = seats.putIfAbsent(m.officeCode(), e);
            if (other != null) {
                // legislators-historical, or a seat handed over mid-Congress in a hand-made file
                throw entryError(d, e, m.bioguide(), "seat " + m.officeCode() + " is also held by the entry at line "
                        + other.line() + "; is this legislators-current?");
            }
            members.add(m);
        }
        return new Members(members);
    }

    private static Member member(Document d, Entry e) {
        JsonNode node = e.node();
        String bioguide = bioguide(d, e);
        JsonNode name = node.path("name");
        String first = Trees.text(name, "first");
        String last = Trees.text(name, "last");
        if (first == null || last == null) throw entryError(d, e, bioguide, "name.first and name.last are required");
        JsonNode terms = node.get("terms");
        if (terms == null || !terms.isArray() || terms.isEmpty()) throw entryError(d, e, bioguide, "no terms");
        // The current term is the last one; it carries the office's contact details.
        JsonNode term = terms.get(terms.size() - 1);
        String type = Trees.text(term, "type");
        String state = upper(Trees.text(term, "state"));
        if (state == null || !States.isKnown(state)) throw entryError(d, e, bioguide, "unknown state " + state);
        Chamber chamber;
        Integer district = null;
        Integer senateClass = null;
        String officeCode;
        if ("rep".equals(type)) {
            chamber = Chamber.HOUSE;
            district = wholeNumber(term.get("district"));
            if (district == null || district < 0 || district > 99) {
                throw entryError(d, e, bioguide, "a representative's term needs a district (0 when at large)");
            }
            officeCode = OfficeCodes.house(state, district);
        } else if ("sen".equals(type)) {
            chamber = Chamber.SENATE;
            if (!States.hasSenators(state)) throw entryError(d, e, bioguide, state + " elects no senators");
            senateClass = wholeNumber(term.get("class"));
            if (senateClass == null || senateClass < 1 || senateClass > 3) {
                throw entryError(d, e, bioguide, "a senator's term needs a class of 1, 2 or 3");
            }
            officeCode = OfficeCodes.senate(state, senateClass);
        } else {
            throw entryError(d, e, bioguide, "the last term's type is neither rep nor sen: " + type);
        }
        return new Member(bioguide, first, last, Trees.text(name, "official_full"), chamber, state, district,
                Trees.text(term, "party"), senateClass, Trees.text(term, "state_rank"), officeCode,
                Trees.text(term, "phone"), Trees.text(term, "address"), Trees.text(term, "url"),
                Trees.text(term, "contact_form"), Map.of(), List.of());
    }

    private static Offices offices(Document d, List<Entry> entries) {
        Map<String, List<DistrictOffice>> byBioguide = new LinkedHashMap<>();
        for (Entry e : entries) {
            String bioguide = bioguide(d, e);
            JsonNode list = e.node().get("offices");
            if (list == null || !list.isArray()) throw entryError(d, e, bioguide, "offices is not a list");
            List<DistrictOffice> offices = new ArrayList<>();
            for (JsonNode o : list) {
                if (!o.isObject()) throw entryError(d, e, bioguide, "an office is not a mapping");
                offices.add(new DistrictOffice(Trees.text(o, "id"), Trees.text(o, "address"), Trees.text(o, "suite"),
                        Trees.text(o, "building"), Trees.text(o, "city"), upper(Trees.text(o, "state")),
                        Trees.text(o, "zip"), Trees.text(o, "phone"), Trees.text(o, "fax"),
                        decimal(o.get("latitude")), decimal(o.get("longitude"))));
            }
            if (byBioguide.putIfAbsent(bioguide, offices) != null) throw entryError(d, e, bioguide, "listed twice");
        }
        return new Offices(byBioguide);
    }

    private static Social social(Document d, List<Entry> entries) {
        Map<String, Map<String, String>> byBioguide = new LinkedHashMap<>();
        for (Entry e : entries) {
            String bioguide = bioguide(d, e);
            JsonNode social = e.node().get("social");
            if (social == null || !social.isObject()) throw entryError(d, e, bioguide, "social is not a mapping");
            Map<String, String> accounts = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> account : social.properties()) {
                String value = Trees.text(social, account.getKey());
                if (value != null) accounts.put(account.getKey(), value);
            }
            if (byBioguide.putIfAbsent(bioguide, accounts) != null) throw entryError(d, e, bioguide, "listed twice");
        }
        return new Social(byBioguide);
    }

    private static String bioguide(Document d, Entry e) {
        String bioguide = Trees.text(e.node().path("id"), "bioguide");
        if (bioguide == null || !BIOGUIDE.matcher(bioguide).matches()) {
            throw entryError(d, e, null, "id.bioguide is missing or not a bioguide id: " + bioguide);
        }
        return bioguide;
    }

    private static ImportException entryError(Document d, Entry e, String bioguide, String problem) {
        return new ImportException(d.name() + " line " + e.line() + " (entry " + e.index()
                + (bioguide != null ? ", " + bioguide : "") + "): " + problem);
    }

    private static Integer wholeNumber(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (node.isIntegralNumber()) return node.intValue();
        if (node.isTextual() && node.asText().strip().matches("-?\\d{1,3}")) return Integer.valueOf(node.asText().strip());
        return null;
    }

    private static Double decimal(JsonNode node) {
        return node != null && node.isNumber() ? node.doubleValue() : null;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private LegislatorsFiles() {}
}
