package org.civicast.advocacy.campaigns;

import static org.civicast.platform.auth.Scope.READ;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicast.congress.CongressService;
import org.civicast.congress.ZipLookup;
import org.civicast.platform.http.Api;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.surfaces.RallyPage;

/**
 * Campaigns on the Rally-compatible advocacy API: the current campaigns, one campaign, and one of
 * its actions with its form, sample letters and targets (for a ZIP code when one is given).
 */
public final class RallyCampaignRoutes {
    static final String ZIP = "\\d{5}(-?\\d{4})?";

    public static void register(Api api, AdvocacyCampaignService campaigns, CongressService congress) {
        CampaignTargets targets = new CampaignTargets(congress);
        RallyPage.pageable(api.get("/v3/campaigns", READ).tag("Campaigns")
                .operation("listCampaigns", "Current campaigns with their actions"))
                .handle(req -> {
                    RallyPage.Request page = RallyPage.of(req);
                    AdvocacyCampaignService.Page found =
                            campaigns.list(req.principal(), "active", page.offset(), page.pageSize());
                    return Reply.ok(RallyPage.answer(req, page, found.total(), "campaigns",
                            found.campaigns().stream().map(RallyCampaignRoutes::summary).toList()));
                });
        api.get("/v3/campaigns/{id}", READ).tag("Campaigns")
                .operation("getCampaign", "One campaign: its landing page and actions")
                .handle(req -> {
                    AdvocacyCampaign c = campaigns.require(req.principal(), req.path("id"));
                    return Reply.ok(summary(c)).modifiedAt(c.updatedAt());
                });
        api.get("/v3/campaigns/{id}/{actionType}", READ).tag("Campaigns")
                .operation("getCampaignAction", "An action's form, sample letters and targets")
                .query("zipcode", Field.string(5, 10).pattern(ZIP).describe("5 or 9 digits: adds the place and its targets"))
                .handle(req -> {
                    AdvocacyCampaign c = campaigns.require(req.principal(), req.path("id"));
                    Action action = action(c, req.path("actionType"));
                    ZipLookup zip = req.query("zipcode") == null ? null : congress.lookup(req.query("zipcode"));
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("campaignId", c.id());
                    body.put("type", action.type());
                    body.put("form", Map.of("fields", action.form()));
                    body.put("letters", action.letters());
                    if (action.callScript() != null) body.put("callScript", action.callScript());
                    if (action.post() != null) body.put("post", action.post());
                    body.put("targetRule", action.targets());
                    if (zip != null) {
                        body.put("zipcode", zip.zip());
                        body.put("city", zip.city());
                        body.put("state", zip.states().size() == 1 ? zip.states().getFirst() : null);
                        body.put("states", zip.states());
                        body.put("districts", zip.districts().stream().map(d -> d.code()).toList());
                    }
                    body.put("targets", targets.shown(action, zip));
                    return Reply.ok(body).modifiedAt(c.updatedAt());
                });
    }

    /** The action of a kind the campaign offers; any other is a bad URL (404), as Rally answers one. */
    static Action action(AdvocacyCampaign c, String actionType) {
        if (!ActionType.WIRE_NAMES.contains(actionType)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No action type " + actionType + ": it is one of "
                    + String.join(", ", ActionType.WIRE_NAMES));
        }
        return c.action(ActionType.fromWire(actionType))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Campaign " + c.id() + " has no " + actionType + " action"));
    }

    /** A campaign in the advocacy API's camelCase. */
    static Map<String, Object> summary(AdvocacyCampaign c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("title", c.title() != null ? c.title() : c.name());
        m.put("description", c.description());
        m.put("topic", c.topic());
        m.put("status", c.status());
        List<String> types = c.actions().stream().map(Action::type).toList();
        m.put("actions", types);
        m.put("createdAt", c.createdAt());
        m.put("updatedAt", c.updatedAt());
        return m;
    }

    private RallyCampaignRoutes() {}
}
