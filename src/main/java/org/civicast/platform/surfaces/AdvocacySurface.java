package org.civicast.platform.surfaces;

import org.civicast.platform.auth.Authenticator;
import org.civicast.platform.http.Api;
import org.civicast.platform.http.ApiSurface;
import org.civicast.platform.http.BodyFormat;

/**
 * The advocacy API under {@code /v3}, compatible with the Rally Congress API 3.02: HTTP Basic with
 * an Account ID and Auth Token, form-encoded requests, JSON answers, conditional GETs, and a limit
 * on the requests one account has running at once.
 */
public final class AdvocacySurface {
    public static final String PREFIX = "/v3";

    public static ApiSurface of(Api api, Authenticator tokens, int concurrentRequests) {
        return new ApiSurface(PREFIX, api, new AccountBasicAuth(tokens), BodyFormat.FORM, new RallyResponses(),
                true, concurrentRequests, "Civicast advocacy API",
                "Advocacy API compatible with the Rally Congress API 3.02: campaigns, their actions and targets, "
                        + "supporters, and letters delivered to members of Congress.");
    }

    private AdvocacySurface() {}
}
