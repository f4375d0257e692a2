package org.civicast;

import org.civicast.keys.ApiKeyRoutes;
import org.civicast.keys.ApiKeyService;
import org.civicast.orgs.Hierarchy;
import org.civicast.orgs.OrganizationRoutes;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.http.Api;

/** The whole /v1 API, feature by feature, in one place. Each feature's file shows its routes and scopes. */
final class ApiRoutes {
    record Services(OrganizationService organizations, Hierarchy hierarchy, ApiKeyService keys) {}

    static Api all(Services s) {
        Api api = new Api();
        OrganizationRoutes.register(api, s.organizations(), s.hierarchy());
        ApiKeyRoutes.register(api, s.keys());
        return api;
    }

    private ApiRoutes() {}
}
