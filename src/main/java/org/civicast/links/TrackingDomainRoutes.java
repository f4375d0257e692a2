package org.civicast.links;

import static org.civicast.platform.auth.Scope.READ;
import static org.civicast.platform.auth.Scope.WRITE;

import java.util.Map;
import org.civicast.platform.http.Api;
import org.civicast.platform.http.Body;
import org.civicast.platform.http.Change;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.http.Schema;

/** Routes of link-tracking domains: the contract's list, and Civicast's writes. */
public final class TrackingDomainRoutes {
    private static Schema domainFields(Schema schema) {
        return schema
                .optional("shared_with_descendants", Field.bool()
                        .describe("Offer the domain to every descendant organization, where it lists as inherited"))
                .optional("status", Field.oneOf(TrackingDomainService.STATUSES)
                        .describe("Only active domains are listed and usable; verified_at is set on becoming active"))
                .optional("notes", Field.string(1, 100).nullable());
    }

    private static final Schema CREATE = domainFields(Schema.object()
            .required("domain", Field.string(4, 253).pattern(TrackingDomainService.DOMAIN_PATTERN)
                    .describe("A hostname such as links.example.org, without scheme or path; stored lowercase"))
            .optional("organization_id", Field.id().describe("Owner of the domain; defaults to the key's own")));

    private static final Schema UPDATE = domainFields(Schema.object());

    public static void register(Api api, TrackingDomainService domains) {
        api.get("/v1/tracking-domains", READ).tag("Tracking domains")
                .operation("listTrackingDomains", "List active tracking domains: own, and inherited from ancestors")
                .returnsListOf("source", Map.of(TrackingDomain.OWN, TrackingDomain.class,
                        TrackingDomain.INHERITED, TrackingDomainInherited.class))
                .query("organization_id", Field.id())
                .handle(req -> Reply.ok(domains.list(req.principal(), req.query("organization_id"))));
        api.post("/v1/tracking-domains", WRITE).tag("Tracking domains").extension().status(201)
                .operation("createTrackingDomain", "Register a link-tracking domain")
                .returns(TrackingDomain.class)
                .body(CREATE)
                .handle(req -> Reply.created(domains.create(req.principal(), req.body().string("organization_id"),
                        req.body().string("domain"), changes(req.body()))));
        api.patch("/v1/tracking-domains/{id}", WRITE).tag("Tracking domains").extension()
                .operation("updateTrackingDomain", "Change a tracking domain's status, sharing or notes")
                .returns(TrackingDomain.class)
                .body(UPDATE)
                .handle(req -> Reply.ok(domains.update(req.principal(), req.path("id"), changes(req.body()))));
        api.delete("/v1/tracking-domains/{id}", WRITE).tag("Tracking domains").extension()
                .operation("deleteTrackingDomain", "Delete a tracking domain")
                .handle(req -> Reply.ok(domains.delete(req.principal(), req.path("id"))));
    }

    /** The domain fields the client sent; a sent null stays, meaning "clear". */
    private static TrackingDomainChanges changes(Body b) {
        return new TrackingDomainChanges(Change.string(b, "status"), Change.bool(b, "shared_with_descendants"),
                Change.string(b, "notes"));
    }

    private TrackingDomainRoutes() {}
}
