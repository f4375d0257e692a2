package org.civicast.advocacy.campaigns;

import static org.civicast.platform.auth.Scope.READ;
import static org.civicast.platform.auth.Scope.WRITE;

import java.util.ArrayList;
import java.util.List;
import org.civicast.advocacy.delivery.CwcVocabulary;
import org.civicast.platform.http.Api;
import org.civicast.platform.http.Body;
import org.civicast.platform.http.Change;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.http.Schema;

/** Authoring advocacy campaigns on the texting API's surface, with an API key: the dashboard's way in. */
public final class AdvocacyCampaignRoutes {
    private static final Schema LETTER = Schema.object()
            .required("subject", Field.string(1, 200))
            .required("message", Field.string(1, 20_000));

    private static final Schema CUSTOM_TARGET = Schema.object()
            .required("name", Field.string(1, 200))
            .required("email", Field.string(3, 254).pattern("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"));

    private static final Schema FORM_FIELD = Schema.object()
            .required("name", Field.string(1, 40).pattern("[a-z][a-z0-9_]*"))
            .required("label", Field.string(1, 200))
            .optional("type", Field.oneOf(FormField.TYPES))
            .optional("required", Field.bool())
            .optional("options", Field.stringArray(200));

    private static final Schema ACTION = Schema.object()
            .required("type", Field.oneOf(ActionType.WIRE_NAMES))
            .optional("targets", Field.oneOf(TargetRule.WIRE_NAMES)
                    .describe("congress (House member and both senators, from the supporter's address), house, senate, "
                            + "members (named below), custom (email targets below) or none; defaults by type"))
            .optional("members", Field.stringArray(50).describe("Bioguide ids, for targets=members"))
            .optional("custom_targets", Field.objects(CUSTOM_TARGET, 1, 50))
            .optional("subject", Field.string(1, 200).describe("The sample letter's subject (one version)"))
            .optional("message", Field.string(1, 20_000).describe("The sample letter (one version)"))
            .optional("letters", Field.objects(LETTER, 1, 10).describe("Several versions of the sample letter"))
            .optional("fields", Field.objects(FORM_FIELD, 1, 40).describe("The action's form, if not the usual one"))
            .optional("call_script", Field.string(1, 5_000))
            .optional("post", Field.string(1, 1_000).describe("A sample post, for twitter and facebook actions"));

    private static final Schema CREATE = Schema.object()
            .required("name", Field.string(1, 200))
            .optional("organization_id", Field.id().describe("Organization of the campaign; defaults to the key's own"))
            .optional("title", Field.string(1, 300).nullable())
            .optional("description", Field.string(1, 20_000).nullable())
            .optional("topic", Field.oneOf(CwcVocabulary.TOPICS).nullable()
                    .describe("Library of Congress policy area its letters carry"))
            .optional("status", Field.oneOf(AdvocacyCampaign.STATUSES))
            .required("actions", Field.objects(ACTION, 1, ActionType.values().length));

    private static final Schema UPDATE = Schema.object()
            .optional("name", Field.string(1, 200))
            .optional("title", Field.string(1, 300).nullable())
            .optional("description", Field.string(1, 20_000).nullable())
            .optional("topic", Field.oneOf(CwcVocabulary.TOPICS).nullable())
            .optional("status", Field.oneOf(AdvocacyCampaign.STATUSES))
            .optional("actions", Field.objects(ACTION, 1, ActionType.values().length).describe("Replaces them all"));

    public static void register(Api api, AdvocacyCampaignService campaigns) {
        api.get("/v1/advocacy/campaigns", READ).tag("Advocacy").extension()
                .operation("listAdvocacyCampaigns", "Advocacy campaigns in this key's organizations, newest first")
                .returnsListOf(AdvocacyCampaign.class)
                .handle(req -> Reply.ok(campaigns.list(req.principal(), null, 0, 10_000).campaigns()));
        api.get("/v1/advocacy/campaigns/{id}", READ).tag("Advocacy").extension()
                .operation("getAdvocacyCampaign", "One advocacy campaign")
                .returns(AdvocacyCampaign.class)
                .handle(req -> Reply.ok(campaigns.require(req.principal(), req.path("id"))));
        api.post("/v1/advocacy/campaigns", WRITE).tag("Advocacy").extension().status(201)
                .operation("createAdvocacyCampaign", "Create an advocacy campaign with its actions")
                .returns(AdvocacyCampaign.class)
                .body(CREATE)
                .handle(req -> {
                    Body b = req.body();
                    return Reply.created(campaigns.create(req.principal(), b.string("organization_id"),
                            new CampaignFields(b.string("name"), b.string("title"), b.string("description"),
                                    b.string("topic"), b.has("status") ? b.string("status") : "active",
                                    actions(b.objects("actions")))));
                });
        api.patch("/v1/advocacy/campaigns/{id}", WRITE).tag("Advocacy").extension()
                .operation("updateAdvocacyCampaign", "Change a campaign; actions, when sent, replace them all")
                .returns(AdvocacyCampaign.class)
                .body(UPDATE)
                .handle(req -> {
                    Body b = req.body();
                    return Reply.ok(campaigns.update(req.principal(), req.path("id"), current -> new CampaignFields(
                            Change.string(b, "name").or(current.name()),
                            Change.string(b, "title").or(current.title()),
                            Change.string(b, "description").or(current.description()),
                            Change.string(b, "topic").or(current.topic()),
                            Change.string(b, "status").or(current.status()),
                            b.has("actions") ? actions(b.objects("actions")) : current.actions())));
                });
        api.delete("/v1/advocacy/campaigns/{id}", WRITE).tag("Advocacy").extension()
                .operation("deleteAdvocacyCampaign", "Delete an advocacy campaign")
                .handle(req -> Reply.ok(campaigns.delete(req.principal(), req.path("id"))));
    }

    private static List<Action> actions(List<Body> bodies) {
        List<Action> actions = new ArrayList<>();
        for (Body a : bodies) {
            ActionType type = ActionType.fromWire(a.string("type"));
            List<Action.CustomTarget> custom = new ArrayList<>();
            if (a.objects("custom_targets") != null) {
                for (Body t : a.objects("custom_targets")) custom.add(new Action.CustomTarget(t.string("name"), t.string("email")));
            }
            List<Action.Letter> letters = new ArrayList<>();
            if (a.objects("letters") != null) {
                for (Body l : a.objects("letters")) letters.add(new Action.Letter(l.string("subject"), l.string("message")));
            }
            if (a.string("message") != null) letters.addFirst(new Action.Letter(a.string("subject"), a.string("message")));
            List<FormField> fields = new ArrayList<>();
            if (a.objects("fields") != null) {
                for (Body f : a.objects("fields")) {
                    fields.add(new FormField(f.string("name"), f.string("label"),
                            f.string("type") != null ? f.string("type") : "text",
                            Boolean.TRUE.equals(f.bool("required")), f.strings("options")));
                }
            }
            String targets = a.string("targets") != null ? a.string("targets")
                    : !custom.isEmpty() ? TargetRule.CUSTOM.wireName() : type.defaultTargets().wireName();
            actions.add(new Action(type.wireName(), targets, a.strings("members"), custom, letters, fields,
                    a.string("call_script"), a.string("post")));
        }
        return actions;
    }

    private AdvocacyCampaignRoutes() {}
}
