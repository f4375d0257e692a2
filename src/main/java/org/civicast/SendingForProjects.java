package org.civicast;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civicast.links.ClickCounts;
import org.civicast.links.ShortLinks;
import org.civicast.projects.ProjectLifecycle;
import org.civicast.projects.ProjectSending;
import org.civicast.projects.ProjectStats;
import org.civicast.projects.TestContact;
import org.civicast.projects.TestSends;
import org.civicast.sending.Broadcast;
import org.civicast.sending.BroadcastSource;
import org.civicast.sending.SendingService;

/**
 * The sending engine as the projects feature's way of sending: schedules start sends, tests go
 * out at once, statistics come from the messages' states and the links' clicks.
 */
final class SendingForProjects implements ProjectSending {
    private final SendingService sending;
    private final BroadcastSource broadcasts;
    private final ProjectLifecycle lifecycle;
    private final ShortLinks links;
    private final Clock clock;

    SendingForProjects(SendingService sending, BroadcastSource broadcasts, ProjectLifecycle lifecycle, ShortLinks links,
                       Clock clock) {
        this.sending = sending;
        this.broadcasts = broadcasts;
        this.lifecycle = lifecycle;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public void scheduled(String projectId, java.time.Instant at) {
        sending.scheduled(projectId, at);
    }

    @Override
    public void unscheduled(String projectId) {
        // The start job finds the project no longer scheduled and starts nothing.
    }

    @Override
    public TestSends test(String projectId, List<TestContact> contacts) {
        Broadcast b = broadcasts.broadcast(projectId).orElseThrow(() -> new IllegalStateException(
                "project " + projectId + " has no active number to send from"));
        List<Map.Entry<String, Map<String, String>>> recipients = new ArrayList<>();
        for (TestContact c : contacts) recipients.add(Map.entry(c.phone(), c.mergeValues()));
        List<String> ids = sending.test(b, recipients);
        List<TestSends.TestMessage> messages = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) messages.add(new TestSends.TestMessage(ids.get(i), masked(contacts.get(i).phone())));
        String status = lifecycle.status(projectId).map(s -> s.code()).orElse("draft");
        return new TestSends(projectId, status, messages);
    }

    @Override
    public ProjectStats stats(String projectId) {
        Map<String, Integer> sent = sending.counts(projectId, false);
        Map<String, Integer> tests = sending.counts(projectId, true);
        ClickCounts clicks = links.counts(projectId);
        ClickCounts testClicks = links.testCounts(projectId);
        String status = lifecycle.status(projectId).map(s -> s.code()).orElse("draft");
        return new ProjectStats(projectId, status, clock.instant(),
                new ProjectStats.Metrics(n(sent, "sent") + n(sent, "delivered") + n(sent, "undeliverable"),
                        n(sent, "delivered"), n(sent, "undeliverable") + n(sent, "failed") + n(sent, "expired"),
                        clicks.total(), clicks.unique(), 0, 0),
                new ProjectStats.Test(n(tests, "queued") + n(tests, "sent"), n(tests, "delivered"),
                        n(tests, "undeliverable") + n(tests, "failed"), 0, testClicks.total(), testClicks.unique()));
    }

    @Override
    public int usedToday(String brandId) {
        return sending.usedToday(brandId, clock.instant());
    }

    @Override
    public java.util.OptionalInt recipients(String projectId) {
        return sending.recipients(projectId);
    }

    private static long n(Map<String, Integer> counts, String status) {
        return counts.getOrDefault(status, 0);
    }

    /** +15555550100 → +1555****100: enough to tell tests apart, not the number. */
    static String masked(String phone) {
        if (phone.length() < 9) return phone;
        return phone.substring(0, 5) + "****" + phone.substring(phone.length() - 3);
    }
}
