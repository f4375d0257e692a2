package org.civicast.advocacy.submissions;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.db.Sql;
import org.civicast.platform.http.Json;
import org.civicast.platform.jobs.JobInsert;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** SQL for submissions, their deliveries and the offices' topic choices. */
final class SubmissionStore {
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};

    record Row(String id, String organizationId, String campaignId, String actionType, String status,
               Submitted supporter, String supporterId, Instant createdAt) {}

    record DeliveryRow(String id, String submissionId, String bioguide, String officeCode, String chamber,
                       String targetName, String targetEmail, String status, String channel, String reason) {}

    static Optional<Row> find(Handle h, String like, String id) {
        return h.createQuery("""
                SELECT s.* FROM advocacy_submissions s JOIN organizations o ON o.id = s.organization_id
                WHERE s.id = :id AND o.path LIKE :like""")
                .bind("id", id).bind("like", like).map((rs, ctx) -> row(rs)).findOne();
    }

    /**
     * Locks a submission row until the transaction ends and reads it: two posts completing the
     * same pending submission take turns, and the second sees the first's outcome.
     */
    static Optional<Row> lock(Handle h, String id) {
        return h.createQuery("SELECT * FROM advocacy_submissions WHERE id = :id FOR UPDATE")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    /** The latest complete submission of this action by this email since a moment, if any. */
    static Optional<Row> repeated(Handle h, String campaignId, String actionType, String email, Instant since) {
        return h.createQuery("""
                SELECT * FROM advocacy_submissions
                WHERE campaign_id = :campaign AND action_type = :type AND lower(email) = lower(:email)
                  AND status = 'complete' AND created_at >= :since
                ORDER BY created_at DESC LIMIT 1""")
                .bind("campaign", campaignId).bind("type", actionType).bind("email", email).bind("since", since)
                .map((rs, ctx) -> row(rs)).findOne();
    }

    private static final String UPSERT_SUBMISSION = """
            INSERT INTO advocacy_submissions (id, organization_id, campaign_id, action_type, status, email, fields,
              supporter_id, created_at, updated_at)
            VALUES (:id, :org, :campaign, :type, :status, :email, CAST(:fields AS jsonb), :supporter, :now, :now)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, email = excluded.email,
              fields = excluded.fields, supporter_id = excluded.supporter_id, updated_at = excluded.updated_at""";
    private static final String UPSERT_SUBMISSION_RETURNING = "WITH s AS (" + UPSERT_SUBMISSION + " RETURNING id)";

    static void save(Handle h, Row r, Instant now) {
        h.createUpdate(UPSERT_SUBMISSION)
                .bind("id", r.id()).bind("org", r.organizationId()).bind("campaign", r.campaignId())
                .bind("type", r.actionType()).bind("status", r.status()).bind("email", r.supporter().email())
                .bind("fields", Json.string(r.supporter().fields())).bind("supporter", r.supporterId())
                .bind("now", now)
                .execute();
    }

    /**
     * A complete submission, its queued deliveries and the job that makes them, in one statement:
     * the deliveries' foreign key is checked at the statement's end, when the submission row is
     * there. {@code job} is null exactly when there are no deliveries.
     */
    static void saveComplete(Handle h, Row r, List<DeliveryRow> deliveries, JobInsert job, Instant now) {
        if (deliveries.isEmpty() != (job == null)) throw new IllegalArgumentException("a job exactly for deliveries");
        if (deliveries.isEmpty()) {
            save(h, r, now);
            return;
        }
        job.bind(h.createUpdate(UPSERT_SUBMISSION_RETURNING + ", job AS (" + JobInsert.SQL + ")\n" + """
                INSERT INTO advocacy_deliveries (id, submission_id, bioguide, office_code, chamber, target_name,
                  target_email, status, created_at, updated_at)
                SELECT d.id, s.id, d.bioguide, d.office_code, d.chamber, d.target_name, d.target_email, 'queued', :now, :now
                FROM s, unnest(:dIds, :dBioguides, :dCodes, :dChambers, :dNames, :dEmails)
                  AS d(id, bioguide, office_code, chamber, target_name, target_email)""")
                .bind("id", r.id()).bind("org", r.organizationId()).bind("campaign", r.campaignId())
                .bind("type", r.actionType()).bind("status", r.status()).bind("email", r.supporter().email())
                .bind("fields", Json.string(r.supporter().fields())).bind("supporter", r.supporterId())
                .bind("now", now)
                .bindArray("dIds", String.class, deliveries.stream().map(DeliveryRow::id).toList())
                .bindArray("dBioguides", String.class, deliveries.stream().map(DeliveryRow::bioguide).toList())
                .bindArray("dCodes", String.class, deliveries.stream().map(DeliveryRow::officeCode).toList())
                .bindArray("dChambers", String.class, deliveries.stream().map(DeliveryRow::chamber).toList())
                .bindArray("dNames", String.class, deliveries.stream().map(DeliveryRow::targetName).toList())
                .bindArray("dEmails", String.class, deliveries.stream().map(DeliveryRow::targetEmail).toList()))
                .execute();
        job.written(h);
    }

    static List<DeliveryRow> deliveries(Handle h, String submissionId) {
        return h.createQuery("SELECT * FROM advocacy_deliveries WHERE submission_id = :id ORDER BY id")
                .bind("id", submissionId).map((rs, ctx) -> delivery(rs)).list();
    }

    /** A delivery still to be made (queued, or failed for now) with its submission and its campaign's version. */
    record OpenDelivery(DeliveryRow delivery, Row submission, long campaignVersion) {}

    private static final String OPEN_DELIVERIES = """
            SELECT d.id, d.submission_id, d.bioguide, d.office_code, d.chamber, d.target_name, d.target_email,
              d.status, d.channel, d.reason,
              s.organization_id, s.campaign_id, s.action_type, s.status AS submission_status, s.fields,
              s.supporter_id, s.created_at, c.version AS campaign_version
            FROM advocacy_deliveries d JOIN advocacy_submissions s ON s.id = d.submission_id
              JOIN advocacy_campaigns c ON c.id = s.campaign_id
            WHERE d.status IN ('queued', 'failed') AND\s""";

    static Optional<OpenDelivery> openDelivery(Handle h, String id) {
        return h.createQuery(OPEN_DELIVERIES + "d.id = :id").bind("id", id).map((rs, ctx) -> open(rs)).findOne();
    }

    /** A submission's deliveries still to be made, in id order. */
    static List<OpenDelivery> openDeliveries(Handle h, String submissionId) {
        return h.createQuery(OPEN_DELIVERIES + "d.submission_id = :id ORDER BY d.id")
                .bind("id", submissionId).map((rs, ctx) -> open(rs)).list();
    }

    private static OpenDelivery open(ResultSet rs) throws SQLException {
        return new OpenDelivery(delivery(rs), new Row(rs.getString("submission_id"),
                rs.getString("organization_id"), rs.getString("campaign_id"), rs.getString("action_type"),
                rs.getString("submission_status"), supporter(rs), rs.getString("supporter_id"),
                Sql.instant(rs, "created_at")), rs.getLong("campaign_version"));
    }

    private static final String FINISH = """
            UPDATE advocacy_deliveries SET status = :status, channel = :channel, receipt = :receipt,
              reason = :reason, updated_at = :now
            WHERE id = :id AND status IN ('queued', 'failed')""";

    /** Records a delivery's outcome; a finished delivery is never reopened. */
    static void finish(Handle h, String id, String status, String channel, String receipt, String reason, Instant now) {
        h.createUpdate(FINISH)
                .bind("id", id).bind("status", status).bind("channel", channel).bind("receipt", receipt)
                .bind("reason", reason).bind("now", now).execute();
    }

    /** A delivery's outcome, as {@link #finish} writes it. */
    record Finish(String id, String status, String channel, String receipt, String reason) {}

    /**
     * Several deliveries' outcomes in one round trip; as {@link #finish}, a finished delivery is
     * never reopened. A batch of the one-row statement rather than one UPDATE joining arrays:
     * PostgreSQL planned that one afresh on nearly every run (its plan for arrays of unknown length never
     * looked cheaper than one for the three it was given), and the planning cost as much as the update.
     */
    static void finishAll(Handle h, List<Finish> outcomes, Instant now) {
        PreparedBatch batch = h.prepareBatch(FINISH);
        for (Finish f : outcomes) {
            batch.bind("id", f.id()).bind("status", f.status()).bind("channel", f.channel())
                    .bind("receipt", f.receipt()).bind("reason", f.reason()).bind("now", now).add();
        }
        batch.execute();
    }

    /** The campaign's topic choices for these offices, by bioguide id (offices with none are absent). */
    static Map<String, String> topicChoices(Handle h, String campaignId, List<String> bioguides) {
        Map<String, String> choices = new HashMap<>();
        h.createQuery("SELECT bioguide, value FROM advocacy_topic_choices WHERE campaign_id = :c AND bioguide = ANY(:b)")
                .bind("c", campaignId).bindArray("b", String.class, bioguides)
                .map((rs, ctx) -> Map.entry(rs.getString("bioguide"), rs.getString("value")))
                .forEach(e -> choices.put(e.getKey(), e.getValue()));
        return choices;
    }

    static void chooseTopic(Handle h, String campaignId, String bioguide, String value) {
        h.createUpdate("""
                INSERT INTO advocacy_topic_choices (campaign_id, bioguide, value) VALUES (:c, :b, :v)
                ON CONFLICT DO NOTHING""")
                .bind("c", campaignId).bind("b", bioguide).bind("v", value).execute();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("organization_id"), rs.getString("campaign_id"),
                rs.getString("action_type"), rs.getString("status"), supporter(rs),
                rs.getString("supporter_id"), Sql.instant(rs, "created_at"));
    }

    private static Submitted supporter(ResultSet rs) throws SQLException {
        try {
            return new Submitted(Json.MAPPER.readValue(rs.getString("fields"), FIELDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DeliveryRow delivery(ResultSet rs) throws SQLException {
        return new DeliveryRow(rs.getString("id"), rs.getString("submission_id"), rs.getString("bioguide"),
                rs.getString("office_code"), rs.getString("chamber"), rs.getString("target_name"),
                rs.getString("target_email"), rs.getString("status"), rs.getString("channel"), rs.getString("reason"));
    }

    private SubmissionStore() {}
}
