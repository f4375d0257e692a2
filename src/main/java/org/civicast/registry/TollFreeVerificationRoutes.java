package org.civicast.registry;

import static org.civicast.platform.auth.Scope.READ;
import static org.civicast.platform.auth.Scope.WRITE;

import org.civicast.platform.http.Api;
import org.civicast.platform.http.Body;
import org.civicast.platform.http.Change;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.http.Schema;

/** Routes of toll-free verifications: the contract's two reads, and Civicast's writes. */
public final class TollFreeVerificationRoutes {
    private static Schema tfvFields(Schema schema) {
        return schema
                .optional("business_name", Field.string(1, 255).nullable())
                .optional("use_case", Field.string(1, 100).nullable()
                        .describe("The use case as submitted to the carrier, e.g. Political or Voting Reminders"))
                .optional("status", Field.oneOf(TollFreeVerificationService.STATUSES)
                        .describe("Carrier casing kept verbatim; submitted_at and verified_at follow it"))
                .optional("verification_request_id", Field.string(1, 128).pattern("[A-Za-z0-9_\\-.:]+").nullable()
                        .describe("The carrier's or provider's id for the verification request"))
                .optional("rejection_reason", Field.string(1, 1000).nullable());
    }

    private static final Schema CREATE = tfvFields(Schema.object()
            .required("name", Field.string(1, 255))
            .optional("organization_id", Field.id().describe("Organization of the verification; defaults to the key's own")));

    private static final Schema UPDATE = tfvFields(Schema.object()
            .optional("name", Field.string(1, 255)));

    public static void register(Api api, TollFreeVerificationService verifications) {
        api.get("/v1/toll-free-verifications", READ).tag("Toll-free verifications")
                .operation("listTollFreeVerifications", "List toll-free verifications in this key's organizations")
                .returnsListOf(TollFreeVerification.class)
                .query("organization_id", Field.id())
                .query("status", Field.oneOf(TollFreeVerificationService.STATUSES))
                .handle(req -> Reply.ok(verifications.list(req.principal(), req.query("organization_id"),
                        req.query("status"))));
        api.get("/v1/toll-free-verifications/{id}", READ).tag("Toll-free verifications")
                .operation("getTollFreeVerification", "One toll-free verification with its phone numbers")
                .returns(TollFreeVerificationDetail.class)
                .handle(req -> Reply.ok(verifications.require(req.principal(), req.path("id"))));
        api.post("/v1/toll-free-verifications", WRITE).tag("Toll-free verifications").extension().status(201)
                .operation("createTollFreeVerification", "Record a toll-free verification")
                .returns(TollFreeVerificationDetail.class)
                .body(CREATE)
                .handle(req -> Reply.created(verifications.create(req.principal(),
                        req.body().string("organization_id"), changes(req.body()))));
        api.patch("/v1/toll-free-verifications/{id}", WRITE).tag("Toll-free verifications").extension()
                .operation("updateTollFreeVerification", "Change a toll-free verification's details or status")
                .returns(TollFreeVerificationDetail.class)
                .body(UPDATE)
                .handle(req -> Reply.ok(verifications.update(req.principal(), req.path("id"), changes(req.body()))));
        api.delete("/v1/toll-free-verifications/{id}", WRITE).tag("Toll-free verifications").extension()
                .operation("deleteTollFreeVerification", "Delete a toll-free verification no number refers to")
                .handle(req -> Reply.ok(verifications.delete(req.principal(), req.path("id"))));
    }

    /** The verification fields the client sent; a sent null stays, meaning "clear". */
    private static TollFreeVerificationChanges changes(Body b) {
        return new TollFreeVerificationChanges(Change.string(b, "name"), Change.string(b, "status"),
                Change.string(b, "verification_request_id"), Change.string(b, "business_name"),
                Change.string(b, "use_case"), Change.string(b, "rejection_reason"));
    }

    private TollFreeVerificationRoutes() {}
}
