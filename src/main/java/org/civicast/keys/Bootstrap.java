package org.civicast.keys;

import java.util.EnumSet;
import java.util.Optional;
import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.auth.Scope;
import org.civicast.platform.db.Database;

/**
 * The first start on an empty database: a root organization and a root key with every scope.
 * Several instances may start at once on one new database; an advisory lock lets one of them do it.
 */
public final class Bootstrap {
    private final Database db;
    private final OrganizationService organizations;
    private final ApiKeyService keys;
    private final AuthTokenService tokens;

    public Bootstrap(Database db, OrganizationService organizations, ApiKeyService keys, AuthTokenService tokens) {
        this.db = db;
        this.organizations = organizations;
        this.keys = keys;
        this.tokens = tokens;
    }

    /**
     * The new root key when this call created the tree; empty when the database had one. A preset
     * Auth Token, when given, becomes the root account's token for the advocacy API.
     */
    public Optional<ApiKey.Created> ensureRoot(String presetKey, String presetAuthToken) {
        return db.tx(h -> {
            h.execute("SELECT pg_advisory_xact_lock(hashtext('civicast.bootstrap'))");
            if (!organizations.treeIsEmpty()) return Optional.empty();
            Organization root = organizations.createRoot("Root organization");
            String secret = presetKey != null ? presetKey : ApiKeyService.generateSecret();
            if (presetAuthToken != null) tokens.issue(root, "root", presetAuthToken, null);
            return Optional.of(keys.issue(root, "root", EnumSet.allOf(Scope.class), null, secret, null));
        });
    }
}
