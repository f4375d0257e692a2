package org.civicast.platform.surfaces;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.auth.Authenticator;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.Authentication;
import org.civicast.platform.http.ErrorCode;

/**
 * The advocacy API's credential: HTTP Basic with the Account ID as user and the Auth Token as
 * password (clients that put them in the URL send this same header). A request without it is
 * challenged, so browsers and curl ask for it.
 */
public final class AccountBasicAuth implements Authentication {
    /** Longer than any account id and token together; a longer value is not looked up at all. */
    private static final int LONGEST = 300;

    private final Authenticator tokens;

    public AccountBasicAuth(Authenticator tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<String> presented(Context ctx) {
        List<String> values = Collections.list(ctx.req().getHeaders("Authorization"));
        if (values.size() > 1) {
            throw ApiException.validation("Authorization", "must be sent once; this request carries " + values.size());
        }
        if (values.isEmpty() || values.getFirst().isBlank()) return Optional.empty();
        String header = values.getFirst().trim();
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) return Optional.of("");
        try {
            return Optional.of(new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.of(""); // not Base64: a credential that names no one
        }
    }

    @Override
    public Optional<Principal> identify(String credential) {
        if (credential.isEmpty() || credential.length() > LONGEST) return Optional.empty();
        return tokens.authenticate(credential);
    }

    @Override
    public void checkStanding(Principal principal) {
        tokens.checkStanding(principal);
    }

    @Override
    public ApiException missing() {
        return new ApiException(ErrorCode.INVALID_API_KEY,
                "Authentication required: HTTP Basic with your Account ID as user and your Auth Token as password");
    }

    @Override
    public ApiException unknown() {
        return new ApiException(ErrorCode.INVALID_API_KEY, "Invalid Account ID or Auth Token");
    }

    @Override
    public Map<String, String> challenge() {
        return Map.of("WWW-Authenticate", "Basic realm=\"Civicast\", charset=\"UTF-8\"");
    }

    @Override
    public String schemeName() {
        return "AccountToken";
    }

    @Override
    public Map<String, Object> scheme() {
        return Map.of("type", "http", "scheme", "basic",
                "description", "Account ID as the user name, Auth Token as the password");
    }
}
