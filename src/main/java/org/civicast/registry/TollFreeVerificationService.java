package org.civicast.registry;

import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.ids.Ids;

/**
 * Toll-free verifications: a carrier's approval for toll-free numbers to send. The timestamps
 * follow the status: {@code submitted_at} is when it last left draft, {@code verified_at} when it
 * last became Verified; each is cleared when the status goes back before that point.
 */
public final class TollFreeVerificationService {
    public static final String DRAFT = "draft";
    public static final String VERIFIED = "Verified";
    public static final List<String> STATUSES = List.of(DRAFT, "In Progress", VERIFIED, "Rejected");

    /** What a new verification is before its request applies. */
    private static final TollFreeVerificationFields NEW =
            new TollFreeVerificationFields(null, DRAFT, null, null, null, null, null, null);

    private final Database db;
    private final OrganizationService organizations;
    private final Ids ids;
    private final Clock clock;
    private volatile AttachedNumbers numbers = AttachedNumbers.NONE;

    public TollFreeVerificationService(Database db, OrganizationService organizations, Ids ids, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.ids = ids;
        this.clock = clock;
        organizations.deletionGuards().add(orgId -> db.read(h -> TollFreeVerificationStore.existAt(h, orgId))
                ? Optional.of("toll-free verifications") : Optional.empty());
    }

    /** Where the numbers attached to each verification come from (the numbers feature, once wired). */
    public void numbersFrom(AttachedNumbers numbers) {
        this.numbers = numbers;
    }

    public List<TollFreeVerification> list(Principal principal, String organizationId, String status) {
        if (organizationId != null) organizations.requireReachable(principal, organizationId);
        List<TollFreeVerification> found =
                db.read(h -> TollFreeVerificationStore.list(h, principal.subtree().like(), organizationId, status));
        Map<String, List<String>> attached =
                numbers.toTollFreeVerifications(found.stream().map(TollFreeVerification::id).toList());
        return found.stream()
                .map(v -> v.withPhoneNumberCount(attached.getOrDefault(v.id(), List.of()).size()))
                .toList();
    }

    public TollFreeVerificationDetail require(Principal principal, String id) {
        return find(principal, id).orElseThrow(() -> notFound(id));
    }

    /** Records a verification; it is a draft unless the request says otherwise. */
    public TollFreeVerificationDetail create(Principal principal, String organizationId,
                                             TollFreeVerificationChanges request) {
        Organization org = organizations.target(principal, organizationId);
        String id = ids.next("tfv");
        Instant now = clock.instant();
        TollFreeVerificationFields fields = stamped(request.applyTo(NEW), null, now);
        return db.tx(h -> {
            TollFreeVerificationStore.insert(h, id, org.id(), fields, now);
            return find(principal, id).orElseThrow();
        });
    }

    /** Applies a PATCH to the verification as it stands, locked; a status sent re-derives the timestamps. */
    public TollFreeVerificationDetail update(Principal principal, String id, TollFreeVerificationChanges changes) {
        return db.tx(h -> {
            TollFreeVerificationFields current = TollFreeVerificationStore.lock(h, principal.subtree().like(), id)
                    .orElseThrow(() -> notFound(id));
            if (!changes.isEmpty()) {
                Instant now = clock.instant();
                TollFreeVerificationFields updated = changes.applyTo(current);
                if (changes.status().sent()) updated = stamped(updated, current.status(), now);
                TollFreeVerificationStore.update(h, id, updated, now);
            }
            return find(principal, id).orElseThrow();
        });
    }

    public Map<String, Object> delete(Principal principal, String id) {
        TollFreeVerificationDetail current = require(principal, id);
        return db.tx(h -> {
            if (numbers.toTollFreeVerifications(List.of(id)).containsKey(id)) {
                throw ApiException.conflict("Toll-free verification " + current.verification().id()
                        + " still covers phone numbers; detach them first", "TOLL_FREE_VERIFICATION_HAS_PHONE_NUMBERS");
            }
            TollFreeVerificationStore.delete(h, id);
            return Map.of("id", id, "deleted", true);
        });
    }

    private Optional<TollFreeVerificationDetail> find(Principal principal, String id) {
        return db.read(h -> TollFreeVerificationStore.find(h, principal.subtree().like(), id))
                .map(d -> d.withPhoneNumberIds(numbers.toTollFreeVerifications(List.of(id)).getOrDefault(id, List.of())));
    }

    /** Sets or clears submitted_at and verified_at for a change of status from {@code from} (null: new). */
    private static TollFreeVerificationFields stamped(TollFreeVerificationFields f, String from, Instant now) {
        String to = f.status();
        Instant submitted = to.equals(DRAFT) ? null : from == null || from.equals(DRAFT) ? now : f.submittedAt();
        Instant verified = !to.equals(VERIFIED) ? null : VERIFIED.equals(from) ? f.verifiedAt() : now;
        return f.withTimestamps(submitted, verified);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Toll-free verification " + id);
    }
}
