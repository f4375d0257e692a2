package org.civicast.congress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Every table of the congress feature, read at one instant and indexed for the lookups advocacy
 * makes per supporter: no lookup costs a query. Immutable; a newer import makes a new snapshot.
 */
final class Snapshot {
    static final Snapshot EMPTY = new Snapshot(0, List.of(), List.of(), List.of());

    final long generation;
    final List<Member> members;
    final Map<String, Member> byBioguide = new HashMap<>();
    final Map<String, Member> byOfficeCode = new HashMap<>();
    final Map<String, List<Member>> senatorsByState = new HashMap<>();
    final Map<String, List<District>> districtsByZcta = new HashMap<>();
    final Map<String, String> cityByZip = new HashMap<>();
    final Map<String, ContactForm> contactForms = new HashMap<>();
    final int zctaRows;

    private Snapshot(long generation, List<Member> members, List<ZctaFiles.Row> zctas, List<ContactForm> forms) {
        this.generation = generation;
        this.members = List.copyOf(members);
        Map<String, Map<String, Integer>> cityCounts = new HashMap<>();
        for (Member m : members) {
            byBioguide.put(m.bioguide(), m);
            byOfficeCode.put(m.officeCode(), m);
            if (m.chamber() == Chamber.SENATE) senatorsByState.computeIfAbsent(m.state(), s -> new ArrayList<>()).add(m);
            for (DistrictOffice o : m.districtOffices()) {
                if (o.zip() != null && o.zip().length() >= 5 && o.city() != null) {
                    cityCounts.computeIfAbsent(o.zip().substring(0, 5), z -> new TreeMap<>()).merge(o.city(), 1, Integer::sum);
                }
            }
        }
        // Several offices at one ZIP nearly always share a city; if not, the most common, then the first by name.
        cityCounts.forEach((zip, counts) -> cityByZip.put(zip, counts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow().getKey()));
        senatorsByState.replaceAll((state, list) -> list.stream().sorted(Comparator
                .comparing((Member m) -> !"senior".equals(m.stateRank())).thenComparing(Member::officeCode)).toList());
        Map<String, District> districts = new HashMap<>();
        for (ZctaFiles.Row r : zctas) {
            District d = districts.computeIfAbsent(r.state() + r.district(), k -> new District(r.state(), r.district()));
            districtsByZcta.computeIfAbsent(r.zcta(), z -> new ArrayList<>(2)).add(d);
        }
        districtsByZcta.replaceAll((zcta, list) -> list.stream().sorted().toList());
        this.zctaRows = zctas.size();
        for (ContactForm f : forms) contactForms.put(f.bioguide(), f);
    }

    /** Reads everything in the caller's transaction, which should see one instant (REPEATABLE READ). */
    static Snapshot load(Handle h) {
        long generation = CongressStore.generation(h);
        return new Snapshot(generation, CongressStore.members(h), CongressStore.zctaDistricts(h),
                CongressStore.contactForms(h));
    }
}
