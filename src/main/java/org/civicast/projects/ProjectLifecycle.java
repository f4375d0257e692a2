package org.civicast.projects;

import java.time.Clock;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.civicast.media.MediaService;
import org.civicast.numbers.PhoneNumberService;
import org.civicast.platform.db.Database;
import org.civicast.projects.ProjectTransitions.Event;
import org.jdbi.v3.core.Handle;

/**
 * The sending engine's handle on projects: the changes of status it drives, and the plan it sends
 * by. Each change is one transaction: the project is locked, {@link ProjectTransitions} says
 * whether the event may happen in its status and what follows, and the answer says whether the
 * project moved (false for a project that does not exist or is in another status — the engine
 * lost a race, or was told twice).
 */
public final class ProjectLifecycle {
    private static final String ANYWHERE = "%";

    private final Database db;
    private final Clock clock;
    private final PhoneNumberService numbers;
    private final MediaService media;

    ProjectLifecycle(Database db, Clock clock, PhoneNumberService numbers, MediaService media) {
        this.db = db;
        this.clock = clock;
        this.numbers = numbers;
        this.media = media;
    }

    /** A test of the message as it stands was sent: draft → awaiting_test. */
    public boolean testSent(String projectId) {
        return move(projectId, Event.TEST, (h, to) -> ProjectStore.tested(h, projectId, to, clock.instant()));
    }

    /** The engine starts sending: scheduled → sending. */
    public boolean startSending(String projectId) {
        return move(projectId, Event.START, (h, to) -> ProjectStore.started(h, projectId, to, clock.instant()));
    }

    /** Every recipient has been sent to: sending → completed. */
    public boolean complete(String projectId) {
        return move(projectId, Event.COMPLETE, (h, to) -> ProjectStore.completed(h, projectId, to, clock.instant()));
    }

    /**
     * Scheduled or sending → paused, for {@code reason}; {@code auto} when the engine paused it
     * rather than a person. A paused project waits for {@link #resume} or a new schedule.
     */
    public boolean pause(String projectId, PauseReason reason, boolean auto) {
        return move(projectId, Event.PAUSE,
                (h, to) -> ProjectStore.paused(h, projectId, to, reason, auto, clock.instant()));
    }

    /** Paused → sending when it had started, else → scheduled; the pause reason is cleared. */
    public boolean resume(String projectId) {
        return move(projectId, Event.RESUME, (h, to) -> ProjectStore.resumed(h, projectId, to, clock.instant()));
    }

    /**
     * Paused by the engine for {@code reason} → sending again (it goes on by itself: sending hours
     * opened); false when it is not paused, or paused for another reason (a person's word stands).
     */
    public boolean resumeFrom(String projectId, PauseReason reason) {
        return move(projectId, Event.RESUME, r -> r.autoPaused() && reason.code().equals(r.pauseReason()),
                (h, to) -> ProjectStore.resumed(h, projectId, to, clock.instant()));
    }

    private boolean move(String projectId, Event event, BiConsumer<Handle, ProjectStatus> write) {
        return move(projectId, event, r -> true, write);
    }

    private boolean move(String projectId, Event event, java.util.function.Predicate<ProjectRow> only,
                         BiConsumer<Handle, ProjectStatus> write) {
        return db.tx(h -> {
            Optional<ProjectRow> project = ProjectStore.lock(h, ANYWHERE, projectId);
            if (project.isEmpty() || !only.test(project.get())) return false;
            Optional<ProjectStatus> to = ProjectTransitions.next(project.get().status(), event, project.get().history());
            to.ifPresent(status -> write.accept(h, status));
            return to.isPresent();
        });
    }

    /** The project's status now; empty when there is no such project. */
    public Optional<ProjectStatus> status(String projectId) {
        return db.read(h -> ProjectStore.find(h, ANYWHERE, projectId)).map(ProjectRow::status);
    }

    /** The project as the engine sends it, read now; {@code NoSuchElementException} when there is no such project. */
    public SendPlan sendPlan(String projectId) {
        return db.read(h -> ProjectStore.find(h, ANYWHERE, projectId)).map(this::plan)
                .orElseThrow(() -> new java.util.NoSuchElementException("no project " + projectId));
    }

    private SendPlan plan(ProjectRow r) {
        ProjectSettings s = r.settings();
        ProjectRegistration reg = r.registration();
        var senders = s.phoneNumberIds().stream()
                .map(id -> numbers.owned(id).map(n -> new SendPlan.Sender(n.id(), n.number(), n.status())))
                .flatMap(Optional::stream).toList();
        return new SendPlan(r.id(), s.name(), r.organizationId(), r.status(), reg.channel(), reg.brandId(),
                reg.campaignId(), reg.tollFreeVerificationId(), senders, s.protocol(), s.messageText(), s.mediaIds(),
                media.urls(s.mediaIds(), null), s.linkTracking().enabled() ? s.linkTracking().tracking() : null,
                s.contactListIds(), s.suppressionListIds(), s.optOutFooter(),
                s.smartEncoding(), r.scheduledAt(), r.scheduledTimezone(), r.dailyCapBypass());
    }
}
