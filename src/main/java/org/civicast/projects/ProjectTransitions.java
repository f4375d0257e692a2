package org.civicast.projects;

import static org.civicast.projects.ProjectStatus.AWAITING_TEST;
import static org.civicast.projects.ProjectStatus.COMPLETED;
import static org.civicast.projects.ProjectStatus.DRAFT;
import static org.civicast.projects.ProjectStatus.PAUSED;
import static org.civicast.projects.ProjectStatus.SCHEDULED;
import static org.civicast.projects.ProjectStatus.SENDING;

import java.util.List;
import java.util.Optional;

/**
 * The project state machine: every change of status goes through {@link #next}, and this table is
 * the whole of it (docs/projects.md draws the same table).
 *
 * <pre>
 *   draft ──test──▶ awaiting_test ──edit (what recipients see)──▶ draft
 *   draft | awaiting_test | scheduled | paused ──schedule──▶ scheduled
 *   scheduled | paused ──unschedule──▶ awaiting_test if a test was sent since the last edit, else draft
 *   scheduled ──start──▶ sending ──complete──▶ completed
 *   scheduled | sending ──pause──▶ paused ──resume──▶ sending if it had started, else scheduled
 * </pre>
 */
public final class ProjectTransitions {
    /** What happens to a project. */
    public enum Event { TEST, EDIT, SCHEDULE, UNSCHEDULE, START, PAUSE, RESUME, COMPLETE }

    /** What a project has been through, where a row's target depends on it. */
    public record History(boolean tested, boolean started) {}

    /** When a row applies. */
    enum When { ALWAYS, TESTED, NOT_TESTED, STARTED, NOT_STARTED;
        boolean holds(History h) {
            return switch (this) {
                case ALWAYS -> true;
                case TESTED -> h.tested();
                case NOT_TESTED -> !h.tested();
                case STARTED -> h.started();
                case NOT_STARTED -> !h.started();
            };
        }
    }

    record Row(ProjectStatus from, Event event, When when, ProjectStatus to) {}

    static final List<Row> TABLE = List.of(
            new Row(DRAFT, Event.TEST, When.ALWAYS, AWAITING_TEST),
            new Row(AWAITING_TEST, Event.TEST, When.ALWAYS, AWAITING_TEST),
            new Row(AWAITING_TEST, Event.EDIT, When.ALWAYS, DRAFT),
            new Row(DRAFT, Event.SCHEDULE, When.ALWAYS, SCHEDULED),
            new Row(AWAITING_TEST, Event.SCHEDULE, When.ALWAYS, SCHEDULED),
            new Row(SCHEDULED, Event.SCHEDULE, When.ALWAYS, SCHEDULED),
            new Row(PAUSED, Event.SCHEDULE, When.ALWAYS, SCHEDULED),
            new Row(SCHEDULED, Event.UNSCHEDULE, When.TESTED, AWAITING_TEST),
            new Row(SCHEDULED, Event.UNSCHEDULE, When.NOT_TESTED, DRAFT),
            new Row(PAUSED, Event.UNSCHEDULE, When.TESTED, AWAITING_TEST),
            new Row(PAUSED, Event.UNSCHEDULE, When.NOT_TESTED, DRAFT),
            new Row(SCHEDULED, Event.START, When.ALWAYS, SENDING),
            new Row(SCHEDULED, Event.PAUSE, When.ALWAYS, PAUSED),
            new Row(SENDING, Event.PAUSE, When.ALWAYS, PAUSED),
            new Row(PAUSED, Event.RESUME, When.STARTED, SENDING),
            new Row(PAUSED, Event.RESUME, When.NOT_STARTED, SCHEDULED),
            new Row(SENDING, Event.COMPLETE, When.ALWAYS, COMPLETED));

    /** The status after {@code event} happens to a project in {@code from}; empty when it may not happen there. */
    public static Optional<ProjectStatus> next(ProjectStatus from, Event event, History history) {
        return TABLE.stream()
                .filter(r -> r.from() == from && r.event() == event && r.when().holds(history))
                .map(Row::to)
                .findFirst();
    }

    private ProjectTransitions() {}
}
