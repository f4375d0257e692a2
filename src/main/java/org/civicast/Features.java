package org.civicast;

import java.time.Clock;
import java.time.Duration;
import org.civicast.advocacy.supporters.SupporterService;
import org.civicast.keys.ApiKeyService;
import org.civicast.keys.AuthTokenService;
import org.civicast.links.TrackingDomainService;
import org.civicast.numbers.PhoneNumberService;
import org.civicast.orgs.OrganizationService;
import org.civicast.registry.BrandService;
import org.civicast.registry.CampaignService;
import org.civicast.registry.Hierarchy;
import org.civicast.registry.TollFreeVerificationService;
import org.civicast.platform.db.Database;
import org.civicast.platform.ids.Ids;
import org.civicast.platform.ratelimit.RateLimiter;
import org.civicast.platform.secrets.SecretBox;

/**
 * Every feature's service, built once over one database: the composition root that the server and
 * the operator's command line share. Dependencies point one way (numbers → registry → orgs, every
 * feature → platform); a feature that must hear from a later one (a deletion guard, the numbers of
 * a toll-free verification) is told by that later feature's constructor.
 */
record Features(Database db, Clock clock, Ids ids, RateLimiter rateLimiter,
                OrganizationService organizations, ApiKeyService keys, AuthTokenService authTokens,
                BrandService brands, CampaignService campaigns, TollFreeVerificationService tollFreeVerifications,
                Hierarchy hierarchy, PhoneNumberService phoneNumbers, TrackingDomainService trackingDomains,
                SupporterService supporters) {

    static Features wire(Database db, Clock systemClock, int defaultRateLimit, SecretBox secrets) {
        // PostgreSQL keeps microseconds: a time shown at creation must equal the one read back later.
        Clock clock = Clock.tick(systemClock, Duration.ofNanos(1_000));
        Ids ids = new Ids(clock);
        RateLimiter rateLimiter = new RateLimiter(db, clock);
        OrganizationService organizations = new OrganizationService(db, ids, clock);
        ApiKeyService keys = new ApiKeyService(db, organizations, rateLimiter, ids, clock, defaultRateLimit);
        AuthTokenService authTokens = new AuthTokenService(db, organizations, rateLimiter, ids, clock);
        BrandService brands = new BrandService(db, organizations, ids, clock, secrets);
        CampaignService campaigns = new CampaignService(db, organizations, ids, clock, brands);
        TollFreeVerificationService tollFree = new TollFreeVerificationService(db, organizations, ids, clock);
        Hierarchy hierarchy = new Hierarchy(db, organizations);
        PhoneNumberService phoneNumbers = new PhoneNumberService(db, organizations, ids, clock, campaigns, tollFree);
        TrackingDomainService trackingDomains = new TrackingDomainService(db, organizations, ids, clock);
        // No ZIP code has a district until the congress feature supplies the lookup.
        SupporterService supporters = new SupporterService(db, organizations, ids, clock, zip -> java.util.Optional.empty());
        return new Features(db, clock, ids, rateLimiter, organizations, keys, authTokens, brands, campaigns, tollFree, hierarchy,
                phoneNumbers, trackingDomains, supporters);
    }
}
