package org.civicast;

import java.time.Clock;
import java.time.Duration;
import org.civicast.advocacy.campaigns.AdvocacyCampaignService;
import org.civicast.advocacy.delivery.ChannelChooser;
import org.civicast.advocacy.delivery.DeliveryJob;
import org.civicast.advocacy.delivery.LetterDeliveryJob;
import org.civicast.advocacy.submissions.Channels;
import org.civicast.advocacy.submissions.SubmissionDeliveries;
import org.civicast.advocacy.submissions.SubmissionService;
import java.util.Optional;
import org.civicast.congress.CongressService;
import org.civicast.contacts.ContactListService;
import org.civicast.contacts.ContactLists;
import org.civicast.congress.ZipLookup;
import org.civicast.congress.geocoding.Geocoder;
import org.civicast.platform.jobs.Jobs;
import org.civicast.advocacy.supporters.SupporterService;
import org.civicast.billing.UsageLedger;
import org.civicast.lookup.LineTypeLookup;
import org.civicast.lookup.PrefixTable;
import org.civicast.lookup.providers.LrnProviders;
import org.civicast.keys.ApiKeyService;
import org.civicast.keys.AuthTokenService;
import org.civicast.links.ShortLinks;
import org.civicast.links.TrackingDomainService;
import org.civicast.media.MediaImportJob;
import org.civicast.media.MediaPurgeJob;
import org.civicast.media.MediaService;
import org.civicast.numbers.PhoneNumberService;
import org.civicast.orgs.OrganizationService;
import org.civicast.projects.ProjectService;
import org.civicast.registry.BrandService;
import org.civicast.registry.CampaignService;
import org.civicast.registry.Hierarchy;
import org.civicast.registry.TollFreeVerificationService;
import org.civicast.platform.config.Config;
import org.civicast.platform.db.Database;
import org.civicast.platform.ids.Ids;
import org.civicast.platform.ratelimit.RateLimiter;
import org.civicast.platform.config.GatewaySettings;
import org.civicast.platform.time.QuietHours;
import org.civicast.platform.events.Events;
import org.civicast.sending.Sending;
import org.civicast.sending.SendingService;
import org.civicast.sending.gateway.SmsGateway;
import org.civicast.sending.gateway.simulator.CarrierSimulator;
import org.civicast.sending.gateway.simulator.SimulatorSettings;
import org.civicast.platform.secrets.SecretBox;
import org.civicast.platform.storage.ObjectStorage;

/**
 * Every feature's service, built once over one database: the composition root that the server and
 * the operator's command line share. Dependencies point one way (numbers → registry → orgs,
 * projects → contacts, media, numbers, links, registry; every feature → platform); a feature that
 * must hear from a later one (a deletion guard, the numbers of a toll-free verification, the
 * projects using a list) is told by that later feature's constructor.
 */
record Features(Database db, Clock clock, Ids ids, RateLimiter rateLimiter,
                OrganizationService organizations, ApiKeyService keys, AuthTokenService authTokens,
                BrandService brands, CampaignService campaigns, TollFreeVerificationService tollFreeVerifications,
                Hierarchy hierarchy, PhoneNumberService phoneNumbers, TrackingDomainService trackingDomains,
                CongressService congress, AdvocacyCampaignService advocacyCampaigns, Jobs jobs,
                SubmissionService submissions,
                SupporterService supporters, ContactListService contactLists,
                UsageLedger usage, LineTypeLookup lineTypes,
                ObjectStorage storage, MediaService media, Events events, ShortLinks shortLinks,
                ProjectService projects, SendingService sending, SmsGateway gateway) {

    static Features wire(Database db, Clock systemClock, Config config, SecretBox secrets) {
        int defaultRateLimit = config.rateLimitPerHour();
        // PostgreSQL keeps microseconds: a time shown at creation must equal the one read back later.
        Clock clock = Clock.tick(systemClock, Duration.ofNanos(1_000));
        Ids ids = new Ids(clock);
        Events events = new Events(db, clock);
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
        ShortLinks shortLinks = new ShortLinks(db, events, clock);
        CongressService congress =
                new CongressService(db, clock, Duration.ofSeconds(config.congressRefreshSeconds()));
        AdvocacyCampaignService advocacyCampaigns = new AdvocacyCampaignService(db, organizations, congress, ids, clock);
        SupporterService supporters = new SupporterService(db, organizations, ids, clock, zip -> {
            ZipLookup place = congress.lookup(zip);
            return place.unambiguous() ? Optional.of(place.districts().getFirst().code()) : Optional.empty();
        });
        // Background work: registered here, started only by a serving instance (Civicast.start).
        Jobs jobs = new Jobs(db, clock, config.jobs());
        ChannelChooser channels = Channels.configured(config.delivery(), clock);
        SubmissionDeliveries deliveries = new SubmissionDeliveries(db, advocacyCampaigns, clock);
        jobs.registerRecording(LetterDeliveryJob.KIND,
                new LetterDeliveryJob(deliveries, channels, jobs, config.jobs().backoffBase(), clock));
        jobs.registerRecording(DeliveryJob.KIND, new DeliveryJob(deliveries, channels));
        SubmissionService submissions = new SubmissionService(db, advocacyCampaigns, congress, channels, jobs, ids, clock,
                config.delivery().repeatWindow(), Geocoder.configured(config.geocoder(), config.geocoderUrl()),
                supporters);
        UsageLedger usage = new UsageLedger(db, organizations, clock);
        LineTypeLookup lineTypes = new LineTypeLookup(db,
                LrnProviders.configured(config.lookup(), new PrefixTable(db, clock), clock), usage, clock,
                config.lookup().cacheFor());
        ContactListService contactLists = ContactLists.wire(db, config, clock, ids, organizations, brands, jobs,
                new LineTypeAdapter(lineTypes, clock));
        ObjectStorage storage = ObjectStorage.configured(config.storage());
        MediaService media = new MediaService(db, organizations, brands, jobs, ids, clock, config.publicBaseUrl());
        jobs.register(MediaImportJob.KIND, new MediaImportJob(db, clock, config.outbound().policy(), config.media(), storage));
        jobs.register(MediaPurgeJob.KIND, new MediaPurgeJob(storage));
        // Registers itself as the user of lists and media files, and guards organizations and campaigns.
        ProjectService projects = new ProjectService(db, clock, ids, organizations, brands, campaigns, tollFree,
                phoneNumbers, contactLists, media, trackingDomains, config.pricing());
        GatewaySettings g = config.gateway();
        SmsGateway gateway = new CarrierSimulator(new SimulatorSettings(config.dataDir().resolve("carrier-simulator"),
                g.simulatorLatency(), g.simulatorMessagesPerSecond(), g.simulatorReceiptDelay(),
                g.simulatorUndeliverablePercent(), g.simulatorErrorCodes()), clock);
        ProjectBroadcasts broadcasts = new ProjectBroadcasts(projects, organizations,
                QuietHours.parse(config.sending().quietHours()));
        SendingService sending = Sending.wire(db, clock, jobs, gateway, events, usage, shortLinks, broadcasts,
                config.sending());
        campaigns.countUsageWith(brandId -> sending.usedToday(brandId, clock.instant()));
        projects.sendWith(new SendingForProjects(sending, broadcasts, projects.lifecycle(), shortLinks, clock));
        return new Features(db, clock, ids, rateLimiter, organizations, keys, authTokens, brands, campaigns, tollFree, hierarchy,
                phoneNumbers, trackingDomains, congress, advocacyCampaigns, jobs, submissions, supporters, contactLists,
                usage, lineTypes, storage, media, events, shortLinks, projects, sending, gateway);
    }
}
