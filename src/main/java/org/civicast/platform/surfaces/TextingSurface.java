package org.civicast.platform.surfaces;

import org.civicast.platform.auth.Authenticator;
import org.civicast.platform.http.Api;
import org.civicast.platform.http.ApiSurface;
import org.civicast.platform.http.BodyFormat;

/** The texting API under {@code /v1}, compatible with the Political Comms v1 contract. */
public final class TextingSurface {
    public static final String PREFIX = "/v1";

    public static ApiSurface of(Api api, Authenticator keys) {
        return new ApiSurface(PREFIX, api, new ApiKeyHeader(keys), BodyFormat.JSON, new SuccessEnvelope(), false, 0,
                "Civicast texting API",
                "Texting API compatible with the Political Comms v1 contract. Operations marked "
                        + "x-civicast-extension are Civicast additions.");
    }

    private TextingSurface() {}
}
