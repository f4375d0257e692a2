package org.civicast.platform.surfaces;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.platform.auth.Authenticator;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.Authentication;
import org.civicast.platform.http.ErrorCode;

/** The texting API's credential: an API key in the {@code X-API-Key} header. */
public final class ApiKeyHeader implements Authentication {
    static final String HEADER = "X-API-Key";
    /** Longer than any key the server issues; a longer value is not looked up at all. */
    private static final int LONGEST = 200;

    private final Authenticator keys;

    public ApiKeyHeader(Authenticator keys) {
        this.keys = keys;
    }

    @Override
    public Optional<String> presented(Context ctx) {
        List<String> values = Collections.list(ctx.req().getHeaders(HEADER));
        if (values.size() > 1) {
            throw ApiException.validation(HEADER, "must be sent once; this request carries " + values.size());
        }
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).findFirst();
    }

    @Override
    public Optional<Principal> identify(String credential) {
        return credential.length() > LONGEST ? Optional.empty() : keys.authenticate(credential);
    }

    @Override
    public void checkStanding(Principal principal) {
        keys.checkStanding(principal);
    }

    @Override
    public ApiException missing() {
        return new ApiException(ErrorCode.INVALID_API_KEY, "Missing API key: send it in the X-API-Key header");
    }

    @Override
    public ApiException unknown() {
        return new ApiException(ErrorCode.INVALID_API_KEY, "Invalid or revoked API key");
    }

    @Override
    public String schemeName() {
        return "ApiKey";
    }

    @Override
    public Map<String, Object> scheme() {
        return Map.of("type", "apiKey", "in", "header", "name", HEADER);
    }
}
