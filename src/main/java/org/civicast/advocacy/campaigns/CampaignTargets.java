package org.civicast.advocacy.campaigns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicast.congress.CongressService;
import org.civicast.congress.District;
import org.civicast.congress.Member;
import org.civicast.congress.ZipLookup;

/**
 * Whom an action reaches for a place: for the Congress rules, the members of every district the
 * supporter's ZIP may be in (a ZIP that spans districts lists each candidate), and their state's
 * senators; for named members and custom targets, the same list wherever the supporter lives.
 */
public final class CampaignTargets {
    private final CongressService congress;

    public CampaignTargets(CongressService congress) {
        this.congress = congress;
    }

    /** The members an action goes to from these districts (none for custom targets or petitions). */
    public List<Member> members(Action action, List<District> districts) {
        Map<String, Member> members = new LinkedHashMap<>();
        TargetRule rule = action.targetRule();
        if (rule == TargetRule.CONGRESS || rule == TargetRule.HOUSE) {
            for (District d : districts) congress.representative(d).ifPresent(m -> members.put(m.bioguide(), m));
        }
        if (rule == TargetRule.CONGRESS || rule == TargetRule.SENATE) {
            for (String state : districts.stream().map(District::state).distinct().toList()) {
                for (Member m : congress.senators(state)) members.put(m.bioguide(), m);
            }
        }
        if (rule == TargetRule.MEMBERS) {
            for (String bioguide : action.members()) congress.member(bioguide).ifPresent(m -> members.put(m.bioguide(), m));
        }
        return List.copyOf(members.values());
    }

    /** What the action shows for a ZIP (null: no ZIP given, so only targets that do not depend on it). */
    public List<Target> shown(Action action, ZipLookup zip) {
        List<Target> targets = new ArrayList<>();
        if (!action.targetRule().byAddress() || zip != null) {
            List<District> districts = zip == null ? List.of() : zip.districts();
            for (Member m : members(action, districts)) targets.add(Target.of(m, action.actionType()));
        }
        if (action.targetRule() == TargetRule.CUSTOM) {
            for (Action.CustomTarget t : action.customTargets()) targets.add(Target.custom(t));
        }
        return targets;
    }
}
