package org.civicast.orgs;

import org.civicast.registry.Hierarchy;
import static org.civicast.platform.auth.Scope.ADMIN;
import static org.civicast.platform.auth.Scope.READ;

import java.util.Map;
import org.civicast.platform.http.Api;
import org.civicast.platform.http.Body;
import org.civicast.platform.http.Change;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.http.Schema;

/** Routes of the organization tree: the contract's two reads, and Civicast's writes. */
public final class OrganizationRoutes {
    private static final String QUIET_HOURS =
            "none|([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]";

    private static Schema contactFields(Schema schema) {
        return schema
                .optional("contact_email", Field.string(3, 254).pattern("[^@\\s]+@[^@\\s]+").nullable())
                .optional("contact_first_name", Field.string(1, 100).nullable())
                .optional("contact_last_name", Field.string(1, 100).nullable())
                .optional("quiet_hours", Field.string(4, 11).pattern(QUIET_HOURS).nullable().describe(
                        "Civicast: the hours recipients may be texted, in their local time (HH:MM-HH:MM, or none); "
                                + "null: the parent's, else the server's CIVICAST_QUIET_HOURS"));
    }

    private static final Schema CREATE = contactFields(Schema.object()
            .required("display_name", Field.string(1, 200))
            .optional("parent_id", Field.id().describe("Parent organization; defaults to the key's own")));

    private static final Schema UPDATE = contactFields(Schema.object()
            .optional("display_name", Field.string(1, 200))
            .optional("status", Field.oneOf(OrganizationService.ACTIVE, OrganizationService.SUSPENDED)));

    public static void register(Api api, OrganizationService organizations, Hierarchy hierarchy) {
        api.get("/v1/organizations", READ).tag("Organizations")
                .operation("listOrganizations", "List the organizations this key can access")
                .returnsListOf(Organization.class)
                .handle(req -> Reply.ok(organizations.list(req.principal())));
        api.get("/v1/hierarchy", READ).tag("Organizations")
                .operation("getHierarchy", "The organization tree with brands and campaigns")
                .returns(Hierarchy.Node.class)
                .query("organizationId", Field.id())
                .handle(req -> Reply.ok(hierarchy.of(req.principal(), req.query("organizationId"))));
        api.get("/v1/organizations/{id}", READ).tag("Organizations").extension()
                .operation("getOrganization", "One organization")
                .returns(Organization.class)
                .handle(req -> Reply.ok(organizations.requireReachable(req.principal(), req.path("id"))));
        api.post("/v1/organizations", ADMIN).tag("Organizations").extension().status(201)
                .operation("createOrganization", "Create a child organization in this key's subtree")
                .returns(Organization.class)
                .body(CREATE)
                .handle(req -> Reply.created(organizations.create(req.principal(), req.body().string("parent_id"),
                        changes(req.body()))));
        api.patch("/v1/organizations/{id}", ADMIN).tag("Organizations").extension()
                .operation("updateOrganization", "Rename, suspend or change an organization's contact")
                .returns(Organization.class)
                .body(UPDATE)
                .handle(req -> Reply.ok(organizations.update(req.principal(), req.path("id"), changes(req.body()))));
        api.delete("/v1/organizations/{id}", ADMIN).tag("Organizations").extension()
                .operation("deleteOrganization", "Delete an empty organization below this key's own")
                .handle(req -> Reply.ok(Map.of("id",
                        organizations.delete(req.principal(), req.path("id")).id(), "deleted", true)));
    }

    /** The organization fields the client sent; a sent null stays, meaning "clear". */
    private static OrganizationChanges changes(Body b) {
        return new OrganizationChanges(Change.string(b, "display_name"), Change.string(b, "status"),
                Change.string(b, "contact_email"), Change.string(b, "contact_first_name"),
                Change.string(b, "contact_last_name"), Change.string(b, "quiet_hours"));
    }

    private OrganizationRoutes() {}
}
