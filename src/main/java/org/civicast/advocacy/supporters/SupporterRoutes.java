package org.civicast.advocacy.supporters;

import static org.civicast.platform.auth.Scope.READ;
import static org.civicast.platform.auth.Scope.WRITE;

import org.civicast.platform.http.Api;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.surfaces.RallyPage;

/**
 * Supporters on the advocacy API: search, look up by id, email or customId, create and update
 * with form bodies (see {@link SupporterForm}).
 */
public final class SupporterRoutes {
    private static final String TAG = "Supporters";

    public static void register(Api api, SupporterService supporters) {
        RallyPage.pageable(api.get("/v3/supporters", READ).tag(TAG)
                .operation("listSupporters", "Search the account's supporters (and its descendants'), in creation order")
                .returns(SupporterPage.class)
                .query("email", Field.string(1, SupporterValues.EMAIL_LENGTH).pattern(SupporterValues.EMAIL)
                        .describe("The whole email, in any case"))
                .query("firstName", Field.string(1, SupporterValues.NAME_LENGTH).describe("The whole name, in any case"))
                .query("lastName", Field.string(1, SupporterValues.NAME_LENGTH).describe("The whole name, in any case"))
                .query("customId", Field.string(1, 100).pattern(SupporterValues.CUSTOM_ID))
                .query("updatedSince", Field.string(10, 40).pattern(SupporterQuery.UPDATED_SINCE)
                        .describe("ISO 8601 date and time (UTC without an offset): updated at or after it"))
                .query("joinDate", Field.string(10, 22).pattern(SupporterQuery.JOIN_DATE)
                        .describe("YYYY-MM-DD, or a range YYYY-MM-DD..YYYY-MM-DD (inclusive; either end may be left out)"))
                .query("city", Field.string(1, SupporterValues.NAME_LENGTH)
                        .describe("The primary address's city, in any case"))
                .query("state", Field.string(2, 2).pattern("[A-Za-z]{2}").describe("The primary address's USPS code"))
                .query("optinStatus", Field.oneOf(Supporter.EMAIL_OPTINS).describe("The supporter's emailOptin"))
                .query("zipCode", Field.string(5, 5).pattern(SupporterValues.ZIPCODE)
                        .describe("The primary address's ZIP code"))
                .query("congressDistrict", Field.string(3, 5).pattern(SupporterQuery.DISTRICT)
                        .describe("NY21; AK0 for an at-large seat")))
                .handle(req -> {
                    RallyPage.Request paging = RallyPage.of(req);
                    SupporterService.Page page = supporters.search(req.principal(), SupporterQuery.parse(req::query),
                            paging.offset(), paging.pageSize());
                    return Reply.ok(RallyPage.answer(req, paging, page.total(), "supporters", page.supporters()));
                });
        api.get("/v3/supporters/{id}", READ).tag(TAG)
                .operation("getSupporter", "A supporter of the account's subtree, by id")
                .returns(Supporter.class)
                .handle(req -> found(supporters.require(req.principal(), req.path("id"))));
        api.get("/v3/supporters/email/{email}", READ).tag(TAG)
                .operation("getSupporterByEmail", "The account's own supporter with this email, in any case")
                .returns(Supporter.class)
                .handle(req -> found(supporters.requireByEmail(req.principal(), req.path("email"))));
        api.get("/v3/supporters/customId/{customId}", READ).tag(TAG)
                .operation("getSupporterByCustomId", "The account's own supporter with this customId")
                .returns(Supporter.class)
                .handle(req -> found(supporters.requireByCustomId(req.principal(), req.path("customId"))));
        api.post("/v3/supporters", WRITE).tag(TAG).status(201)
                .operation("createSupporter", "Add a supporter to the account")
                .returns(Supporter.class)
                .body(SupporterForm.SCHEMA)
                .handle(req -> Reply.created(supporters.create(req.principal(), SupporterForm.fields(req.body()))));
        api.post("/v3/supporters/{id}", WRITE).tag(TAG)
                .operation("updateSupporter", "Change a supporter; properties not sent keep their value")
                .returns(Supporter.class)
                .body(SupporterForm.SCHEMA)
                .handle(req -> Reply.ok(supporters.update(req.principal(), req.path("id"),
                        SupporterForm.fields(req.body()))));
    }

    private static Reply found(Supporter supporter) {
        return Reply.ok(supporter).modifiedAt(supporter.updatedAt());
    }

    private SupporterRoutes() {}
}
