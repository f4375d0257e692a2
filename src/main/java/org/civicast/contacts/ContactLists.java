package org.civicast.contacts;

import java.time.Clock;
import java.time.Duration;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.config.Config;
import org.civicast.platform.db.Database;
import org.civicast.platform.ids.Ids;
import org.civicast.platform.jobs.Jobs;
import org.civicast.platform.outbound.Outbound;
import org.civicast.registry.BrandService;

/** The contacts feature put together: its service, and its two jobs registered. */
public final class ContactLists {
    private ContactLists() {}

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static ContactListService wire(Database db, Config config, Clock clock, Ids ids,
                                          OrganizationService organizations, BrandService brands, Jobs jobs,
                                          LineTypeSource lineTypes) {
        // Files are streamed, so the cap is the operator's, not memory's; the deadline covers the whole download.
        Outbound files = new Outbound(config.outbound().policy()
                .withMaxResponseBytes(config.contacts().maxFileBytes())
                .withTimeouts(min(Duration.ofSeconds(10), config.contacts().fetchTimeout()), config.contacts().fetchTimeout())
                .withMaxRedirects(3));
        PhoneNormalizer phones = new PhoneNormalizer(config.contacts().regions());
        // In the background: the metadata takes tens of milliseconds to read, and nothing waits for it but imports.
        Thread.ofVirtual().name("contacts-phone-metadata").start(phones::prepare);
        ContactLoader loader = new ContactLoader(phones);
        jobs.register(ContactImportJob.KIND, new ContactImportJob(db, files, loader, clock));
        jobs.register(AnalysisJob.KIND, new AnalysisJob(db, lineTypes, clock));
        return new ContactListService(db, organizations, brands, jobs, ids, clock);
    }
}
