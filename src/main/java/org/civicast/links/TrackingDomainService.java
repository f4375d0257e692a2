package org.civicast.links;

import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Database;
import org.civicast.platform.db.Sql;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.ids.Ids;

/**
 * Link-tracking domains. An organization lists its own active domains and, as "inherited", the
 * active domains its ancestors share with descendants. {@code verified_at} is when the domain
 * last became active, and is cleared when it stops being active.
 */
public final class TrackingDomainService {
    public static final List<String> STATUSES = List.of("pending", TrackingDomainStore.ACTIVE, "failed");
    /**
     * A DNS hostname of 4 to 253 characters and two or more labels whose last label is not numeric;
     * no scheme, port or dot at the end; either case (stored lowercase). Spelled without inline
     * flags or anchors so that the OpenAPI document can carry it as ECMA-262 with the same meaning.
     */
    public static final String DOMAIN_PATTERN = "(?=[A-Za-z0-9.-]{4})(?![A-Za-z0-9.-]{254})"
            + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
            + "(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

    private final Database db;
    private final OrganizationService organizations;
    private final Ids ids;
    private final Clock clock;

    public TrackingDomainService(Database db, OrganizationService organizations, Ids ids, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.ids = ids;
        this.clock = clock;
        organizations.deletionGuards().add(orgId -> db.read(h -> TrackingDomainStore.existAt(h, orgId))
                ? Optional.of("tracking domains") : Optional.empty());
    }

    /**
     * Without an organization: the active domains owned in the key's subtree, plus those shared by
     * the key's own ancestors. With one: its own active domains, plus those shared by its strict
     * ancestors (inside or outside the key's subtree). Everything ordered by id.
     */
    public List<Object> list(Principal principal, String organizationId) {
        String viewPath = organizationId == null ? principal.subtree().path()
                : organizations.requireReachable(principal, organizationId).path();
        List<String> ancestors = strictAncestors(viewPath);
        return db.read(h -> {
            List<Object> rows = new ArrayList<>(TrackingDomainStore.active(h, principal.subtree().like(),
                    organizationId));
            TrackingDomainStore.sharedBy(h, ancestors).forEach(d -> rows.add(d.inherited()));
            rows.sort(Comparator.comparing(TrackingDomainService::id));
            return rows;
        });
    }

    public TrackingDomain require(Principal principal, String id) {
        return db.read(h -> TrackingDomainStore.find(h, principal.subtree().like(), id))
                .orElseThrow(() -> notFound(id));
    }

    /**
     * The domain name of a tracking domain the organization (at this tree path) may send links
     * under: active, and its own or shared with descendants by one of its ancestors. Empty
     * otherwise, as for no such id.
     */
    public Optional<String> usableBy(String organizationId, String organizationPath, String domainId) {
        return db.read(h -> TrackingDomainStore.find(h, "%", domainId))
                .filter(d -> d.status().equals(TrackingDomainStore.ACTIVE))
                .filter(d -> d.orgId().equals(organizationId)
                        || d.sharedWithDescendants() && strictAncestors(organizationPath).contains(d.orgId()))
                .map(TrackingDomain::domain);
    }

    /** Registers a domain, stored lowercase; it is pending and not shared unless the request says otherwise. */
    public TrackingDomain create(Principal principal, String organizationId, String domain,
                                 TrackingDomainChanges request) {
        Organization org = organizations.target(principal, organizationId);
        String name = domain.toLowerCase(Locale.ROOT);
        String id = ids.next("td");
        Instant now = clock.instant();
        TrackingDomainFields fields = verified(request.applyTo(new TrackingDomainFields(name, "pending", false,
                null, null)), null, now);
        return db.tx(h -> {
            try {
                TrackingDomainStore.insert(h, id, org.id(), fields, now);
            } catch (RuntimeException e) {
                throw Sql.isUniqueViolation(e, "tracking_domains_domain_key") ? duplicate(name) : e;
            }
            return TrackingDomainStore.find(h, principal.subtree().like(), id).orElseThrow();
        });
    }

    /** Changes shared_with_descendants, status and notes, on the locked row. */
    public TrackingDomain update(Principal principal, String id, TrackingDomainChanges changes) {
        String like = principal.subtree().like();
        return db.tx(h -> {
            TrackingDomainFields current = TrackingDomainStore.lock(h, like, id).orElseThrow(() -> notFound(id));
            if (!changes.isEmpty()) {
                Instant now = clock.instant();
                TrackingDomainStore.update(h, id, verified(changes.applyTo(current), current.status(), now), now);
            }
            return TrackingDomainStore.find(h, like, id).orElseThrow();
        });
    }

    public Map<String, Object> delete(Principal principal, String id) {
        require(principal, id);
        return db.tx(h -> {
            TrackingDomainStore.delete(h, id);
            return Map.of("id", id, "deleted", true);
        });
    }

    /** The ids of every ancestor on a tree path ('/root/…/self/'), root first, without the organization itself. */
    static List<String> strictAncestors(String path) {
        List<String> ids = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        return ids.isEmpty() ? List.of() : ids.subList(0, ids.size() - 1);
    }

    private static String id(Object row) {
        return switch (row) {
            case TrackingDomain d -> d.id();
            case TrackingDomainInherited d -> d.id();
            default -> throw new IllegalArgumentException(String.valueOf(row));
        };
    }

    /** verified_at is when the domain last became active: set on becoming active, cleared on leaving it. */
    private static TrackingDomainFields verified(TrackingDomainFields f, String fromStatus, Instant now) {
        if (f.status().equals(fromStatus)) return f;
        return f.withVerifiedAt(f.status().equals(TrackingDomainStore.ACTIVE) ? now : null);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Tracking domain " + id);
    }

    private static ApiException duplicate(String domain) {
        return ApiException.conflict("Tracking domain " + domain + " is already registered", "DOMAIN_EXISTS");
    }
}
