package org.civicast;

import org.civicast.advocacy.campaigns.AdvocacyCampaignRoutes;
import org.civicast.advocacy.campaigns.RallyCampaignRoutes;
import org.civicast.advocacy.submissions.RallySubmissionRoutes;
import org.civicast.advocacy.supporters.SupporterRoutes;
import org.civicast.contacts.ContactListRoutes;
import org.civicast.keys.ApiKeyRoutes;
import org.civicast.keys.AuthTokenRoutes;
import org.civicast.links.LinkRedirects;
import org.civicast.links.TrackingDomainRoutes;
import org.civicast.media.MediaRoutes;
import org.civicast.media.PublicMediaFiles;
import org.civicast.numbers.PhoneNumberRoutes;
import org.civicast.orgs.OrganizationRoutes;
import org.civicast.projects.ProjectRoutes;
import org.civicast.registry.BrandRoutes;
import org.civicast.registry.CampaignRoutes;
import org.civicast.registry.TollFreeVerificationRoutes;
import java.util.List;
import org.civicast.platform.http.Api;
import org.civicast.platform.http.ApiSurface;
import org.civicast.platform.http.HttpServer;
import org.civicast.platform.surfaces.AdvocacySurface;
import org.civicast.platform.surfaces.TextingSurface;

/**
 * Every API surface the server speaks, and each one's routes feature by feature, in one place.
 * Each feature's file shows its routes and the scope each needs.
 */
final class ApiRoutes {
    static List<ApiSurface> surfaces(Features features, int advocacyConcurrentRequests) {
        return List.of(TextingSurface.of(texting(features), features.keys()),
                AdvocacySurface.of(advocacy(features), features.authTokens(), advocacyConcurrentRequests));
    }

    /** The advocacy API under /v3. */
    static Api advocacy(Features s) {
        Api api = new Api();
        RallyCampaignRoutes.register(api, s.advocacyCampaigns(), s.congress());
        RallySubmissionRoutes.register(api, s.submissions());
        SupporterRoutes.register(api, s.supporters());
        return api;
    }

    /** The texting API under /v1. */
    static Api texting(Features s) {
        Api api = new Api();
        OrganizationRoutes.register(api, s.organizations(), s.hierarchy());
        BrandRoutes.register(api, s.brands());
        CampaignRoutes.register(api, s.campaigns());
        TrackingDomainRoutes.register(api, s.trackingDomains());
        MediaRoutes.register(api, s.media());
        PhoneNumberRoutes.register(api, s.phoneNumbers());
        TollFreeVerificationRoutes.register(api, s.tollFreeVerifications());
        ApiKeyRoutes.register(api, s.keys());
        AuthTokenRoutes.register(api, s.authTokens());
        AdvocacyCampaignRoutes.register(api, s.advocacyCampaigns());
        ContactListRoutes.register(api, s.contactLists());
        ProjectRoutes.register(api, s.projects());
        return api;
    }

    /** Files served outside the APIs, without credentials, to whoever holds their URL (carriers, phones). */
    static void publicFiles(Features s, HttpServer server) {
        server.publicFiles(PublicMediaFiles.PATH, new PublicMediaFiles(s.media(), s.storage()));
    }

    /** Sites on hosts of their own, answered instead of the APIs there: short links on tracking domains. */
    static void hostSites(Features s, HttpServer server) {
        server.hostSite(new LinkRedirects(s.shortLinks(), s.db(), s.clock()));
    }

    private ApiRoutes() {}
}
