package org.civicast.keys;

import org.civicast.orgs.Organization;
import static org.civicast.platform.auth.Scope.ADMIN;

import org.civicast.platform.http.Api;
import org.civicast.platform.http.Body;
import org.civicast.platform.http.Change;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.http.Schema;

/** Key management, for admins and the dashboard: list, create (secret shown once), revoke. */
public final class ApiKeyRoutes {
    private static final Schema CREATE = Schema.object()
            .required("name", Field.string(1, 100))
            .optional("organization_id", Field.id().describe("Organization the key is issued at; defaults to the caller's"))
            .optional("scopes", Field.stringArray(3, "read", "write", "admin").describe("Defaults to read and write"))
            .optional("rate_limit_per_hour", Field.integer(1, 10_000_000).nullable()
                    .describe("Overrides the server-wide limit for this key"));

    private static final Schema UPDATE = Schema.object()
            .optional("name", Field.string(1, 100))
            .optional("rate_limit_per_hour", Field.integer(1, 10_000_000).nullable()
                    .describe("null returns the key to the server-wide limit"));

    public static void register(Api api, ApiKeyService keys) {
        api.get("/v1/api-keys", ADMIN).tag("API keys").extension()
                .operation("listApiKeys", "API keys issued in this key's subtree, with usage")
                .returnsListOf(ApiKey.class)
                .query("organization_id", Field.id())
                .query("include_revoked", Field.bool())
                .handle(req -> Reply.ok(keys.list(req.principal(), req.query("organization_id"),
                        "true".equals(req.query("include_revoked")))));
        api.post("/v1/api-keys", ADMIN).tag("API keys").extension().status(201)
                .operation("createApiKey", "Issue a key; the response is the only time its secret is shown")
                .returns(ApiKey.Created.class)
                .body(CREATE)
                .handle(req -> {
                    Body b = req.body();
                    var scopes = b.has("scopes") && b.strings("scopes") != null
                            ? b.strings("scopes") : java.util.List.of("read", "write");
                    if (scopes.isEmpty()) {
                        throw org.civicast.platform.http.ApiException.validation("scopes", "must not be empty");
                    }
                    ApiKey.Created created = keys.create(req.principal(), b.string("organization_id"),
                            b.string("name"), scopes, b.integer("rate_limit_per_hour"));
                    // The secret is not kept, not even for an idempotent replay: a lost answer means a new key.
                    return Reply.created(created).rememberedAs(new ApiKey.Created(created.apiKey(), null));
                });
        api.patch("/v1/api-keys/{id}", ADMIN).tag("API keys").extension()
                .operation("updateApiKey", "Rename a key or change its own rate limit")
                .returns(ApiKey.class)
                .body(UPDATE)
                .handle(req -> Reply.ok(keys.update(req.principal(), req.path("id"), new ApiKeyService.KeyChanges(
                        Change.string(req.body(), "name"), Change.integer(req.body(), "rate_limit_per_hour")))));
        api.delete("/v1/api-keys/{id}", ADMIN).tag("API keys").extension()
                .operation("revokeApiKey", "Revoke a key; it stops working at once on every server")
                .returns(ApiKey.class)
                .handle(req -> Reply.ok(keys.revoke(req.principal(), req.path("id"))));
    }

    private ApiKeyRoutes() {}
}
