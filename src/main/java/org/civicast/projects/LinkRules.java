package org.civicast.projects;

import java.util.Map;
import org.civicast.links.LinkDestination;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;

/**
 * A project's link tracking, checked when it is enabled: a tracking domain is named
 * ({@code 400 VALIDATION_ERROR} otherwise), and the destination, parameter field and fallback
 * follow the links feature's rules — the same {@link LinkDestination} that resolves each click, so
 * a project accepted here is one whose links can be served. Any problem with them is
 * {@code 400 INVALID_LINK_PLACEHOLDER}, its {@code details.field} the setting at fault. Whether the
 * domain may be used, and whether the field is one the lists fill, are {@link ProjectChecks}'.
 */
final class LinkRules {
    static void check(LinkSettings link) {
        if (!link.enabled()) return;
        if (link.domainId() == null) {
            throw ApiException.validation("link_tracking_domain_id", "is required when link_tracking_enabled is true");
        }
        String problem = LinkDestination.problem(link.tracking());
        if (problem != null) {
            String field = problem.startsWith("link_tracking_fallback_url") ? "link_tracking_fallback_url"
                    : problem.startsWith("link_tracking_param_field") ? "link_tracking_param_field"
                    : "link_tracking_destination_url";
            throw new ApiException(ErrorCode.INVALID_LINK_PLACEHOLDER, problem, Map.of("field", field));
        }
    }

    private LinkRules() {}
}
