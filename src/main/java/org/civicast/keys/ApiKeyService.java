package org.civicast.keys;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.auth.Authenticator;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.auth.Scope;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.Change;
import org.civicast.platform.http.ErrorCode;
import org.civicast.platform.ids.Ids;
import org.civicast.platform.ratelimit.Limit;
import org.civicast.platform.ratelimit.RateLimiter;

/**
 * API keys: issued at an organization, reaching it and its descendants, shown once.
 *
 * <p>Only a SHA-256 of each key is kept (see {@link CredentialSecrets}).
 */
public final class ApiKeyService implements Authenticator {
    public static final String PREFIX = "pc_live_";
    private static final Pattern FORMAT = Pattern.compile("pc_live_[A-Za-z0-9]{32,128}");

    private final Database db;
    private final OrganizationService organizations;
    private final RateLimiter rateLimiter;
    private final Ids ids;
    private final Clock clock;
    private final int defaultRateLimit;

    /** {@code defaultRateLimit} is the server-wide hourly limit of keys that carry none of their own. */
    public ApiKeyService(Database db, OrganizationService organizations, RateLimiter rateLimiter, Ids ids,
                         Clock clock, int defaultRateLimit) {
        this.defaultRateLimit = defaultRateLimit;
        this.db = db;
        this.organizations = organizations;
        this.rateLimiter = rateLimiter;
        this.ids = ids;
        this.clock = clock;
        organizations.deletionGuards().add(orgId -> db.read(h -> CredentialTable.API_KEYS.activeAt(h, orgId))
                ? Optional.of("active API keys") : Optional.empty());
    }

    @Override
    public Optional<Principal> authenticate(String presentedKey) {
        if (!FORMAT.matcher(presentedKey).matches()) return Optional.empty();
        return db.read(h -> ApiKeyStore.principalFor(h, hash(presentedKey)));
    }

    @Override
    public void checkStanding(Principal principal) {
        organizations.suspendedAlong(principal).ifPresent(suspended -> {
            throw new ApiException(ErrorCode.ORG_ACCESS_DENIED,
                    "Organization " + suspended + " is suspended; its keys and its descendants' keys do not work",
                    Map.of("reason", "ORGANIZATION_SUSPENDED", "organization_id", suspended));
        });
    }

    public List<ApiKey> list(Principal principal, String organizationId, boolean includeRevoked) {
        if (organizationId != null) organizations.requireReachable(principal, organizationId);
        List<ApiKey> keys = db.read(h -> ApiKeyStore.within(h, principal.subtree(), organizationId,
                includeRevoked));
        Map<String, RateLimiter.Usage> usage =
                rateLimiter.usage(Limit.PER_KEY_PER_HOUR, keys.stream().map(ApiKey::id).toList());
        return keys.stream().map(k -> withUsage(k, usage)).toList();
    }

    private ApiKey withUsage(ApiKey key) {
        return withUsage(key, rateLimiter.usage(Limit.PER_KEY_PER_HOUR, List.of(key.id())));
    }

    private static ApiKey withUsage(ApiKey key, Map<String, RateLimiter.Usage> usage) {
        RateLimiter.Usage u = usage.get(key.id());
        return u == null ? key : key.withUsage(u.lastUsedAt(), u.requestCount());
    }

    public ApiKey.Created create(Principal principal, String organizationId, String name, List<String> scopeNames,
                                 Integer rateLimitPerHour) {
        Set<Scope> scopes = new LinkedHashSet<>();
        for (String scopeName : scopeNames) scopes.add(Scope.fromWire(scopeName));
        for (Scope scope : scopes) {
            if (!principal.has(scope)) {
                throw new ApiException(ErrorCode.PERMISSION_DENIED,
                        "A key cannot grant the '" + scope.wireName() + "' scope it does not hold itself");
            }
        }
        requireWithinOwnLimit(principal, rateLimitPerHour);
        Organization org = organizations.target(principal, organizationId);
        return issue(org, name, scopes, rateLimitPerHour, generateSecret(), principal.keyId());
    }

    /** Issues a key with a given secret; the bootstrap of an empty database uses the operator's. */
    ApiKey.Created issue(Organization org, String name, Set<Scope> scopes, Integer rateLimitPerHour, String secret,
                         String createdBy) {
        if (!FORMAT.matcher(secret).matches()) throw new IllegalArgumentException("malformed key");
        ApiKey key = new ApiKey(ids.next("key"), name, org.id(), secret.substring(0, PREFIX.length() + 4),
                scopes.stream().map(Scope::wireName).toList(), rateLimitPerHour, clock.instant(), null, null, 0,
                org.path());
        db.tx(h -> {
            ApiKeyStore.insert(h, key, hash(secret), createdBy);
            return null;
        });
        return new ApiKey.Created(key, secret);
    }

    public ApiKey revoke(Principal principal, String id) {
        return db.tx(h -> {
            require(h, principal, id);
            ApiKeyStore.revoke(h, id, clock.instant());
            return withUsage(ApiKeyStore.find(h, id).orElseThrow());
        });
    }

    /**
     * Renames a key or changes its rate limit (null: the server-wide one). Scopes and organization
     * never change: issue a new key for that, so a key's reach is what it was made with. A limit is
     * set from above: only a key of a strict ancestor of the key's organization may change it, and
     * never beyond its own, so no key can raise its own limit or a sibling's.
     */
    public ApiKey update(Principal principal, String id, KeyChanges changes) {
        return db.tx(h -> {
            ApiKey key = reachable(principal, id, ApiKeyStore.lock(h, id));
            if (key.revokedAt() != null) throw ApiException.conflict("API key " + id + " is revoked", "KEY_REVOKED");
            if (changes.rateLimitPerHour().sent()) {
                if (key.organizationPath().equals(principal.subtree().path())) {
                    throw new ApiException(ErrorCode.PERMISSION_DENIED, "A key's rate limit can be changed only by "
                            + "a key of an ancestor organization, not by a key of its own organization",
                            Map.of("field", "rate_limit_per_hour"));
                }
                requireWithinOwnLimit(principal, changes.rateLimitPerHour().or(null));
            }
            ApiKeyStore.update(h, id, changes.name().or(key.name()),
                    changes.rateLimitPerHour().or(key.rateLimitPerHour()));
            return withUsage(ApiKeyStore.find(h, id).orElseThrow());
        });
    }

    /** A key cannot hand out more requests an hour than it has itself (null meaning the server-wide limit). */
    private void requireWithinOwnLimit(Principal principal, Integer requested) {
        int own = principal.rateLimitPerHour() != null ? principal.rateLimitPerHour() : defaultRateLimit;
        int granted = requested != null ? requested : defaultRateLimit;
        if (granted > own) {
            throw new ApiException(ErrorCode.PERMISSION_DENIED,
                    "A key cannot grant a rate limit above its own (" + own + " requests an hour)",
                    Map.of("field", "rate_limit_per_hour", "ownRateLimitPerHour", own));
        }
    }

    /** A PATCH of a key: a new name, a new limit (null: the server-wide one). */
    public record KeyChanges(Change<String> name, Change<Integer> rateLimitPerHour) {}

    private static ApiKey require(org.jdbi.v3.core.Handle h, Principal principal, String id) {
        return reachable(principal, id, ApiKeyStore.find(h, id));
    }

    private static ApiKey reachable(Principal principal, String id, Optional<ApiKey> found) {
        return found.filter(k -> principal.reaches(k.organizationPath()))
                .orElseThrow(() -> ApiException.notFound("API key " + id));
    }

    static String generateSecret() {
        return CredentialSecrets.generate(PREFIX);
    }

    static String hash(String secret) {
        return CredentialSecrets.hash(secret);
    }
}
