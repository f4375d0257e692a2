package org.civicast.projects;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicast.contacts.ContactListService;
import org.civicast.contacts.ContactListUsers;
import org.civicast.links.TrackingDomainService;
import org.civicast.media.MediaService;
import org.civicast.media.MediaUsers;
import org.civicast.numbers.PhoneNumberService;
import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.config.PricingSettings;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;
import org.civicast.platform.ids.Ids;
import org.civicast.projects.ProjectTransitions.Event;
import org.civicast.projects.compose.MessageTemplate;
import org.civicast.registry.Brand;
import org.civicast.registry.BrandService;
import org.civicast.registry.Campaign;
import org.civicast.registry.CampaignService;
import org.civicast.registry.CarrierTerms;
import org.civicast.registry.TollFreeVerificationService;

/**
 * Broadcast projects: composed, checked against what they name, estimated, edited while still
 * editable, copied, scheduled and unscheduled. Every change of status follows
 * {@link ProjectTransitions}; the sending engine drives the rest through {@link #lifecycle()}.
 */
public final class ProjectService {
    private static final Pattern VERSION = Pattern.compile("(.*)_v([1-9][0-9]{0,8})");

    private final Database db;
    private final Clock clock;
    private final Ids ids;
    private final OrganizationService organizations;
    private final BrandService brands;
    private final CampaignService campaigns;
    private final TollFreeVerificationService tollFree;
    private final ContactListService lists;
    private final MediaService media;
    private final TrackingDomainService domains;
    private final PricingSettings prices;
    private final ProjectChecks checks;
    private final ProjectLifecycle lifecycle;
    private volatile ProjectSending sending = ProjectSending.RECORD_ONLY;

    public ProjectService(Database db, Clock clock, Ids ids, OrganizationService organizations, BrandService brands,
                          CampaignService campaigns, TollFreeVerificationService tollFree, PhoneNumberService numbers,
                          ContactListService lists, MediaService media, TrackingDomainService domains,
                          PricingSettings prices) {
        this.db = db;
        this.clock = clock;
        this.ids = ids;
        this.organizations = organizations;
        this.brands = brands;
        this.campaigns = campaigns;
        this.tollFree = tollFree;
        this.lists = lists;
        this.media = media;
        this.domains = domains;
        this.prices = prices;
        this.checks = new ProjectChecks(numbers, lists, media, domains);
        this.lifecycle = new ProjectLifecycle(db, clock, numbers, media);
        lists.usedBy(listId -> db.read(h -> ProjectStore.usingList(h, listId)).stream()
                .map(u -> new ContactListUsers.User(u.id(), u.name(), u.status())).toList());
        media.usedBy(mediaId -> db.read(h -> ProjectStore.usingMedia(h, mediaId)).stream()
                .map(u -> new MediaUsers.User(u.id(), u.name(), u.status())).toList());
        organizations.deletionGuards().add(orgId -> db.read(h -> ProjectStore.existAt(h, orgId))
                ? Optional.of("projects") : Optional.empty());
        campaigns.deletionGuards().add(campaignId -> db.read(h -> ProjectStore.useCampaign(h, campaignId))
                ? Optional.of("projects") : Optional.empty());
    }

    /** Plugs in the sending engine (the default only records schedules). */
    public void sendWith(ProjectSending sending) {
        this.sending = sending;
    }

    /** What the sending engine drives projects with. */
    public ProjectLifecycle lifecycle() {
        return lifecycle;
    }

    public ProjectCreated create(Principal principal, NewProject request) {
        Organization org = organizations.requireReachable(principal, request.organizationId());
        requireSendingAllowed(org.path());
        return insert(principal, org, registration(principal, org, request), request.settings());
    }

    /** Projects in the key's subtree; {@code organization_id} means that organization only. */
    public List<ProjectItem> list(Principal principal, String organizationId, String brandId, String campaignId,
                                  String type) {
        if (organizationId != null) {
            organizations.requireReachable(principal, organizationId);
            if (brandId != null) campaigns.requireBrandInOrganization(principal, brandId, organizationId);
        }
        return db.read(h -> ProjectStore.list(h, principal.subtree().like(), organizationId, brandId, campaignId, type))
                .stream().map(ProjectItem::of).toList();
    }

    public ProjectDetail get(Principal principal, String id, String origin) {
        return detail(require(principal, id), origin);
    }

    /** Applies a PATCH to the locked project, checked as it would then stand; only while it is editable. */
    public ProjectDetail update(Principal principal, String id, ProjectChanges changes, String origin) {
        String like = principal.subtree().like();
        ProjectRow updated = db.tx(h -> {
            ProjectRow current = ProjectStore.lock(h, like, id).orElseThrow(() -> notFound(id));
            if (!current.status().editable()) {
                throw statusConflict(current, "only a draft or awaiting_test project can be changed; unschedule it first");
            }
            ProjectSettings next = changes.applyTo(current.settings());
            checks.check(principal, organizations.requireReachable(principal, current.organizationId()),
                    current.registration(), next);
            boolean edit = next.messageDiffers(current.settings());
            ProjectStatus status = edit
                    ? ProjectTransitions.next(current.status(), Event.EDIT, current.history()).orElse(current.status())
                    : current.status();
            ProjectStore.update(h, id, next, status, edit, clock.instant());
            return ProjectStore.find(h, like, id).orElseThrow();
        });
        return detail(updated, origin);
    }

    /** A new draft with the project's message, numbers and settings, without its contact lists; X becomes X_v2. */
    public ProjectCreated copy(Principal principal, String id) {
        ProjectRow source = require(principal, id);
        Organization org = organizations.requireReachable(principal, source.organizationId());
        requireSendingAllowed(org.path());
        ProjectSettings settings = source.settings().withName(nextVersion(source.settings().name()))
                .withContactLists(List.of());
        return insert(principal, org, source.registration(), settings);
    }

    /**
     * Schedules (or reschedules) the project, checked again as it stands; a paused project so
     * resumes. {@code bypass} null keeps the project's daily-cap setting.
     */
    public ProjectScheduled schedule(Principal principal, String id, Instant at, String timezone, Boolean bypass) {
        return db.tx(h -> {
            ProjectRow r = ProjectStore.lock(h, principal.subtree().like(), id).orElseThrow(() -> notFound(id));
            requireSendingAllowed(r.orgPath());
            ProjectStatus to = ProjectTransitions.next(r.status(), Event.SCHEDULE, r.history())
                    .orElseThrow(() -> statusConflict(r, "a sending or completed project cannot be scheduled"));
            if (r.settings().contactListIds().isEmpty()) {
                throw new ApiException(ErrorCode.CONFLICT, "Project " + id + " has no contact list to send to; "
                        + "attach one with PATCH first", Map.of("reason", "PROJECT_INCOMPLETE",
                        "missing", List.of("contact_list_ids")));
            }
            checks.check(principal, organizations.requireReachable(principal, r.organizationId()), r.registration(),
                    r.settings());
            boolean capBypass = bypass != null ? bypass : r.dailyCapBypass();
            ProjectSettings s = r.settings();
            int recipients = lists.audienceSize(r.organizationId(), s.contactListIds(), s.suppressionListIds());
            ProjectStore.scheduled(h, id, to, at, timezone, capBypass, recipients, clock.instant());
            sending.scheduled(id, at);
            return new ProjectScheduled(id, to.code(), at, timezone, capBypass);
        });
    }

    /**
     * Takes a scheduled or paused project back to editing (awaiting_test when its message was
     * tested, else draft). Safe to repeat: a project already back answers as it is.
     */
    public ProjectUnscheduled unschedule(Principal principal, String id) {
        return db.tx(h -> {
            ProjectRow r = ProjectStore.lock(h, principal.subtree().like(), id).orElseThrow(() -> notFound(id));
            Optional<ProjectStatus> to = ProjectTransitions.next(r.status(), Event.UNSCHEDULE, r.history());
            if (to.isPresent()) {
                Instant now = clock.instant();
                ProjectStore.unscheduled(h, id, to.get(), now);
                sending.unscheduled(id);
                return new ProjectUnscheduled(id, to.get().code(), now);
            }
            if (r.status().editable()) return new ProjectUnscheduled(id, r.status().code(), r.unscheduledAt());
            throw statusConflict(r, "a sending or completed project cannot be unscheduled");
        });
    }

    /**
     * Sends the message as it stands to 1–50 test contacts now, through the project's own numbers;
     * a draft becomes awaiting_test. Test messages are real messages, billed as any other.
     */
    public TestSends test(Principal principal, String id, List<TestContact> contacts) {
        return db.tx(h -> {
            ProjectRow r = ProjectStore.lock(h, principal.subtree().like(), id).orElseThrow(() -> notFound(id));
            requireSendingAllowed(r.orgPath());
            if (!r.status().editable()) throw statusConflict(r, "test sends are for draft and awaiting_test projects");
            lifecycle.testSent(id);
            return sending.test(id, contacts);
        });
    }

    /** The project's results so far: its messages' outcomes and its links' clicks, tests apart. */
    public ProjectStats stats(Principal principal, String id) {
        require(principal, id);
        return sending.stats(id);
    }

    /** The campaign's carrier terms applied to the project's audience: see {@link Throughputs}. */
    public ProjectThroughput throughput(Principal principal, String id) {
        ProjectRow r = require(principal, id);
        ProjectRegistration reg = r.registration();
        if (!reg.tenDlc()) return new ProjectThroughput(id, false, null, null, null, null);
        Campaign campaign = campaigns.require(principal, reg.campaignId());
        Brand brand = brands.require(principal, reg.brandId());
        CarrierTerms.Throughput terms = CarrierTerms.of(campaign, brand, sending.usedToday(brand.id()), clock.instant());
        if (!terms.carrierMetered()) return new ProjectThroughput(id, false, null, null, null, null);
        ProjectSettings s = r.settings();
        return Throughputs.of(id, terms, lists.audienceCarriers(r.organizationId(), s.contactListIds(),
                s.suppressionListIds()), estimate(r, 0).segments(), s.mms(), r.dailyCapBypass());
    }

    /**
     * The carrier terms the sending engine paces a project by. Political traffic verified by
     * Campaign Verify is not metered; a toll-free project's rate is its provider's.
     */
    public SendTerms sendTerms(String projectId) {
        ProjectRow r = db.read(h -> ProjectStore.find(h, "%", projectId)).orElseThrow(() -> notFound(projectId));
        ProjectRegistration reg = r.registration();
        int perMessage = Math.max(1, estimate(r, 0).segments()); // the segments only: no audience count per dispatcher
        if (!reg.tenDlc()) return new SendTerms(reg.tollFreeVerificationId(), null, null, perMessage);
        CarrierTerms.Throughput terms = CarrierTerms.of(campaigns.require(ENGINE, reg.campaignId()),
                brands.require(ENGINE, reg.brandId()), null, clock.instant());
        if (!terms.carrierMetered()) return new SendTerms(reg.campaignId(), null, null, perMessage);
        Integer tpm = terms.att() == null ? null : r.settings().mms() ? terms.att().mmsTpm() : terms.att().smsTpm();
        Integer cap = terms.tMobile() == null ? null : terms.tMobile().dailyCap();
        return new SendTerms(reg.campaignId(), tpm, cap, perMessage);
    }

    /** The sending engine reads every organization's projects. */
    private static final Principal ENGINE = new Principal("sending-engine", null,
            org.civicast.platform.auth.Subtree.WHOLE_TREE, java.util.Set.of(), null);

    private ProjectCreated insert(Principal principal, Organization org, ProjectRegistration reg, ProjectSettings s) {
        checks.check(principal, org, reg, s);
        String id = ids.next("proj");
        ProjectRow row = db.tx(h -> {
            ProjectStore.insert(h, id, org.id(), reg, s, clock.instant());
            return ProjectStore.find(h, principal.subtree().like(), id).orElseThrow();
        });
        return ProjectCreated.of(row, estimate(row));
    }

    /** What the project sends under, by the contract's rules for each channel. */
    private ProjectRegistration registration(Principal principal, Organization org, NewProject r) {
        String channel = r.channel() == null ? ProjectRegistration.TEN_DLC : r.channel();
        if (channel.equals(ProjectRegistration.TEN_DLC)) {
            if (r.tollFreeVerificationId() != null) throw omitted("toll_free_verification_id", channel);
            if (r.brandId() == null) throw ApiException.validation("brand_id", "is required when channel is 10dlc");
            if (r.campaignId() == null) throw ApiException.validation("campaign_id", "is required when channel is 10dlc");
            Brand brand = brands.require(principal, r.brandId());
            if (!brand.orgId().equals(org.id())) {
                throw new ApiException(ErrorCode.BRAND_ORG_MISMATCH,
                        "Brand " + brand.id() + " does not belong to organization " + org.id());
            }
            Campaign campaign = campaigns.require(principal, r.campaignId());
            if (!campaign.brandId().equals(brand.id())) {
                throw ApiException.validation("campaign_id", "campaign " + campaign.id() + " belongs to brand "
                        + campaign.brandId() + ", not " + brand.id());
            }
            return new ProjectRegistration(channel, brand.id(), campaign.id(), null);
        }
        if (r.brandId() != null) throw omitted("brand_id", channel);
        if (r.campaignId() != null) throw omitted("campaign_id", channel);
        if (r.tollFreeVerificationId() == null) {
            throw ApiException.validation("toll_free_verification_id", "is required when channel is toll-free");
        }
        var verification = tollFree.require(principal, r.tollFreeVerificationId());
        if (!verification.orgId().equals(org.id())) {
            throw ApiException.validation("toll_free_verification_id", "belongs to another organization");
        }
        return new ProjectRegistration(channel, null, null, r.tollFreeVerificationId());
    }

    /** 409 SENDING_PAUSED when the organization, or an ancestor, is suspended. */
    private void requireSendingAllowed(String organizationPath) {
        organizations.suspendedAlong(organizationPath).ifPresent(suspended -> {
            throw new ApiException(ErrorCode.SENDING_PAUSED, "Sending is paused: organization " + suspended
                    + " is suspended", Map.of("scope", "organization"));
        });
    }

    private ProjectDetail detail(ProjectRow r, String origin) {
        return ProjectDetail.of(r, media.urls(r.settings().mediaIds(), origin), estimate(r));
    }

    /**
     * Once the send is compiled its audience is fixed, and counted; until then a scheduled project
     * shows the audience counted when it was scheduled. A project polled while it waits or sends
     * must not count its lists again (a query over every contact of every list) on each poll.
     */
    private CostEstimate estimate(ProjectRow r) {
        ProjectSettings s = r.settings();
        java.util.OptionalInt compiled = sending.recipients(r.id());
        if (compiled.isPresent()) return estimate(r, compiled.getAsInt());
        if (r.scheduledRecipients() != null) return estimate(r, r.scheduledRecipients());
        return estimate(r, lists.audienceSize(r.organizationId(), s.contactListIds(), s.suppressionListIds()));
    }

    /** The estimate for a number of recipients given, without counting the audience (a query over every list). */
    private CostEstimate estimate(ProjectRow r, int recipients) {
        ProjectSettings s = r.settings();
        LinkSettings link = s.linkTracking();
        String domain = link.enabled() && link.domainId() != null
                ? domains.usableBy(r.organizationId(), r.orgPath(), link.domainId()).orElse(null) : null;
        return CostEstimate.of(s, MessageTemplate.parse(s.messageText()), domain, recipients, prices);
    }

    private ProjectRow require(Principal principal, String id) {
        return db.read(h -> ProjectStore.find(h, principal.subtree().like(), id)).orElseThrow(() -> notFound(id));
    }

    static String nextVersion(String name) {
        Matcher m = VERSION.matcher(name);
        return m.matches() ? m.group(1) + "_v" + (Long.parseLong(m.group(2)) + 1) : name + "_v2";
    }

    private static ApiException omitted(String field, String channel) {
        return ApiException.validation(field, "must be omitted when channel is " + channel);
    }

    private static ApiException statusConflict(ProjectRow r, String why) {
        return new ApiException(ErrorCode.CONFLICT, "Project " + r.id() + " is " + r.status().code() + ": " + why,
                Map.of("reason", "PROJECT_STATUS", "status", r.status().code()));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Project " + id);
    }
}
