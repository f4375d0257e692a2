package org.civicast.advocacy.campaigns;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One action of a campaign: its kind, whom it goes to, the sample letters a supporter starts from
 * (several versions may be offered), extra form fields, and for calls and posts their script.
 */
public record Action(
        String type,
        String targets,
        @JsonProperty("members") List<String> members,
        @JsonProperty("custom_targets") List<CustomTarget> customTargets,
        List<Letter> letters,
        List<FormField> fields,
        @JsonProperty("call_script") String callScript,
        String post) {

    public Action {
        members = members == null ? List.of() : List.copyOf(members);
        customTargets = customTargets == null ? List.of() : List.copyOf(customTargets);
        letters = letters == null ? List.of() : List.copyOf(letters);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public ActionType actionType() {
        return ActionType.fromWire(type);
    }

    public TargetRule targetRule() {
        return TargetRule.fromWire(targets);
    }

    /** The form a supporter fills: the campaign's own fields, or the kind's usual ones. */
    public List<FormField> form() {
        return fields.isEmpty() ? actionType().defaultForm() : fields;
    }

    /** A version of the sample letter (or the petition's text). */
    public record Letter(String subject, String message) {}

    /** A target outside Congress, written to by email. */
    public record CustomTarget(String name, String email) {}
}
