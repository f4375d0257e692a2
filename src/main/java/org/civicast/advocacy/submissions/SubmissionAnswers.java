package org.civicast.advocacy.submissions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicast.advocacy.campaigns.Action;
import org.civicast.advocacy.campaigns.AdvocacyCampaign;
import org.civicast.advocacy.campaigns.CampaignTargets;
import org.civicast.advocacy.delivery.Office;
import org.civicast.congress.District;
import org.civicast.congress.Member;
import org.civicast.congress.ZipLookup;
import org.civicast.platform.db.Database;

/** The bodies the submit operation answers with: what is still needed (202), a dry run (200), a submission (201/200). */
final class SubmissionAnswers {
    /** One target office with what it still needs (empty when the letter can go). */
    record Target(Office office, List<Need> needs) {}

    private final Database db;
    private final CampaignTargets targets;

    SubmissionAnswers(Database db, CampaignTargets targets) {
        this.db = db;
        this.targets = targets;
    }

    Map<String, Object> needsDistrict(String id, ZipLookup zip, List<District> districts, Action action) {
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (District d : districts) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("district", d.code());
            c.put("targets", targets.members(action, List.of(d)).stream().map(Member::displayName).toList());
            candidates.add(c);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("status", "needs_information");
        body.put("message", "ZIP code " + zip.zip() + " spans " + districts.size()
                + " congressional districts: post again with this id and the supporter's district");
        body.put("fields", List.of(new Need("district", true, districts.stream().map(District::code).toList())));
        body.put("candidates", candidates);
        return body;
    }

    static Map<String, Object> needsFields(String id, List<Target> offices) {
        Map<String, Need> all = new LinkedHashMap<>();
        List<Map<String, Object>> perTarget = new ArrayList<>();
        for (Target t : offices) {
            if (t.needs().isEmpty()) continue;
            t.needs().forEach(n -> all.putIfAbsent(n.field(), n));
            perTarget.add(Map.of("target", targetView(t.office()), "fields", t.needs()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("status", "needs_information");
        body.put("message", "Some offices need more before the letter can go: post again with this id and these fields");
        body.put("fields", new ArrayList<>(all.values()));
        body.put("targets", perTarget);
        return body;
    }

    static Map<String, Object> dryRun(AdvocacyCampaign c, Action a, List<Target> offices, List<String> checks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "validated");
        body.put("mode", "no_delivery");
        body.put("campaignId", c.id());
        body.put("actionType", a.type());
        List<Map<String, Object>> targets = new ArrayList<>();
        for (int i = 0; i < offices.size(); i++) {
            Map<String, Object> view = targetView(offices.get(i).office());
            view.put("check", checks.get(i));
            targets.add(view);
        }
        body.put("targets", targets);
        return body;
    }

    Map<String, Object> submission(SubmissionStore.Row row, boolean repeated) {
        return submission(row, repeated, db.read(h -> SubmissionStore.deliveries(h, row.id())));
    }

    /** A submission with the deliveries already at hand (just written), in id order. */
    static Map<String, Object> submission(SubmissionStore.Row row, boolean repeated, List<SubmissionStore.DeliveryRow> rows) {
        List<Map<String, Object>> deliveries = new ArrayList<>();
        for (SubmissionStore.DeliveryRow d : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("target", Map.of("name", d.targetName(), "officeCode", String.valueOf(d.officeCode()),
                    "bioguideId", String.valueOf(d.bioguide())));
            m.put("status", d.status());
            deliveries.add(m);
        }
        Submitted s = row.supporter();
        Map<String, Object> supporter = new LinkedHashMap<>();
        supporter.put("id", row.supporterId());
        supporter.put("firstName", s.get("firstname"));
        supporter.put("lastName", s.get("lastname"));
        supporter.put("email", s.email());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", row.id());
        body.put("status", row.status());
        if (repeated) body.put("repeated", true);
        body.put("campaignId", row.campaignId());
        body.put("actionType", row.actionType());
        body.put("supporter", supporter);
        body.put("deliveries", deliveries);
        body.put("createdAt", row.createdAt());
        return body;
    }

    private static Map<String, Object> targetView(Office o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.label());
        if (o.bioguideId() != null) m.put("bioguideId", o.bioguideId());
        if (o.officeCode() != null) m.put("officeCode", o.officeCode());
        m.put("chamber", o.chamber().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }
}
