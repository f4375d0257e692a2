package org.civicast.orgs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    public Optional<String> suspendedAlong(String organizationPath) {
        return db.read(h -> OrganizationStore.suspendedAlong(h, organizationPath));
    }

    public Organization requireReachable(Principal principal, String organizationId) {
        return db.read(h -> OrganizationStore.find(h, organizationId))
                .filter(o -> principal.reaches(o.path()))
                .orElseThrow(() -> new ApiException(ErrorCode.ORG_ACCESS_DENIED,
                        "Organization " + organizationId + " is not accessible with this API key"));
    }

    /** The organization a create request targets: the one named, or else the key's own. */
    public Organization target(Principal principal, String organizationIdOrNull) {
        return requireReachable(principal,
                organizationIdOrNull != null ? organizationIdOrNull : principal.organizationId());
    }

    public Organization create(Principal principal, String parentId, String displayName,
                               Map<String, String> contact) {
        Organization parent = target(principal, parentId);
        if (depth(parent.path()) >= MAX_DEPTH) {
            throw ApiException.validation(parentId != null ? "parent_id" : "organization",
                    "the organization tree is at most " + MAX_DEPTH + " levels deep; this parent is at the deepest level");
        }
        Instant now = clock.instant();
        String id = ids.next("org");
        Organization org = new Organization(id, displayName, parent.id(), parent.displayName(), ACTIVE,
                contact.get("contact_email"), contact.get("contact_first_name"), contact.get("contact_last_name"),
                now, now, parent.path() + id + "/");
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
                "/" + id + "/");
        db.tx(h -> {
            OrganizationStore.insert(h, org);
            return null;
        });
        return org;
    }

    public boolean treeIsEmpty() {
        return db.read(OrganizationStore::isEmpty);
    }

    public Organization update(Principal principal, String id, OrganizationChanges changes) {
        Organization current = requireReachable(principal, id);
        if (changes.status() != null && id.equals(principal.organizationId())
                && !changes.status().equals(current.status())) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "A key cannot change its own organization's status",
                    List.of(new ApiException.FieldIssue("status", "cannot be changed with a key of this organization")));
        }
        Organization updated = new Organization(current.id(),
                changes.displayName() != null ? changes.displayName() : current.displayName(),
                current.parentId(), current.parentOrgName(),
                changes.status() != null ? changes.status() : current.status(),
                changes.keep("contact_email", current.contactEmail()),
                changes.keep("contact_first_name", current.contactFirstName()),
                changes.keep("contact_last_name", current.contactLastName()),
                current.createdAt(), clock.instant(), current.path());
        db.tx(h -> {
            OrganizationStore.update(h, updated);
            return null;
        });
        return updated;
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

    /** Field changes of a PATCH; contact fields may be cleared with an explicit null. */
    public record OrganizationChanges(String displayName, String status, Map<String, Optional<String>> contact) {
        String keep(String field, String current) {
            Optional<String> change = contact.get(field);
            return change == null ? current : change.orElse(null);
        }
    }
}
