package org.civicast.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.Json;
import org.civicast.platform.jobs.Job;
import org.civicast.platform.jobs.JobHandler;
import org.civicast.platform.outbound.Outbound;
import org.civicast.platform.outbound.OutboundException;
import org.civicast.platform.outbound.OutboundRequest;
import org.civicast.platform.outbound.OutboundStream;

/**
 * The {@value #KIND} job: fetches a list's file through the guarded client and loads it in one
 * transaction. A file that cannot be imported fails the list at once with the reason; a passing
 * trouble (the file server's 5xx, a broken connection, the database) is tried again, and the
 * list fails with the last reason when the attempts run out. A server killed mid-import leaves
 * nothing of it: the transaction never committed, and the job's lease runs out so that any
 * instance starts the import again.
 */
final class ContactImportJob implements JobHandler {
    static final String KIND = "contacts.import";

    private final Database db;
    private final Outbound outbound;
    private final ContactLoader loader;
    private final Clock clock;

    ContactImportJob(Database db, Outbound outbound, ContactLoader loader, Clock clock) {
        this.db = db;
        this.outbound = outbound;
        this.loader = loader;
        this.clock = clock;
    }

    static String payload(String listId, String sourceUrl) {
        return Json.string(java.util.Map.of("list_id", listId, "source_url", sourceUrl));
    }

    @Override
    public void run(Job job) throws Exception {
        JsonNode payload = Json.MAPPER.readTree(job.payload());
        String listId = payload.get("list_id").asText();
        Optional<ContactListStore.Row> found = db.read(h -> ContactListStore.find(h, listId));
        if (found.isEmpty() || !found.get().status().equals("processing")) return; // deleted, or settled already
        ContactListStore.Row list = found.get();
        db.tx(h -> {
            ContactListStore.started(h, listId, clock.instant());
            return null;
        });
        try {
            importFile(list, URI.create(payload.get("source_url").asText()));
        } catch (ImportFailure e) {
            fail(listId, e.getMessage());
        } catch (OutboundException e) {
            String reason = FetchProblems.describe(e);
            if (!e.temporary() || job.lastAttempt()) fail(listId, reason);
            else throw e;
        } catch (RuntimeException | IOException e) {
            if (job.lastAttempt()) fail(listId, "The import failed " + job.attempt() + " times; the last time: " + e);
            throw e;
        }
    }

    private void importFile(ContactListStore.Row list, URI source) throws IOException {
        try (OutboundStream response = outbound.open(OutboundRequest.get(source))) {
            FetchProblems.requireSuccess(response);
            long length = response.header("content-length").map(Long::parseLong).orElse(-1L);
            ProgressReport progress = new ProgressReport(db, list.id(), length);
            InputStream counted = new FilterInputStream(response.body()) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) progress.bytes(n);
                    return n;
                }
            };
            try {
                db.tx(h -> {
                    ImportCounts counts = loader.load(h, list.key(), list.organizationId(), list.phoneColumn(),
                            list.tags(), counted, rows -> progress.report());
                    ContactListStore.ready(h, list.id(), counts, clock.instant());
                    return null;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    private void fail(String listId, String reason) {
        db.tx(h -> {
            ContactListStore.failed(h, listId, reason, clock.instant());
            return null;
        });
    }
}
