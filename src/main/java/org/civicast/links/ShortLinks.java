package org.civicast.links;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.civicast.platform.db.Database;
import org.civicast.platform.events.Event;
import org.civicast.platform.events.Events;
import org.jdbi.v3.core.Handle;

/**
 * Per-recipient tracked links: the sending engine issues them in bulk for a project's recipients
 * (within its own transaction), a click on one is counted and reported as {@code link.clicked},
 * and the projects feature reads the counts. A recipient keeps one link per project, so issuing
 * again (a send restarted after a crash) gives back the same codes.
 */
public final class ShortLinks {
    public static final String CLICKED = "link.clicked";
    /** Rounds of drawing new codes for the few whose code was already taken, before giving up. */
    private static final int DRAWS = 5;

    /** The project's tracking domain is not active (or no longer exists): its links would not be served. */
    public static final class UnavailableDomain extends IllegalStateException {
        UnavailableDomain(String domainId) {
            super("Tracking domain " + domainId + " is not active");
        }
    }

    private final Database db;
    private final Events events;
    private final Clock clock;
    private final Supplier<Supplier<String>> codeDraws;

    public ShortLinks(Database db, Events events, Clock clock) {
        this(db, events, clock, () -> new ShortLinkCodes()::next);
    }

    /** With the codes drawn for each issue coming from {@code codeDraws} (one supplier per issue). */
    ShortLinks(Database db, Events events, Clock clock, Supplier<Supplier<String>> codeDraws) {
        this.db = db;
        this.events = events;
        this.clock = clock;
        this.codeDraws = codeDraws;
    }

    /** {@code https://<domain>/<code>}. */
    public static String url(String domain, String code) {
        return "https://" + domain + "/" + code;
    }

    /**
     * The short link of each recipient of a project's send, in the order given, made in the
     * caller's transaction (or one of its own). A recipient who already has one for this project
     * gets it back unchanged, code, domain and destination; a number listed twice gets one link.
     * Recipients are copied with {@code COPY}: a million in one call works, and calls of some ten
     * thousand each keep the memory of both sides small.
     *
     * @throws UnavailableDomain        when {@code tracking.domainId()} is not an active domain
     * @throws IllegalArgumentException when the settings have a {@link LinkDestination#problem}
     */
    public List<ShortLink> issue(String organizationId, String projectId, LinkTracking tracking,
                                 List<LinkRecipient> recipients) {
        return issue(organizationId, projectId, tracking, recipients, false);
    }

    /**
     * The same for a project's test send, kept and counted apart from the send itself. A number
     * tested again keeps its code, but its link now goes where the current settings say, on the
     * current domain, since a project's settings may change between tests.
     */
    public List<ShortLink> issueForTest(String organizationId, String projectId, LinkTracking tracking,
                                        List<LinkRecipient> recipients) {
        return issue(organizationId, projectId, tracking, recipients, true);
    }

    /** Records which message carried each link (code → message id), for the click event. */
    public void recordMessages(Map<String, String> messageIdsByCode) {
        if (messageIdsByCode.isEmpty()) return;
        String[] codes = messageIdsByCode.keySet().toArray(String[]::new);
        String[] ids = Arrays.stream(codes).map(messageIdsByCode::get).toArray(String[]::new);
        db.tx(h -> {
            ShortLinkStore.recordMessages(h, codes, ids);
            return null;
        });
    }

    /** Counted clicks of a project's send (tests excluded). */
    public ClickCounts counts(String projectId) {
        return counts(List.of(projectId)).getOrDefault(projectId, ClickCounts.NONE);
    }

    /** Counted clicks of a project's test sends. */
    public ClickCounts testCounts(String projectId) {
        return db.read(h -> ShortLinkStore.counts(h, List.of(projectId), true)).getOrDefault(projectId, ClickCounts.NONE);
    }

    /** Counted clicks of each project's send (tests excluded), for a page of project stats; absent when none. */
    public Map<String, ClickCounts> counts(Collection<String> projectIds) {
        if (projectIds.isEmpty()) return Map.of();
        return db.read(h -> ShortLinkStore.counts(h, projectIds, false));
    }

    /**
     * Where a visit to a code on a tracking domain goes, or empty when the code is not one of that
     * domain's. A click is counted, and {@code link.clicked} appended, in one transaction; a visit
     * that is not a click ({@code counted} false: HEAD, a preview bot) changes nothing.
     */
    Optional<String> visit(String domainId, String domain, String code, boolean counted, String userAgent) {
        if (!ShortLinkCodes.wellFormed(code)) return Optional.empty();
        if (!counted) return db.read(h -> ShortLinkStore.find(h, domainId, code)).map(ShortLinkStore.Visited::destination);
        return db.tx(h -> {
            Instant now = clock.instant();
            Optional<ShortLinkStore.Visited> link = ShortLinkStore.click(h, domainId, code, now);
            link.ifPresent(l -> events.append(clicked(domain, l, now, userAgent)));
            return link.map(ShortLinkStore.Visited::destination);
        });
    }

    private static Event clicked(String domain, ShortLinkStore.Visited link, Instant at, String userAgent) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("link_code", link.code());
        data.put("short_url", url(domain, link.code()));
        data.put("project_id", link.projectId());
        data.put("message_id", link.messageId());
        data.put("phone", "+" + link.phone());
        data.put("url", link.destination());
        data.put("clicked_at", at);
        data.put("first_click", link.firstClick());
        data.put("is_test", link.test());
        data.put("user_agent", userAgent);
        return new Event(CLICKED, link.organizationId(), link.code(), null, data);
    }

    private List<ShortLink> issue(String organizationId, String projectId, LinkTracking tracking,
                                  List<LinkRecipient> recipients, boolean test) {
        LinkDestination destinations = LinkDestination.of(tracking);
        if (recipients.isEmpty()) return List.of();
        return db.tx(h -> {
            if (tracking.domainId() == null || TrackingDomainStore.activeName(h, tracking.domainId()).isEmpty()) {
                throw new UnavailableDomain(tracking.domainId());
            }
            Supplier<String> codes = codeDraws.get();
            copy(h, recipients, destinations, codes);
            if (test) ShortLinkStore.refreshTestLinks(h, projectId, tracking.domainId());
            Instant now = clock.instant();
            ShortLink[] links = new ShortLink[recipients.size()];
            for (int round = 0; ; round++) {
                ShortLinkStore.insertMissing(h, organizationId, projectId, tracking.domainId(), test, now);
                ShortLinkStore.read(h, projectId, test, links);
                List<Integer> missing = new ArrayList<>();
                for (int i = 0; i < links.length; i++) {
                    if (links[i] == null) missing.add(i);
                }
                if (missing.isEmpty()) return Arrays.asList(links);
                if (round == DRAWS) throw new IllegalStateException("no free short link code after " + DRAWS + " draws");
                ShortLinkStore.redraw(h, missing.stream().mapToInt(Integer::intValue).toArray(),
                        missing.stream().map(i -> codes.get()).toArray(String[]::new));
            }
        });
    }

    /** Each recipient as a staging row: its position, number, a fresh code and its destination. */
    private static void copy(Handle h, List<LinkRecipient> recipients, LinkDestination destinations,
                             Supplier<String> codes) {
        StringBuilder line = new StringBuilder(256);
        try (OutputStream out = ShortLinkStore.stage(h)) {
            int ord = 0;
            for (LinkRecipient r : recipients) {
                line.setLength(0);
                line.append(ord++).append('\t').append(r.phone()).append('\t').append(codes.get()).append('\t');
                escape(line, destinations.resolve(r));
                line.append('\n');
                out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ShortLinkStore.staged(h);
    }

    /** A destination in COPY's text format; destinations are ASCII URLs, so only a backslash could need it. */
    private static void escape(StringBuilder line, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }
}
