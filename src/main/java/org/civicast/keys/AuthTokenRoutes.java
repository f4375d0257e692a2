package org.civicast.keys;

import static org.civicast.platform.auth.Scope.ADMIN;

import org.civicast.platform.http.Api;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.http.Schema;

/** Auth Tokens of the advocacy API, managed with an admin API key: list, issue (shown once), revoke. */
public final class AuthTokenRoutes {
    private static final Schema CREATE = Schema.object()
            .required("name", Field.string(1, 100))
            .optional("organization_id", Field.id().describe("The account (organization) the token signs in as; "
                    + "defaults to the caller's"));

    public static void register(Api api, AuthTokenService tokens) {
        api.get("/v1/auth-tokens", ADMIN).tag("Auth tokens").extension()
                .operation("listAuthTokens", "Advocacy API Auth Tokens issued in this key's subtree, with usage")
                .returnsListOf(AuthToken.class)
                .query("organization_id", Field.id())
                .query("include_revoked", Field.bool())
                .handle(req -> Reply.ok(tokens.list(req.principal(), req.query("organization_id"),
                        "true".equals(req.query("include_revoked")))));
        api.post("/v1/auth-tokens", ADMIN).tag("Auth tokens").extension().status(201)
                .operation("createAuthToken", "Issue an Auth Token; the response is the only time it is shown")
                .returns(AuthToken.Created.class)
                .body(CREATE)
                .handle(req -> {
                    AuthToken.Created created = tokens.create(req.principal(), req.body().string("organization_id"),
                            req.body().string("name"));
                    return Reply.created(created).rememberedAs(new AuthToken.Created(created.token(), null));
                });
        api.delete("/v1/auth-tokens/{id}", ADMIN).tag("Auth tokens").extension()
                .operation("revokeAuthToken", "Revoke an Auth Token; it stops working at once on every server")
                .returns(AuthToken.class)
                .handle(req -> Reply.ok(tokens.revoke(req.principal(), req.path("id"))));
    }

    private AuthTokenRoutes() {}
}
