package org.civicast;

import org.civicast.keys.ApiKeyRoutes;
import org.civicast.keys.ApiKeyService;
import org.civicast.orgs.BrandRoutes;
import org.civicast.orgs.BrandService;
import org.civicast.orgs.CampaignRoutes;
import org.civicast.orgs.CampaignService;
import org.civicast.orgs.Hierarchy;
import org.civicast.orgs.OrganizationRoutes;
import org.civicast.orgs.OrganizationService;
import org.civicast.orgs.PhoneNumberRoutes;
import org.civicast.orgs.PhoneNumberService;
import org.civicast.orgs.TollFreeVerificationRoutes;
import org.civicast.orgs.TollFreeVerificationService;
import org.civicast.orgs.TrackingDomainRoutes;
import org.civicast.orgs.TrackingDomainService;
import org.civicast.platform.http.Api;

/** The whole /v1 API, feature by feature, in one place. Each feature's file shows its routes and scopes. */
final class ApiRoutes {
    record Services(OrganizationService organizations, Hierarchy hierarchy, ApiKeyService keys,
                    BrandService brands, CampaignService campaigns, PhoneNumberService phoneNumbers,
                    TrackingDomainService trackingDomains, TollFreeVerificationService tollFreeVerifications) {}

    static Api all(Services s) {
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
