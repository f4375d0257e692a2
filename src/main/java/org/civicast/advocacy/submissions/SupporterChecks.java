package org.civicast.advocacy.submissions;

import java.util.ArrayList;
import java.util.List;
import org.civicast.advocacy.campaigns.Action;
import org.civicast.advocacy.campaigns.FormField;
import org.civicast.platform.http.ApiException;

/** What every submission must carry, whoever it goes to: the action's required fields, well formed. */
final class SupporterChecks {
    static void require(Action action, Submitted s) {
        List<ApiException.FieldIssue> issues = new ArrayList<>();
        for (FormField f : action.form()) {
            if (f.isRequired() && s.get(f.name()) == null && !f.name().equals("prefix")) {
                issues.add(new ApiException.FieldIssue(f.name(), "is required"));
            }
        }
        if (s.email() == null && !issues.stream().anyMatch(i -> i.field().equals("email"))) {
            issues.add(new ApiException.FieldIssue("email", "is required"));
        }
        if (s.email() != null && !s.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            issues.add(new ApiException.FieldIssue("email", "is not an email address"));
        }
        if (s.get("zipcode") != null && !s.get("zipcode").matches("\\d{5}(-?\\d{4})?")) {
            issues.add(new ApiException.FieldIssue("zipcode", "must be 5 digits, or ZIP+4"));
        }
        if (s.get("zipplus") != null && !s.get("zipplus").matches("\\d{4}")) {
            issues.add(new ApiException.FieldIssue("zipplus", "must be 4 digits"));
        }
        if (s.get("state") != null && !s.get("state").matches("[A-Za-z]{2}")) {
            issues.add(new ApiException.FieldIssue("state", "must be a two-letter postal abbreviation"));
        }
        if (!issues.isEmpty()) throw ApiException.validation(issues);
    }

    private SupporterChecks() {}
}
