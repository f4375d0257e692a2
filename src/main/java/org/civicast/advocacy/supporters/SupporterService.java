package org.civicast.advocacy.supporters;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.Sql;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.ids.Ids;
import org.jdbi.v3.core.Handle;

/**
 * Supporters of advocacy accounts. A supporter belongs to one organization (an account); an
 * account reaches the supporters of its subtree by id and in searches, and looks them up by
 * email or customId among its own, where each names at most one supporter. The House district
 * is derived from the primary address's ZIP code on every write, by {@code districtOfZip}.
 */
public final class SupporterService {
    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final Function<String, Optional<String>> districtOfZip;

    /**
     * @param districtOfZip a 5-digit ZIP code's House district ({@code NY21}, {@code AK0}); empty
     *                      when the ZIP code spans districts or is unknown
     */
    public SupporterService(Database db, OrganizationService organizations, Ids ids, Clock clock,
                            Function<String, Optional<String>> districtOfZip) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.districtOfZip = districtOfZip;
        organizations.deletionGuards().add(orgId -> db.read(h -> SupporterStore.existAt(h, orgId))
                ? Optional.of("supporters") : Optional.empty());
    }

    /** One page of a search, and how many supporters match in all. */
    public record Page(long total, List<Supporter> supporters) {}

    /** The supporters of the caller's subtree that match, in creation order. */
    public Page search(Principal principal, SupporterQuery query, int offset, int limit) {
        String like = principal.subtree().like();
        return db.read(h -> new Page(SupporterStore.count(h, like, query),
                SupporterStore.search(h, like, query, offset, limit)));
    }

    public Supporter require(Principal principal, String id) {
        return db.read(h -> SupporterStore.find(h, principal.subtree().like(), id))
                .map(SupporterStore.Owned::supporter).orElseThrow(() -> notFound(id));
    }

    /** The caller's own organization's supporter with this email, in any case. */
    public Supporter requireByEmail(Principal principal, String email) {
        return db.read(h -> SupporterStore.byEmail(h, principal.organizationId(), email))
                .map(SupporterStore.Owned::supporter).orElseThrow(() -> notFound("with email " + email));
    }

    /** The caller's own organization's supporter with this customId. */
    public Supporter requireByCustomId(Principal principal, String customId) {
        return db.read(h -> SupporterStore.byCustomId(h, principal.organizationId(), customId))
                .map(SupporterStore.Owned::supporter).orElseThrow(() -> notFound("with customId " + customId));
    }

    /** The organization's supporter with this id, on the caller's transaction if there is one. */
    public Optional<Supporter> byId(String organizationId, String supporterId) {
        return db.read(h -> SupporterStore.get(h, supporterId))
                .filter(s -> s.organizationId().equals(organizationId)).map(SupporterStore.Owned::supporter);
    }

    /**
     * A new supporter of the caller's own organization. An email or customId that already names
     * one of its supporters is refused (400, naming the field and that supporter).
     */
    public Supporter create(Principal principal, SupporterFields fields) {
        if (fields.isEmpty()) throw ApiException.validation("body", "must give at least one property of the supporter");
        String organizationId = principal.organizationId();
        return db.tx(h -> insert(h, organizationId, fields).map(id -> read(h, id)).orElseThrow(() -> {
            String email = fields.email().or(null).strip();
            return taken("email", SupporterStore.byEmail(h, organizationId, email).map(o -> o.supporter().id()).orElse(null));
        }));
    }

    /** Changes what {@code fields} sends of a supporter of the caller's subtree; the rest keeps its value. */
    public Supporter update(Principal principal, String id, SupporterFields fields) {
        String like = principal.subtree().like();
        return db.tx(h -> current(h, SupporterStore.lock(h, like, id).orElseThrow(() -> notFound(id)), fields));
    }

    /**
     * The organization's supporter with the email that {@code fields} sends (in any case): created
     * with {@code fields} when there is none, else changed by them, unsent properties keeping
     * their values and the email its stored spelling. Runs in the caller's transaction when there
     * is one (as a submitted action's). A change that changes nothing writes nothing, so
     * {@code updatedAt} stays.
     */
    public Supporter upsertByEmail(String organizationId, SupporterFields fields) {
        return db.tx(h -> {
            Upserted u = upsert(h, organizationId, fields);
            return u.unchanged() != null ? u.unchanged() : read(h, u.id());
        });
    }

    /**
     * As {@link #upsertByEmail}, for a caller that needs only the supporter's id: what was written
     * is not read back.
     */
    public String upsertIdByEmail(String organizationId, SupporterFields fields) {
        return db.tx(h -> upsert(h, organizationId, fields).id());
    }

    /** The supporter an upsert matched or made: as it stands when nothing was written, else only its id. */
    private record Upserted(String id, Supporter unchanged) {}

    private Upserted upsert(Handle h, String organizationId, SupporterFields fields) {
        String email = fields.email().or(null);
        if (email == null || email.isBlank()) throw ApiException.validation("email", "is required to match a supporter");
        String matched = email.strip();
        SupporterFields changes = fields.keepingEmail(); // the key, not a change: its stored spelling stays
        SupporterValues values = fields.applyTo(SupporterValues.initial(today())).normalized();
        if (values.customId() == null) {
            // The usual case, a new supporter, in one statement. The insert goes first: its conflict check
            // walks the email index by construction, where a lookup by email is planned, and a plan cached
            // while the table was small walked another index of the organization's supporters, all of them.
            String id = ids.next("sup");
            if (SupporterStore.insert(h, id, organizationId, values, district(values), clock.instant())) {
                return new Upserted(id, null);
            }
        } else {
            Optional<SupporterStore.Owned> existing = SupporterStore.lockByEmail(h, organizationId, matched);
            if (existing.isPresent()) return changed(h, existing.get(), changes);
            Optional<String> inserted = insert(h, organizationId, fields);
            if (inserted.isPresent()) return new Upserted(inserted.get(), null);
        }
        // The email is taken, perhaps by another request just now: that supporter, changed.
        return changed(h, SupporterStore.lockByEmail(h, organizationId, matched).orElseThrow(), changes);
    }

    private Upserted changed(Handle h, SupporterStore.Owned current, SupporterFields fields) {
        Supporter was = current.supporter();
        return change(h, current, fields) ? new Upserted(was.id(), null) : new Upserted(was.id(), was);
    }

    /** The supporter after the change, read back only when something was written. */
    private Supporter current(Handle h, SupporterStore.Owned current, SupporterFields fields) {
        return change(h, current, fields) ? read(h, current.supporter().id()) : current.supporter();
    }

    private static Supporter read(Handle h, String id) {
        return SupporterStore.get(h, id).orElseThrow().supporter();
    }

    /** The new supporter's id, or empty when the organization already has one with its email. */
    private Optional<String> insert(Handle h, String organizationId, SupporterFields fields) {
        SupporterValues values = fields.applyTo(SupporterValues.initial(today())).normalized();
        if (values.customId() != null) {
            SupporterStore.byCustomId(h, organizationId, values.customId())
                    .ifPresent(o -> { throw taken("customId", o.supporter().id()); });
        }
        String id = ids.next("sup");
        boolean inserted;
        try {
            inserted = SupporterStore.insert(h, id, organizationId, values, district(values), clock.instant());
        } catch (RuntimeException e) {
            throw Sql.isUniqueViolation(e, "supporters_custom_id") ? taken("customId", null) : e;
        }
        return inserted ? Optional.of(id) : Optional.empty();
    }

    /**
     * Applies the fields to a locked supporter; writes only when something (the district included)
     * changes, and says whether it wrote.
     */
    private boolean change(Handle h, SupporterStore.Owned current, SupporterFields fields) {
        Supporter was = current.supporter();
        SupporterValues values = fields.applyTo(was.values()).normalized();
        String district = district(values);
        if (values.equals(was.values()) && Objects.equals(district, was.congressDistrict())) return false;
        String org = current.organizationId();
        if (values.email() != null && !values.email().equalsIgnoreCase(Objects.requireNonNullElse(was.email(), ""))) {
            SupporterStore.byEmail(h, org, values.email()).ifPresent(o -> { throw taken("email", o.supporter().id()); });
        }
        if (values.customId() != null && !values.customId().equals(was.customId())) {
            SupporterStore.byCustomId(h, org, values.customId())
                    .ifPresent(o -> { throw taken("customId", o.supporter().id()); });
        }
        boolean contacts = !values.addresses().equals(was.addresses()) || !values.phones().equals(was.phones());
        Instant now = clock.instant();
        try {
            SupporterStore.update(h, was.id(), values, district, contacts, now);
        } catch (RuntimeException e) {
            if (Sql.isUniqueViolation(e, "supporters_email")) throw taken("email", null);
            if (Sql.isUniqueViolation(e, "supporters_custom_id")) throw taken("customId", null);
            throw e;
        }
        return true;
    }

    private String district(SupporterValues values) {
        String zipcode = values.primaryZipcode();
        return zipcode == null ? null : districtOfZip.apply(zipcode).orElse(null);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A 400 naming the field; the supporter it belongs to, when known, so the client can update that one. */
    private static ApiException taken(String field, String supporterId) {
        return ApiException.validation(field, "already belongs to "
                + (supporterId == null ? "another supporter" : "supporter " + supporterId) + " of this account");
    }

    private static ApiException notFound(String what) {
        return ApiException.notFound("Supporter " + what);
    }
}
