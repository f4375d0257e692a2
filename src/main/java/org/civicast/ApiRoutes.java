package org.civicast;

import org.civicast.keys.ApiKeyRoutes;
import org.civicast.links.TrackingDomainRoutes;
import org.civicast.numbers.PhoneNumberRoutes;
import org.civicast.orgs.OrganizationRoutes;
import org.civicast.registry.BrandRoutes;
import org.civicast.registry.CampaignRoutes;
import org.civicast.registry.TollFreeVerificationRoutes;
import org.civicast.platform.http.Api;

/** The whole /v1 API, feature by feature, in one place. Each feature's file shows its routes and scopes. */
final class ApiRoutes {
    static Api all(Features s) {
        Api api = new Api();
        OrganizationRoutes.register(api, s.organizations(), s.hierarchy());
        BrandRoutes.register(api, s.brands());
        CampaignRoutes.register(api, s.campaigns());
        TrackingDomainRoutes.register(api, s.trackingDomains());
        PhoneNumberRoutes.register(api, s.phoneNumbers());
        TollFreeVerificationRoutes.register(api, s.tollFreeVerifications());
        ApiKeyRoutes.register(api, s.keys());
        return api;
    }

    private ApiRoutes() {}
}
