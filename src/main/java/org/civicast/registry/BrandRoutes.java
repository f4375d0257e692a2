package org.civicast.registry;

import static org.civicast.platform.auth.Scope.READ;
import static org.civicast.platform.auth.Scope.WRITE;

import org.civicast.platform.http.Api;
import org.civicast.platform.http.Body;
import org.civicast.platform.http.Change;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.http.Schema;

/** Routes of brands: the contract's list, and Civicast's create, update and delete. */
public final class BrandRoutes {
    private static Schema brandFields(Schema schema) {
        return schema
                .optional("entity_type", Field.oneOf(BrandService.ENTITY_TYPES).nullable())
                .optional("ein", Field.string(9, 10).pattern("\\d{2}-?\\d{7}").nullable()
                        .describe("US Employer Identification Number, 9 digits; 12-3456789 is accepted and stored as digits"))
                .optional("vertical", Field.oneOf(BrandService.VERTICALS).nullable())
                .optional("tcr_brand_id", Field.string(1, 64).pattern("[A-Za-z0-9_\\-]+").nullable()
                        .describe("The Campaign Registry's id for the brand, once registered"))
                .optional("status", Field.oneOf(BrandService.STATUSES))
                .optional("identity_status", Field.oneOf(BrandService.IDENTITY_STATUSES).nullable())
                .optional("vetting_score", Field.integer(0, 100).nullable()
                        .describe("Trust score from external vetting; sets the derived carrier throughput"))
                .optional("campaign_verify_token", Field.string(20, 2048).pattern("\\S+").nullable()
                        .describe("Campaign Verify token of a political committee; responses show only its first characters"))
                .optional("notes", Field.string(1, 100).nullable());
    }

    private static final Schema CREATE = brandFields(Schema.object()
            .required("brand_name", Field.string(1, 255))
            .optional("organization_id", Field.id().describe("Organization of the brand; defaults to the key's own")));

    private static final Schema UPDATE = brandFields(Schema.object()
            .optional("brand_name", Field.string(1, 255)));

    public static void register(Api api, BrandService brands) {
        api.get("/v1/brands", READ).tag("Brands")
                .operation("listBrands", "List brands in this key's organizations")
                .returnsListOf(Brand.class)
                .query("organization_id", Field.id())
                .handle(req -> Reply.ok(brands.list(req.principal(), req.query("organization_id"))));
        api.post("/v1/brands", WRITE).tag("Brands").extension().status(201)
                .operation("createBrand", "Record a brand (a TCR-registered sender)")
                .returns(Brand.class)
                .body(CREATE)
                .handle(req -> Reply.created(brands.create(req.principal(), req.body().string("organization_id"),
                        changes(req.body()))));
        api.patch("/v1/brands/{id}", WRITE).tag("Brands").extension()
                .operation("updateBrand", "Change a brand's registration details")
                .returns(Brand.class)
                .body(UPDATE)
                .handle(req -> Reply.ok(brands.update(req.principal(), req.path("id"), changes(req.body()))));
        api.delete("/v1/brands/{id}", WRITE).tag("Brands").extension()
                .operation("deleteBrand", "Delete a brand that has no campaigns")
                .handle(req -> Reply.ok(brands.delete(req.principal(), req.path("id"))));
    }

    /** The brand fields the client sent; a sent null stays, meaning "clear". */
    private static BrandChanges changes(Body b) {
        return new BrandChanges(Change.string(b, "brand_name"), Change.string(b, "status"),
                Change.string(b, "tcr_brand_id"), Change.string(b, "entity_type"), Change.string(b, "ein"),
                Change.string(b, "vertical"), Change.string(b, "identity_status"), Change.integer(b, "vetting_score"),
                Change.string(b, "campaign_verify_token"), Change.string(b, "notes"));
    }

    private BrandRoutes() {}
}
