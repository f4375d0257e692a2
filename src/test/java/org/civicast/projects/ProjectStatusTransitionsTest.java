package org.civicast.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.civicast.projects.ProjectTransitions.Event;
import org.civicast.projects.ProjectTransitions.History;
import org.junit.jupiter.api.Test;

/**
 * The state machine, every status against every event in every history: the table below is the
 * one docs/projects.md shows; a row added, dropped or changed in ProjectTransitions fails here.
 */
class ProjectStatusTransitionsTest {
    /** from, event, tested?, started? → to ("-" for refused), with "*" matching either history. */
    private static final String EXPECTED = """
            draft          TEST        * *  awaiting_test
            awaiting_test  TEST        * *  awaiting_test
            awaiting_test  EDIT        * *  draft
            draft          SCHEDULE    * *  scheduled
            awaiting_test  SCHEDULE    * *  scheduled
            scheduled      SCHEDULE    * *  scheduled
            paused         SCHEDULE    * *  scheduled
            scheduled      UNSCHEDULE  y *  awaiting_test
            scheduled      UNSCHEDULE  n *  draft
            paused         UNSCHEDULE  y *  awaiting_test
            paused         UNSCHEDULE  n *  draft
            scheduled      START       * *  sending
            scheduled      PAUSE       * *  paused
            sending        PAUSE       * *  paused
            paused         RESUME      * y  sending
            paused         RESUME      * n  scheduled
            sending        COMPLETE    * *  completed
            """;

    private static Optional<ProjectStatus> expected(ProjectStatus from, Event event, History h) {
        for (String line : EXPECTED.strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (!f[0].equals(from.code()) || !f[1].equals(event.name())) continue;
            if (!f[2].equals("*") && f[2].equals("y") != h.tested()) continue;
            if (!f[3].equals("*") && f[3].equals("y") != h.started()) continue;
            return Optional.of(ProjectStatus.of(f[4]));
        }
        return Optional.empty();
    }

    @Test
    void everyStatusAgainstEveryEventInEveryHistory() {
        List<String> differences = new ArrayList<>();
        int allowed = 0;
        for (ProjectStatus from : ProjectStatus.values()) {
            for (Event event : Event.values()) {
                for (boolean tested : new boolean[] {false, true}) {
                    for (boolean started : new boolean[] {false, true}) {
                        History h = new History(tested, started);
                        Optional<ProjectStatus> actual = ProjectTransitions.next(from, event, h);
                        if (!actual.equals(expected(from, event, h))) {
                            differences.add(from + " " + event + " " + h + ": " + actual + ", expected " + expected(from, event, h));
                        }
                        if (actual.isPresent()) allowed++;
                    }
                }
            }
        }
        assertEquals(List.of(), differences);
        assertEquals(11 * 4 + 6 * 2, allowed, "17 rows, six of which hold in half the histories");
    }

    @Test
    void aCompletedProjectIsTerminalAndOnlyDraftsAndTestedProjectsAreEditable() {
        for (Event event : Event.values()) {
            assertEquals(Optional.empty(), ProjectTransitions.next(ProjectStatus.COMPLETED, event, new History(true, true)));
        }
        assertTrue(ProjectStatus.DRAFT.editable());
        assertTrue(ProjectStatus.AWAITING_TEST.editable());
        for (ProjectStatus s : List.of(ProjectStatus.SCHEDULED, ProjectStatus.SENDING, ProjectStatus.PAUSED,
                ProjectStatus.COMPLETED)) {
            assertFalse(s.editable(), s.code());
        }
    }

    @Test
    void codesAreTheContractsSpelling() {
        assertEquals("awaiting_test", ProjectStatus.AWAITING_TEST.code());
        assertEquals(ProjectStatus.PAUSED, ProjectStatus.of("paused"));
        assertEquals("brand_daily_cap", PauseReason.BRAND_DAILY_CAP.code());
        assertEquals(PauseReason.QUIET_HOURS, PauseReason.of("quiet_hours"));
    }
}
