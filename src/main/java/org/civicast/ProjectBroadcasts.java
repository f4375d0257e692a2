package org.civicast;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.time.QuietHours;
import org.civicast.projects.PauseReason;
import org.civicast.projects.ProjectLifecycle;
import org.civicast.projects.ProjectService;
import org.civicast.projects.SendTerms;
import org.civicast.projects.ProjectStatus;
import org.civicast.projects.SendPlan;
import org.civicast.projects.compose.Composer;
import org.civicast.projects.compose.Segments;
import org.civicast.sending.Broadcast;
import org.civicast.sending.BroadcastSource;
import org.civicast.sending.Limits;
import org.civicast.sending.MessageComposer;

/**
 * The projects feature as the sending engine's source of broadcasts: a project's send plan as a
 * broadcast (active numbers only; each message the project's composer writes, with the
 * recipient's link; the limits of its campaign, brand and organization), and the engine's
 * transitions as the project's lifecycle.
 */
final class ProjectBroadcasts implements BroadcastSource {
    private final ProjectLifecycle lifecycle;
    private final ProjectService projects;
    private final OrganizationService organizations;
    private final QuietHours defaultQuietHours;

    ProjectBroadcasts(ProjectService projects, OrganizationService organizations, QuietHours defaultQuietHours) {
        this.lifecycle = projects.lifecycle();
        this.projects = projects;
        this.organizations = organizations;
        this.defaultQuietHours = defaultQuietHours;
    }

    @Override
    public Optional<Broadcast> broadcast(String projectId) {
        if (lifecycle.status(projectId).isEmpty()) return Optional.empty();
        SendPlan plan = lifecycle.sendPlan(projectId);
        var senders = plan.numbers().stream().filter(n -> "active".equals(n.status()))
                .map(n -> new Broadcast.Sender(n.phoneNumberId(), n.number())).toList();
        if (senders.isEmpty()) return Optional.empty();
        Composer composer = plan.composer();
        MessageComposer compose = (recipient, link) -> {
            // Copied only when something is added: a broadcast composes a million of these.
            Map<String, String> values = recipient.values();
            if (link != null || !recipient.phone().equals(values.get("phone"))) {
                values = new HashMap<>(values);
                values.put("phone", recipient.phone());
                if (link != null) values.put("link", link);
            }
            String body = composer.body(values);
            Segments.Count count = Segments.count(body);
            return new MessageComposer.Composed(body, count.segments(), count.encoding().name());
        };
        return Optional.of(new Broadcast(projectId, plan.organizationId(), plan.brandId(), senders,
                "mms".equals(plan.protocol()), plan.mediaUrls(), plan.contactListIds(), plan.suppressionListIds(),
                plan.linkTracking(), compose, limits(plan)));
    }

    private Limits limits(SendPlan plan) {
        SendTerms terms = projects.sendTerms(plan.projectId());
        QuietHours window = organizations.quietHours(plan.organizationId()).map(QuietHours::parse)
                .orElse(defaultQuietHours);
        return new Limits(terms.rateScope(), terms.segmentsPerMinute(), terms.brandDailyCap(), plan.dailyCapBypass(),
                window, terms.segmentsPerMessage());
    }

    @Override
    public boolean pause(String projectId, String reason) {
        return lifecycle.pause(projectId, PauseReason.of(reason), true);
    }

    @Override
    public boolean resume(String projectId, String reason) {
        return lifecycle.resumeFrom(projectId, PauseReason.of(reason));
    }

    @Override
    public boolean startSending(String projectId) {
        return lifecycle.startSending(projectId);
    }

    @Override
    public boolean complete(String projectId) {
        return lifecycle.complete(projectId);
    }

    @Override
    public boolean sending(String projectId) {
        return lifecycle.status(projectId).map(s -> s == ProjectStatus.SENDING).orElse(false);
    }
}
