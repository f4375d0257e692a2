package org.civicast.numbers;

import static org.civicast.platform.auth.Scope.READ;
import static org.civicast.platform.auth.Scope.WRITE;

import org.civicast.platform.http.Api;
import org.civicast.platform.http.Change;
import org.civicast.platform.http.Body;
import org.civicast.platform.http.Change;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.http.Schema;

/** Routes of phone numbers: the contract's list, Civicast's writes, and sharing with descendants. */
public final class PhoneNumberRoutes {
    private static Schema assignmentFields(Schema schema) {
        return schema
                .optional("campaign_id", Field.id().nullable().describe("10DLC campaign of the same organization"))
                .optional("toll_free_verification_id", Field.id().nullable()
                        .describe("Toll-free verification of the same organization"))
                .optional("status", Field.oneOf(PhoneNumberService.STATUSES));
    }

    private static final Schema CREATE = assignmentFields(Schema.object()
            .required("number", Field.string(3, 32).pattern(PhoneNumbers.INPUT_PATTERN)
                    .describe("Stored in E.164; numbers without a country code are read as US. Short codes: 5 or 6 digits"))
            .required("channel", Field.oneOf(PhoneNumbers.CHANNELS))
            .optional("organization_id", Field.id().describe("Owner of the number; defaults to the key's own")));

    private static final Schema UPDATE = assignmentFields(Schema.object());

    private static final Schema SHARE = Schema.object()
            .required("organization_id", Field.id().describe("A descendant of the number's organization"))
            .optional("nickname", Field.string(1, 100).nullable().describe("The sharer's label for the number"));

    public static void register(Api api, PhoneNumberService numbers) {
        api.get("/v1/phone-numbers", READ).tag("Phone numbers")
                .operation("listPhoneNumbers", "List phone numbers owned in or shared into this key's organizations")
                .returnsListOf(PhoneNumber.class)
                .query("organization_id", Field.id())
                .query("brand_id", Field.id())
                .query("campaign_id", Field.id())
                .query("channel", Field.oneOf(PhoneNumbers.CHANNELS))
                .query("owner_type", Field.oneOf(PhoneNumberService.OWNER_TYPES))
                .handle(req -> Reply.ok(numbers.list(req.principal(), new PhoneNumberService.Filter(
                        req.query("organization_id"), req.query("brand_id"), req.query("campaign_id"),
                        req.query("channel"), req.query("owner_type")))));
        api.post("/v1/phone-numbers", WRITE).tag("Phone numbers").extension().status(201)
                .operation("createPhoneNumber", "Record a phone number an organization holds")
                .returns(PhoneNumber.class)
                .body(CREATE)
                .handle(req -> {
                    Body b = req.body();
                    return Reply.created(numbers.create(req.principal(), b.string("organization_id"),
                            b.string("number"), b.string("channel"), changes(b)));
                });
        api.patch("/v1/phone-numbers/{id}", WRITE).tag("Phone numbers").extension()
                .operation("updatePhoneNumber", "Attach a number to a campaign or toll-free verification, or change its status")
                .returns(PhoneNumber.class)
                .body(UPDATE)
                .handle(req -> Reply.ok(numbers.update(req.principal(), req.path("id"), changes(req.body()))));
        api.delete("/v1/phone-numbers/{id}", WRITE).tag("Phone numbers").extension()
                .operation("deletePhoneNumber", "Delete a phone number and its shares")
                .handle(req -> Reply.ok(numbers.delete(req.principal(), req.path("id"))));
        api.post("/v1/phone-numbers/{id}/shares", WRITE).tag("Phone numbers").extension().status(201)
                .operation("sharePhoneNumber", "Lend a number to a descendant organization; again to rename it")
                .returns(PhoneNumberShare.class)
                .body(SHARE)
                .handle(req -> Reply.created(numbers.share(req.principal(), req.path("id"),
                        req.body().string("organization_id"), Change.string(req.body(), "nickname"))));
        api.delete("/v1/phone-numbers/{id}/shares/{organizationId}", WRITE).tag("Phone numbers").extension()
                .operation("unsharePhoneNumber", "Stop lending a number to an organization")
                .handle(req -> Reply.ok(numbers.unshare(req.principal(), req.path("id"),
                        req.path("organizationId"))));
    }

    /** The assignment fields the client sent; a sent null stays, meaning "detach". */
    private static PhoneNumberChanges changes(Body b) {
        return new PhoneNumberChanges(Change.string(b, "status"), Change.string(b, "campaign_id"),
                Change.string(b, "toll_free_verification_id"));
    }

    private PhoneNumberRoutes() {}
}
