package org.civicast.keys;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.auth.Authenticator;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.auth.Scope;
import org.civicast.platform.auth.Subtree;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.ids.Ids;
import org.civicast.platform.ratelimit.Limit;
import org.civicast.platform.ratelimit.RateLimiter;

/**
 * Auth Tokens of the advocacy API: an account (an organization of the tree) presents its id and a
 * token with HTTP Basic, and reaches its own subtree. Issued and revoked with an admin API key or
 * the command line, shown once, stored hashed; they read and write, never administer.
 */
public final class AuthTokenService implements Authenticator {
    /** What a presented token must look like before it is looked up at all. */
    public static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9]{32,128}");
    private static final EnumSet<Scope> SCOPES = EnumSet.of(Scope.READ, Scope.WRITE);

    private final Database db;
    private final OrganizationService organizations;
    private final RateLimiter rateLimiter;
    private final Ids ids;
    private final Clock clock;

    public AuthTokenService(Database db, OrganizationService organizations, RateLimiter rateLimiter, Ids ids,
                            Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.rateLimiter = rateLimiter;
        this.ids = ids;
        this.clock = clock;
        organizations.deletionGuards().add(orgId -> db.read(h -> CredentialTable.AUTH_TOKENS.activeAt(h, orgId))
                ? Optional.of("active auth tokens") : Optional.empty());
    }

    /** {@code presented} is {@code accountId:token}, as HTTP Basic carries them. */
    @Override
    public Optional<Principal> authenticate(String presented) {
        int colon = presented.indexOf(':');
        if (colon < 0) return Optional.empty();
        String account = presented.substring(0, colon);
        String secret = presented.substring(colon + 1);
        if (!FORMAT.matcher(secret).matches()) return Optional.empty();
        return db.read(h -> AuthTokenStore.active(h, CredentialSecrets.hash(secret)))
                .filter(active -> active.token().accountId().equals(account))
                .map(active -> new Principal(active.token().id(), active.token().accountId(),
                        new Subtree(active.token().organizationPath()), SCOPES, null,
                        new Principal.Standing(active.suspendedAlong())));
    }

    @Override
    public void checkStanding(Principal principal) {
        organizations.suspendedAlong(principal).ifPresent(suspended -> {
            throw new ApiException(org.civicast.platform.http.ErrorCode.ORG_ACCESS_DENIED,
                    "Account " + suspended + " is suspended; its tokens and its descendants' tokens do not work",
                    Map.of("reason", "ORGANIZATION_SUSPENDED", "organization_id", suspended));
        });
    }

    public List<AuthToken> list(Principal principal, String organizationId, boolean includeRevoked) {
        if (organizationId != null) organizations.requireReachable(principal, organizationId);
        List<AuthToken> tokens =
                db.read(h -> AuthTokenStore.within(h, principal.subtree(), organizationId, includeRevoked));
        Map<String, RateLimiter.Usage> usage =
                rateLimiter.usage(Limit.PER_KEY_PER_HOUR, tokens.stream().map(AuthToken::id).toList());
        return tokens.stream().map(t -> {
            RateLimiter.Usage u = usage.get(t.id());
            return u == null ? t : t.withUsage(u.lastUsedAt(), u.requestCount());
        }).toList();
    }

    public AuthToken.Created create(Principal principal, String organizationId, String name) {
        Organization account = organizations.target(principal, organizationId);
        return issue(account, name, CredentialSecrets.generate(""), principal.keyId());
    }

    /** Issues a token with a given secret; the bootstrap of an empty database uses the operator's. */
    AuthToken.Created issue(Organization account, String name, String secret, String createdBy) {
        if (!FORMAT.matcher(secret).matches()) throw new IllegalArgumentException("malformed token");
        AuthToken token = new AuthToken(ids.next("tok"), name, account.id(), secret.substring(0, 4),
                clock.instant(), null, null, 0, account.path());
        db.tx(h -> {
            AuthTokenStore.insert(h, token, CredentialSecrets.hash(secret), createdBy);
            return null;
        });
        return new AuthToken.Created(token, secret);
    }

    public AuthToken revoke(Principal principal, String id) {
        return db.tx(h -> {
            AuthTokenStore.find(h, id).filter(t -> principal.reaches(t.organizationPath()))
                    .orElseThrow(() -> ApiException.notFound("Auth token " + id));
            AuthTokenStore.revoke(h, id, clock.instant());
            return AuthTokenStore.find(h, id).orElseThrow();
        });
    }
}
