package org.civicast.advocacy.submissions;

import static org.civicast.platform.auth.Scope.WRITE;

import org.civicast.platform.http.Api;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.http.Schema;

/** Submitting an action on the Rally-compatible advocacy API. */
public final class RallySubmissionRoutes {
    private static final Schema SUBMISSION = Schema.object()
            .optional("id", Field.id().describe("A submission answered 202, completed with the fields it asked for"))
            .optional("mode", Field.oneOf("no_delivery").describe("Validate everything, deliver nothing"))
            .optional("prefix", Field.string(1, 60))
            .optional("firstname", Field.string(1, 100))
            .optional("lastname", Field.string(1, 100))
            .optional("street", Field.string(1, 200))
            .optional("city", Field.string(1, 100))
            .optional("state", Field.string(2, 2))
            .optional("zipcode", Field.string(5, 10))
            .optional("zipplus", Field.string(4, 4))
            .optional("phone", Field.string(7, 30))
            .optional("email", Field.string(3, 254))
            .optional("subject", Field.string(1, 500))
            .optional("message", Field.string(1, 20_000))
            .optional("district", Field.string(3, 5).describe("The supporter's district when their ZIP spans several"))
            .optional("topic", Field.string(1, 200))
            .otherProperties(Field.string(0, 2_000).describe("The campaign's own form fields; an office's topic as topic_BIOGUIDE"));

    public static void register(Api api, SubmissionService submissions) {
        api.post("/v3/campaigns/{id}/{actionType}", WRITE).tag("Campaigns")
                .operation("submitAction", "Take an action: a letter to the supporter's members, a signature, …")
                .body(SUBMISSION)
                .handle(req -> {
                    SubmissionService.Outcome outcome = submissions.submit(req.principal(), req.path("id"),
                            req.path("actionType"), req.body().texts());
                    return new Reply(outcome.status(), outcome.body());
                });
    }

    private RallySubmissionRoutes() {}
}
