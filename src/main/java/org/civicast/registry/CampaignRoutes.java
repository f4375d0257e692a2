package org.civicast.registry;

import static org.civicast.platform.auth.Scope.READ;
import static org.civicast.platform.auth.Scope.WRITE;

import org.civicast.platform.http.Api;
import org.civicast.platform.http.Body;
import org.civicast.platform.http.Change;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.http.Schema;

/** Routes of 10DLC campaigns: the contract's list and throughput, and Civicast's writes. */
public final class CampaignRoutes {
    private static Schema campaignFields(Schema schema) {
        return schema
                .optional("tcr_campaign_id", Field.string(1, 64).pattern("[A-Za-z0-9_\\-]+").nullable()
                        .describe("The Campaign Registry's id for the campaign, once registered"))
                .optional("campaign_status", Field.oneOf(CampaignService.STATUSES))
                .optional("tmobile_daily_cap", Field.integer(1, 100_000_000).nullable()
                        .describe("T-Mobile segments per brand per day as granted; null derives it from the brand's vetting score"))
                .optional("att_sms_tpm", Field.integer(1, 1_000_000).nullable()
                        .describe("AT&T SMS segments per minute as granted; null derives it from the brand's vetting score"))
                .optional("att_mms_tpm", Field.integer(1, 1_000_000).nullable()
                        .describe("AT&T MMS per minute as granted; null derives it from the brand's vetting score"))
                .optional("notes", Field.string(1, 100).nullable());
    }

    private static final Schema CREATE = campaignFields(Schema.object()
            .required("brand_id", Field.id().describe("Brand the campaign registers under; the campaign joins its organization"))
            .required("name", Field.string(1, 255))
            .required("use_case", Field.oneOf(CampaignService.USE_CASES)));

    private static final Schema UPDATE = campaignFields(Schema.object()
            .optional("name", Field.string(1, 255))
            .optional("use_case", Field.oneOf(CampaignService.USE_CASES)));

    public static void register(Api api, CampaignService campaigns) {
        api.get("/v1/campaigns", READ).tag("Campaigns")
                .operation("listCampaigns", "List 10DLC campaigns in this key's organizations")
                .returnsListOf(Campaign.class)
                .query("organization_id", Field.id())
                .query("brand_id", Field.id())
                .handle(req -> Reply.ok(campaigns.list(req.principal(), req.query("organization_id"),
                        req.query("brand_id"))));
        api.get("/v1/campaigns/{id}/throughput", READ).tag("Campaigns")
                .operation("getCampaignThroughput", "Carrier caps of a campaign: T-Mobile daily and AT&T per minute")
                .returns(CarrierTerms.Throughput.class)
                .handle(req -> Reply.ok(campaigns.throughput(req.principal(), req.path("id"))));
        api.post("/v1/campaigns", WRITE).tag("Campaigns").extension().status(201)
                .operation("createCampaign", "Record a 10DLC campaign under a brand")
                .returns(Campaign.class)
                .body(CREATE)
                .handle(req -> Reply.created(campaigns.create(req.principal(), req.body().string("brand_id"),
                        changes(req.body()))));
        api.patch("/v1/campaigns/{id}", WRITE).tag("Campaigns").extension()
                .operation("updateCampaign", "Change a campaign's registration details or carrier terms")
                .returns(Campaign.class)
                .body(UPDATE)
                .handle(req -> Reply.ok(campaigns.update(req.principal(), req.path("id"), changes(req.body()))));
        api.delete("/v1/campaigns/{id}", WRITE).tag("Campaigns").extension()
                .operation("deleteCampaign", "Delete a campaign that has no phone numbers")
                .handle(req -> Reply.ok(campaigns.delete(req.principal(), req.path("id"))));
    }

    /** The campaign fields the client sent; a sent null stays, meaning "clear". */
    private static CampaignChanges changes(Body b) {
        return new CampaignChanges(Change.string(b, "name"), Change.string(b, "use_case"),
                Change.string(b, "campaign_status"), Change.string(b, "tcr_campaign_id"),
                Change.integer(b, "tmobile_daily_cap"), Change.integer(b, "att_sms_tpm"),
                Change.integer(b, "att_mms_tpm"), Change.string(b, "notes"));
    }

    private CampaignRoutes() {}
}
