package org.civicast.orgs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.time.QuietHours;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.auth.Subtree;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.DeletionGuards;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;
import org.civicast.platform.ids.Ids;

/**
 * The organization tree. Every other feature asks this service whether a key reaches an
 * organization; the answer is {@code ORG_ACCESS_DENIED} for anything outside the key's subtree,
 * whether or not it exists, so ids of other tenants cannot be probed.
 */
public final class OrganizationService {
    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
    /**
     * Levels of the tree, the root's included. Deep enough for national → state → region → county →
     * precinct → team many times over, and far inside what the index on an organization's tree path
     * can hold (each level adds about 31 bytes to it).
     */
    public static final int MAX_DEPTH = 32;

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final DeletionGuards deletionGuards = new DeletionGuards();

    public OrganizationService(Database db, Ids ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Where other features veto deleting an organization that still holds their things (API keys,
     * brands, phone numbers, …); each guard names what remains.
     */
    public DeletionGuards deletionGuards() {
        return deletionGuards;
    }

    public List<Organization> list(Principal principal) {
        return within(principal.subtree());
    }

    /** Every organization of a subtree, in tree order. */
    public List<Organization> within(Subtree subtree) {
        return db.read(h -> OrganizationStore.subtree(h, subtree));
    }

    /**
     * The suspended organization, if any, among a key's organization and its ancestors: a
     * suspended organization's keys, and its descendants' keys, stop working until an ancestor's
     * key makes it active again.
     */
    /**
     * SQL for the id of a suspended organization on the path that {@code pathExpression} gives (the
     * organization or one of its ancestors), or NULL: for a credential's lookup to read its standing.
     */
    public static String suspendedAlongSql(String pathExpression) {
        return "(SELECT id FROM organizations WHERE status = 'suspended' AND starts_with(" + pathExpression
                + ", path) LIMIT 1)";
    }

    /** The principal's standing as read with its credential when it was, else as read now. */
    public Optional<String> suspendedAlong(Principal principal) {
        return principal.standing() != null ? Optional.ofNullable(principal.standing().suspendedOrganization())
                : suspendedAlong(principal.subtree().path());
    }

    public Optional<String> suspendedAlong(String organizationPath) {
        return db.read(h -> OrganizationStore.suspendedAlong(h, organizationPath));
    }

    public Organization requireReachable(Principal principal, String organizationId) {
        return reachable(principal, organizationId, db.read(h -> OrganizationStore.find(h, organizationId)));
    }

    /** The organization a create request targets: the one named, or else the key's own. */
    public Organization target(Principal principal, String organizationIdOrNull) {
        return requireReachable(principal,
                organizationIdOrNull != null ? organizationIdOrNull : principal.organizationId());
    }

    /** Creates a child of the named organization (or the key's own); it starts active. */
    public Organization create(Principal principal, String parentId, OrganizationChanges request) {
        checkQuietHours(request);
        Organization parent = target(principal, parentId);
        if (depth(parent.path()) >= MAX_DEPTH) {
            throw ApiException.validation(parentId != null ? "parent_id" : "organization",
                    "the organization tree is at most " + MAX_DEPTH + " levels deep; this parent is at the deepest level");
        }
        Instant now = clock.instant();
        String id = ids.next("org");
        Organization org = request.applyTo(new Organization(id, null, parent.id(), parent.displayName(), ACTIVE,
                null, null, null, now, now, null, parent.path() + id + "/"), now);
        db.tx(h -> {
            OrganizationStore.insert(h, org);
            return null;
        });
        return org;
    }

    /** The level of an organization with this tree path: 1 for the root. */
    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count() - 1;
    }

    /** Creates the root of the tree; only the bootstrap of an empty database calls this. */
    public Organization createRoot(String displayName) {
        Instant now = clock.instant();
        String id = ids.next("org");
        Organization org = new Organization(id, displayName, null, null, ACTIVE, null, null, null, now, now,
                null, "/" + id + "/");
        db.tx(h -> {
            OrganizationStore.insert(h, org);
            return null;
        });
        return org;
    }

    public boolean treeIsEmpty() {
        return db.read(OrganizationStore::isEmpty);
    }

    /** Applies a PATCH to the organization as it stands, locked, so concurrent changes all take effect. */
    public Organization update(Principal principal, String id, OrganizationChanges changes) {
        checkQuietHours(changes);
        return db.tx(h -> {
            Organization current = reachable(principal, id, OrganizationStore.lock(h, id));
            String status = changes.status().or(current.status());
            if (id.equals(principal.organizationId()) && !status.equals(current.status())) {
                throw new ApiException(ErrorCode.VALIDATION_ERROR, "A key cannot change its own organization's status",
                        List.of(new ApiException.FieldIssue("status",
                                "cannot be changed with a key of this organization")));
            }
            Organization updated = changes.applyTo(current, clock.instant());
            OrganizationStore.update(h, updated);
            return updated;
        });
    }

    private static void checkQuietHours(OrganizationChanges changes) {
        String hours = changes.quietHours().or(null);
        if (hours == null) return;
        try {
            QuietHours.parse(hours);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("quiet_hours", e.getMessage());
        }
    }

    /**
     * The hours an organization's recipients may be texted: its own setting, else its nearest
     * ancestor's, else empty (the server's default applies).
     */
    public Optional<String> quietHours(String organizationId) {
        return db.read(h -> OrganizationStore.find(h, organizationId)
                .flatMap(o -> OrganizationStore.quietHoursAlong(h, o.path())));
    }

    public Organization delete(Principal principal, String id) {
        Organization org = requireReachable(principal, id);
        if (id.equals(principal.organizationId())) {
            throw ApiException.conflict("A key cannot delete its own organization", "OWN_ORGANIZATION");
        }
        return db.tx(h -> {
            List<String> blockers = new ArrayList<>();
            if (OrganizationStore.hasChildren(h, id)) blockers.add("child organizations");
            blockers.addAll(deletionGuards.remaining(id));
            if (!blockers.isEmpty()) {
                throw new ApiException(ErrorCode.CONFLICT,
                        "Organization still has " + String.join(", ", blockers) + "; remove them first",
                        Map.of("reason", "ORGANIZATION_NOT_EMPTY", "remaining", blockers));
            }
            OrganizationStore.delete(h, id);
            return org;
        });
    }

    private static Organization reachable(Principal principal, String id, Optional<Organization> found) {
        return found.filter(o -> principal.reaches(o.path()))
                .orElseThrow(() -> new ApiException(ErrorCode.ORG_ACCESS_DENIED,
                        "Organization " + id + " is not accessible with this API key"));
    }
}
