package org.civicast.registry;

import org.civicast.platform.db.Sql;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicast.orgs.Organization;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.auth.Subtree;
import org.civicast.platform.db.Database;

/**
 * The tree view of {@code GET /v1/hierarchy}: organizations with their brands and campaigns,
 * in the camelCase the reference client expects for this one endpoint. Three queries, then the
 * tree is assembled in memory.
 */
public final class Hierarchy {
    private final Database db;
    private final OrganizationService organizations;

    public Hierarchy(Database db, OrganizationService organizations) {
        this.db = db;
        this.organizations = organizations;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Node(String id, String name, String parentId, String status, String contactEmail,
                       String contactFirstName, String contactLastName, Instant createdAt, Instant updatedAt,
                       List<BrandNode> brands, List<Node> childOrganizations) {}

    public record BrandNode(String id, String name, String status, String organizationId, Instant createdAt,
                            Instant updatedAt, List<CampaignNode> campaigns) {}

    public record CampaignNode(String id, String name, String status, Instant createdAt, Instant updatedAt) {}

    public Node of(Principal principal, String organizationIdOrNull) {
        Organization top = organizations.target(principal, organizationIdOrNull);
        return db.read(h -> {
            Subtree subtree = new Subtree(top.path());
            List<Organization> orgs = organizations.within(subtree);
            String like = subtree.like();
            Map<String, List<CampaignNode>> campaignsByBrand = new HashMap<>();
            h.createQuery("""
                    SELECT c.id, c.brand_id, c.name, c.campaign_status, c.created_at, c.updated_at
                    FROM campaigns c JOIN brands b ON b.id = c.brand_id
                    JOIN organizations o ON o.id = b.organization_id
                    WHERE o.path LIKE :like ORDER BY c.id""")
                    .bind("like", like)
                    .map((rs, ctx) -> Map.entry(rs.getString("brand_id"), new CampaignNode(rs.getString("id"),
                            rs.getString("name"), rs.getString("campaign_status"),
                            Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"))))
                    .forEach(e -> campaignsByBrand.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            Map<String, List<BrandNode>> brandsByOrg = new HashMap<>();
            h.createQuery("""
                    SELECT b.id, b.organization_id, b.brand_name, b.status, b.created_at, b.updated_at
                    FROM brands b JOIN organizations o ON o.id = b.organization_id
                    WHERE o.path LIKE :like ORDER BY b.id""")
                    .bind("like", like)
                    .map((rs, ctx) -> new BrandNode(rs.getString("id"), rs.getString("brand_name"),
                            rs.getString("status"), rs.getString("organization_id"),
                            Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                            campaignsByBrand.getOrDefault(rs.getString("id"), List.of())))
                    .forEach(b -> brandsByOrg.computeIfAbsent(b.organizationId(), k -> new ArrayList<>()).add(b));
            Map<String, List<Organization>> children = new HashMap<>();
            for (Organization o : orgs) {
                if (o.parentId() != null) children.computeIfAbsent(o.parentId(), k -> new ArrayList<>()).add(o);
            }
            return node(top, null, children, brandsByOrg);
        });
    }

    private static Node node(Organization o, String parentId, Map<String, List<Organization>> children,
                             Map<String, List<BrandNode>> brands) {
        List<Node> kids = new ArrayList<>();
        for (Organization child : children.getOrDefault(o.id(), List.of())) {
            kids.add(node(child, o.id(), children, brands));
        }
        return new Node(o.id(), o.displayName(), parentId, o.status(), o.contactEmail(), o.contactFirstName(),
                o.contactLastName(), o.createdAt(), o.updatedAt(), brands.getOrDefault(o.id(), List.of()), kids);
    }
}
