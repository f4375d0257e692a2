package org.civicast;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.civicast.platform.http.Json;
import org.civicast.testing.ApiClient;
import org.civicast.testing.HttpProbe;
import org.civicast.testing.OpenApiAnswers;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A bounded, deterministic fuzz pass over every operation of the served OpenAPI document against a
 * real server. The inputs come from the document itself: for each body property and query
 * parameter, values of the wrong type, too long, empty, null and Unicode oddities (NUL, lone
 * surrogates, RTL overrides, emoji, 10,000 characters); unknown and missing properties; odd path
 * ids ({@code %00}, {@code %ff%fe}, very long, {@code ..}); malformed, duplicate-key and oversized
 * bodies; wrong content types; no, unknown, malformed and under-scoped keys; and a valid-looking
 * request of each operation.
 *
 * <p>Every answer must be below 500, carry {@code X-Request-ID} and (under {@code /v1})
 * {@code X-RateLimit-Limit/-Remaining/-Reset}, be JSON in the success envelope or the error
 * format ({@code success:false, error, code, statusCode, details?, correlationId}, statusCode the
 * HTTP status, correlationId the X-Request-ID), and match the document's response for its
 * operation and status. Every failing case is reported, grouped by problem.
 *
 * <p>{@code -Dcivicast.fuzz.seed=N} and {@code -Dcivicast.fuzz.requests=N} (default 3,000) change
 * the seed and the bound; {@code ./mvnw verify -Dgroups=fuzz} runs only this pass.
 */
@Tag("fuzz")
class OpenApiFuzzTest {
    private static final long SEED = Long.getLong("civicast.fuzz.seed", 20_251_130L);
    private static final int BUDGET = Integer.getInteger("civicast.fuzz.requests", 3_000);
    private static final Duration TIME_LIMIT = Duration.ofMinutes(4);
    private static final Set<String> ERROR_FIELDS =
            Set.of("success", "error", "code", "statusCode", "details", "correlationId", "retryAfter");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z_]*[A-Z]");

    static TestServer server;
    static Seeded seeded;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        seeded = seed();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One request: what it sends, and a short description of what is odd about it. */
    record Case(String method, String path, String what, List<Map.Entry<String, String>> headers, byte[] body) {}

    /** A JSON value as raw text (so that it may hold what a JSON writer would refuse), and its name. */
    record Value(String label, String json) {}

    @Test
    void everyOperationAnswersOddInputInTheFormatWithItsHeaders() {
        JsonNode doc = server.client(null).get("/v1/openapi.json").json();
        OpenApiAnswers judge = OpenApiAnswers.of(doc);
        Cases cases = new Cases(doc, seeded, new Random(SEED));
        List<Case> all = cases.bounded(BUDGET);
        assertTrue(all.size() <= BUDGET, all.size() + " cases");

        HttpProbe probe = HttpProbe.of(server, Duration.ofSeconds(15));
        Report report = new Report("operations");
        long started = System.nanoTime();
        for (Case c : all) {
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(TIME_LIMIT) > 0) {
                report.add(c, null, List.of("time limit of " + TIME_LIMIT + " reached after " + report.sent + " cases"));
                break;
            }
            ApiClient.Response r = null;
            List<String> problems;
            try {
                r = probe.send(c.method(), c.path(), c.headers(), c.body());
                problems = problems(c.method(), c.path(), r, judge);
            } catch (IOException | RuntimeException e) {
                problems = List.of("no answer: " + e);
            }
            report.add(c, r, problems);
        }
        System.out.println("OpenApiFuzzTest: seed " + SEED + ", " + report.sent + " requests over " + cases.operations()
                + " operations in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s; answers by status "
                + report.statuses + "; " + report.failures.size() + " failing");
        report.assertNoFailure();
    }

    /**
     * Each path refuses the methods it does not document with 405 in the error format, with its
     * headers and an {@code Allow} header naming the methods it does document (RFC 9110).
     */
    @Test
    void everyPathRefusesOtherMethodsWith405AndAllow() {
        JsonNode doc = server.client(null).get("/v1/openapi.json").json();
        Cases cases = new Cases(doc, seeded, new Random(SEED));
        HttpProbe probe = HttpProbe.of(server, Duration.ofSeconds(15));
        Report report = new Report("methods");
        String prefix = doc.path("servers").path(0).path("url").asText();
        for (var item : (Iterable<Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
            Set<String> documented = new TreeSet<>();
            item.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase()));
            String path = prefix + cases.fill("GET", item.getKey(), Map.of());
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                if (documented.contains(method)) continue;
                Case c = new Case(method, path, "undocumented method", List.of(entry("X-API-Key", seeded.rootKey())), null);
                ApiClient.Response r = null;
                List<String> problems = new ArrayList<>();
                try {
                    r = probe.send(method, path, c.headers(), null);
                    problems.addAll(problems(method, path, r, null));
                    if (r.status() != 405) problems.add("status " + r.status() + ", not 405");
                    String allow = r.header("Allow");
                    Set<String> allowed = new TreeSet<>();
                    if (allow != null) for (String a : allow.split(",")) allowed.add(a.trim().toUpperCase());
                    if (allow == null) problems.add("405 without Allow");
                    else if (!allowed.containsAll(documented)) problems.add("Allow " + allow + " lacks some of " + documented);
                } catch (IOException | RuntimeException e) {
                    problems.add("no answer: " + e);
                }
                report.add(c, r, problems);
            }
        }
        assertTrue(report.sent >= 20, report.sent + " requests");
        report.assertNoFailure();
    }

    /**
     * Requests broken at the HTTP level, sent byte for byte: a refusal in the error format with
     * the headers, never a 5xx. A request cut short (the client closes its side) may go unanswered,
     * but an answer must still be right.
     */
    @Test
    void malformedHttpIsRefusedInTheFormat() {
        HttpProbe probe = HttpProbe.of(server, Duration.ofSeconds(15));
        Report report = new Report("raw HTTP");
        String key = "X-API-Key: " + server.rootKey() + "\r\n";
        String host = "Host: localhost:" + server.port() + "\r\n";
        String json = "Content-Type: application/json\r\n";
        String close = "Connection: close\r\n";
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("HTTP/9.9", "GET /v1/organizations HTTP/9.9\r\n" + host + key + close + "\r\n");
        requests.put("HTTP/1.1 without Host", "GET /v1/organizations HTTP/1.1\r\n" + key + close + "\r\n");
        requests.put("two Host headers", "GET /v1/organizations HTTP/1.1\r\n" + host + host + key + close + "\r\n");
        requests.put("a lowercase method", "get /v1/organizations HTTP/1.1\r\n" + host + key + close + "\r\n");
        requests.put("a NUL in the target", "GET /v1/organizations\u0000 HTTP/1.1\r\n" + host + key + close + "\r\n");
        requests.put("a folded header line", "GET /v1/organizations HTTP/1.1\r\n" + host + key + "X-Folded: a\r\n b\r\n" + close + "\r\n");
        requests.put("a header without a colon", "GET /v1/organizations HTTP/1.1\r\n" + host + key + "Nonsense\r\n" + close + "\r\n");
        requests.put("bare LF line ends", ("GET /v1/organizations HTTP/1.1\r\n" + host + key + close + "\r\n").replace("\r\n", "\n"));
        requests.put("an absolute-form target", "GET https://localhost:" + server.port() + "/v1/organizations HTTP/1.1\r\n" + host + key + close + "\r\n");
        String body = "{\"brand_name\":\"Raw\"}";
        String post = "POST /v1/brands HTTP/1.1\r\n" + host + key + json + close;
        requests.put("a bad chunk size", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n");
        requests.put("a chunk longer than said", post + "Transfer-Encoding: chunked\r\n\r\n2\r\n" + body + "\r\n0\r\n\r\n");
        requests.put("chunked and Content-Length", post + "Transfer-Encoding: chunked\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
        requests.put("an unknown transfer coding", post + "Transfer-Encoding: gzip, chunked\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
        requests.put("Content-Length -1", post + "Content-Length: -1\r\n\r\n" + body);
        requests.put("Content-Length abc", post + "Content-Length: abc\r\n\r\n" + body);
        requests.put("two Content-Lengths", post + "Content-Length: " + body.length() + "\r\nContent-Length: 3\r\n\r\n" + body);
        requests.put("a huge Content-Length", post + "Content-Length: 99999999999999999999\r\n\r\n" + body);
        Map<String, String> cut = new LinkedHashMap<>();
        cut.put("a chunked body cut short", post + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length())
                + "\r\n" + body.substring(0, 5));
        cut.put("a body shorter than its Content-Length", post + "Content-Length: 100\r\n\r\n" + body);
        cut.put("a head cut short", "GET /v1/organizations HTTP/1.1\r\n" + host + "X-API-Ke");
        for (var r : requests.entrySet()) raw(probe, report, r.getKey(), r.getValue(), false);
        for (var r : cut.entrySet()) raw(probe, report, r.getKey(), r.getValue(), true);
        report.assertNoFailure();
    }

    private static void raw(HttpProbe probe, Report report, String what, String request, boolean halfClose) {
        String[] line = request.split("\\s", 3);
        String method = line[0];
        String target = line.length > 1 ? line[1].replaceFirst("^https://[^/]+", "") : "";
        Case c = new Case(method, target, what, List.of(), null);
        try {
            ApiClient.Response r = probe.exchange(request.getBytes(StandardCharsets.UTF_8), halfClose);
            report.add(c, r, r == null ? List.of() : problems(method, target, r, null));
        } catch (IOException | RuntimeException e) {
            report.add(c, null, List.of("no answer: " + e));
        }
    }

    /** The failing cases of one test, grouped by what is wrong, for one readable failure. */
    private static final class Report {
        final String name;
        final List<String> failures = new ArrayList<>();
        final Map<String, List<String>> byProblem = new LinkedHashMap<>();
        final Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int sent;

        Report(String name) {
            this.name = name;
        }

        void add(Case c, ApiClient.Response r, List<String> problems) {
            sent++;
            if (r != null) statuses.merge(r.status(), 1, Integer::sum);
            if (problems.isEmpty()) return;
            String status = r == null ? "-" : String.valueOf(r.status());
            String line = c.method() + " " + shorten(c.path(), 90) + " [" + c.what() + "] → " + status + ": "
                    + String.join("; ", problems)
                    + (r == null ? "" : " | " + shorten(new String(r.raw(), StandardCharsets.UTF_8), 160));
            failures.add(line);
            byProblem.computeIfAbsent(status + ": " + shorten(String.join("; ", problems), 240), k -> new ArrayList<>()).add(line);
        }

        void assertNoFailure() {
            if (failures.isEmpty()) return;
            failures.forEach(f -> System.out.println("  FUZZ " + name + ": " + f));
            StringBuilder text = new StringBuilder(failures.size() + " of " + sent + " " + name
                    + " cases failed (seed " + SEED + "), by problem:\n");
            byProblem.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, List<String>> e) -> -e.getValue().size()))
                    .forEach(e -> {
                        text.append("  ").append(e.getValue().size()).append(" × ").append(e.getKey()).append('\n');
                        e.getValue().stream().limit(3).forEach(l -> text.append("      e.g. ").append(shorten(l, 300)).append('\n'));
                    });
            fail(text.toString());
        }
    }

    // ---------------------------------------------------------------- judging an answer

    /** What is wrong with an answer; {@code judge}, when given, also holds it to the document. */
    private static List<String> problems(String method, String pathAndQuery, ApiClient.Response r, OpenApiAnswers judge) {
        Set<String> problems = new LinkedHashSet<>();
        int status = r.status();
        // 505 is the protocol's own answer to an unknown HTTP version, not a fault of the server.
        boolean versionRefused = status == 505 && r.json() != null && r.json().has("code")
                && r.json().get("code").asText().equals("HTTP_VERSION_NOT_SUPPORTED");
        if (status >= 500 && !versionRefused) problems.add("5xx");
        if (status < 200 || (status >= 300 && status < 400)) problems.add("status " + status + " is neither success nor error");
        String requestId = r.header("X-Request-ID");
        if (requestId == null) problems.add("no X-Request-ID header");
        if (pathAndQuery.startsWith("/v1")) {
            for (String h : List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")) {
                if (r.header(h) == null) problems.add("no " + h + " header");
            }
        }
        JsonNode body = r.raw().length == 0 ? null : r.json();
        if (body == null) {
            problems.add(r.raw().length == 0 ? "empty body" : "body is not JSON");
        } else if (status >= 200 && status < 300) {
            if (!body.path("success").asBoolean(false) || !body.has("data") || body.size() != 2) {
                problems.add("success answer not {success:true, data}");
            }
        } else if (status >= 400) {
            problems.addAll(errorFormatProblems(body, status, requestId));
        }
        if (body != null && judge != null) {
            String path = pathAndQuery.split("\\?", 2)[0];
            judge.operation(method, path).ifPresent(op -> problems.addAll(
                    judge.problems(op, status, r.header("Content-Type"), r.raw(), r::header).stream()
                            .filter(p -> !p.startsWith("no X-")) // reported above already
                            .toList()));
        }
        return List.copyOf(problems);
    }

    private static List<String> errorFormatProblems(JsonNode body, int status, String requestId) {
        List<String> problems = new ArrayList<>();
        if (!body.isObject()) return List.of("error answer is not an object");
        if (!body.path("success").isBoolean() || body.path("success").asBoolean()) problems.add("error without success:false");
        if (!body.path("error").isTextual() || body.path("error").asText().isBlank()) problems.add("error without a message");
        if (!body.path("code").isTextual() || !CODE.matcher(body.path("code").asText()).matches()) problems.add("error without a code");
        if (!body.path("statusCode").isInt() || body.path("statusCode").asInt() != status) {
            problems.add("statusCode " + body.path("statusCode") + " is not the HTTP status");
        }
        if (!body.path("correlationId").isTextual()) {
            problems.add("error without correlationId");
        } else if (requestId != null && !requestId.equals(body.path("correlationId").asText())) {
            problems.add("correlationId is not the X-Request-ID");
        }
        Set<String> extra = new TreeSet<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!ERROR_FIELDS.contains(f)) extra.add(f);
        });
        if (!extra.isEmpty()) problems.add("error with unknown fields " + extra);
        if (body.has("code") && status != 500 && "INTERNAL_ERROR".equals(body.path("code").asText())) {
            problems.add("INTERNAL_ERROR with status " + status);
        }
        return problems;
    }

    // ---------------------------------------------------------------- real resources to aim at

    /**
     * Ids of real resources by kind; others for the DELETE operations to remove (they would take
     * the first ones from the cases after them); and a key that may only read.
     */
    record Seeded(Map<String, String> ids, Map<String, String> doomed, String rootKey, String readOnlyKey) {}

    private static Seeded seed() {
        ApiClient root = server.root();
        String org = server.createOrganization(server.rootOrganizationId(), "Fuzz child");
        String brand = TestServer.idOf(root.post("/v1/brands", Map.of("brand_name", "Fuzz brand", "organization_id", org)));
        String campaign = TestServer.idOf(root.post("/v1/campaigns",
                Map.of("brand_id", brand, "name", "Fuzz campaign", "use_case", "MIXED")));
        String tfv = TestServer.idOf(root.post("/v1/toll-free-verifications", Map.of("name", "Fuzz tfv", "organization_id", org)));
        String number = TestServer.idOf(root.post("/v1/phone-numbers", Map.of("number", "+12025550199", "channel", "10dlc")));
        String domain = TestServer.idOf(root.post("/v1/tracking-domains", Map.of("domain", "fuzz-seed.example.org")));
        ApiClient.Response key = root.post("/v1/api-keys", Map.of("name", "fuzz read-only", "organization_id", org,
                "scopes", List.of("read")));
        TestServer.idOf(key);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("organizations", org);
        ids.put("brands", brand);
        ids.put("campaigns", campaign);
        ids.put("toll-free-verifications", tfv);
        ids.put("phone-numbers", number);
        ids.put("tracking-domains", domain);
        String sender = TestServer.idOf(root.post("/v1/phone-numbers", Map.of("number", "+12025550197", "channel", "10dlc",
                "organization_id", org, "campaign_id", campaign)));
        ids.put("projects", root.post("/v1/projects", Map.of("organization_id", org, "brand_id", brand, "campaign_id",
                campaign, "phone_number_ids", List.of(sender), "name", "Fuzz project", "protocol", "sms",
                "message_text", "Hi {first_name|there}")).data().get("project_id").asText());
        // Changed and revoked by the cases: not the read-only key, which other cases use.
        ids.put("api-keys", TestServer.idOf(root.post("/v1/api-keys", Map.of("name", "fuzz target", "organization_id", org))));
        Map<String, String> doomed = new LinkedHashMap<>(ids);
        doomed.put("organizations", server.createOrganization(server.rootOrganizationId(), "Fuzz doomed"));
        doomed.put("brands", TestServer.idOf(root.post("/v1/brands", Map.of("brand_name", "Fuzz doomed brand"))));
        doomed.put("campaigns", TestServer.idOf(root.post("/v1/campaigns",
                Map.of("brand_id", brand, "name", "Fuzz doomed campaign", "use_case", "MIXED"))));
        doomed.put("toll-free-verifications", TestServer.idOf(root.post("/v1/toll-free-verifications", Map.of("name", "Fuzz doomed"))));
        doomed.put("phone-numbers", TestServer.idOf(root.post("/v1/phone-numbers", Map.of("number", "+12025550198", "channel", "10dlc"))));
        doomed.put("tracking-domains", TestServer.idOf(root.post("/v1/tracking-domains", Map.of("domain", "fuzz-doomed.example.org"))));
        return new Seeded(ids, doomed, server.rootKey(), key.data().get("key").asText());
    }

    // ---------------------------------------------------------------- the cases

    /** The cases of every operation, generated from the document. */
    static final class Cases {
        private final JsonNode doc;
        private final Seeded seeded;
        private final Random random;
        private final Map<String, List<Case>> byOperation = new LinkedHashMap<>();
        private final Map<String, Integer> essential = new LinkedHashMap<>();

        Cases(JsonNode doc, Seeded seeded, Random random) {
            this.doc = doc;
            this.seeded = seeded;
            this.random = random;
            String server = doc.path("servers").path(0).path("url").asText();
            for (var path : (Iterable<Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
                for (var op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                    operation(op.getKey().toUpperCase(), server, path.getKey(), op.getValue());
                }
            }
        }

        int operations() {
            return byOperation.size();
        }

        /**
         * At most {@code budget} cases, shared fairly: operations with few cases keep them all, the
         * rest share what is left. Each keeps its essential cases (a valid-looking request, the
         * keys) and a seeded random sample of the others, in generation order.
         */
        List<Case> bounded(int budget) {
            List<String> names = new ArrayList<>(byOperation.keySet());
            names.sort(Comparator.comparingInt(n -> byOperation.get(n).size()));
            Map<String, List<Case>> kept = new LinkedHashMap<>();
            int left = budget;
            for (int i = 0; i < names.size(); i++) {
                List<Case> cases = byOperation.get(names.get(i));
                int share = Math.min(cases.size(), left / (names.size() - i));
                int keep = essential.get(names.get(i));
                List<Integer> rest = new ArrayList<>();
                for (int j = keep; j < cases.size(); j++) rest.add(j);
                Collections.shuffle(rest, random);
                List<Integer> chosen = new ArrayList<>();
                for (int j = 0; j < Math.min(keep, share); j++) chosen.add(j);
                chosen.addAll(rest.subList(0, Math.max(0, share - chosen.size())));
                Collections.sort(chosen);
                kept.put(names.get(i), chosen.stream().map(cases::get).toList());
                left -= chosen.size();
            }
            List<Case> all = new ArrayList<>();
            byOperation.keySet().forEach(n -> all.addAll(kept.get(n)));
            return all;
        }

        private void operation(String method, String server, String template, JsonNode op) {
            List<Case> cases = new ArrayList<>();
            String realPath = server + fill(method, template, Map.of());
            JsonNode body = op.path("requestBody").path("content").path("application/json").path("schema");
            String validBody = body.isMissingNode() ? null : validBody(body);
            List<JsonNode> query = new ArrayList<>();
            op.path("parameters").forEach(p -> {
                if (p.path("in").asText().equals("query")) query.add(p);
            });

            // Essential: a valid-looking request, and each kind of key.
            cases.add(request(method, realPath, "valid-looking", validBody, seeded.rootKey()));
            if (!query.isEmpty()) {
                cases.add(request(method, realPath + validQuery(query), "valid-looking query", validBody, seeded.rootKey()));
            }
            cases.add(request(method, realPath, "no key", validBody, null));
            cases.add(request(method, realPath, "unknown key", validBody, "pc_live_" + "Q".repeat(40)));
            cases.add(request(method, realPath, "read-only key", validBody, seeded.readOnlyKey()));
            essential.put(method + " " + template, cases.size());

            cases.add(request(method, realPath, "malformed key", validBody, "Bearer abc"));
            cases.add(request(method, realPath, "300-character key", validBody, "pc_live_" + "k".repeat(292)));
            cases.add(request(method, realPath, "key with spaces", validBody, "pc_live_ " + "Q".repeat(40)));
            cases.add(withHeaders(method, realPath, "two X-API-Key headers", validBody, "application/json",
                    List.of(entry("X-API-Key", seeded.rootKey()), entry("X-API-Key", seeded.rootKey()))));
            cases.add(withHeaders(method, realPath, "20 KB header", validBody, "application/json",
                    List.of(entry("X-API-Key", seeded.rootKey()), entry("X-Fuzz", "h".repeat(20_000)))));
            cases.add(withHeaders(method, realPath, "odd X-Request-ID", validBody, "application/json",
                    List.of(entry("X-API-Key", seeded.rootKey()), entry("X-Request-ID", "not valid; " + "r".repeat(200)))));
            cases.add(withHeaders(method, realPath, "Accept: text/html", validBody, "application/json",
                    List.of(entry("X-API-Key", seeded.rootKey()), entry("Accept", "text/html"))));
            if (!method.equals("GET")) {
                cases.add(withHeaders(method, realPath, "300-character Idempotency-Key", validBody,
                        "application/json", List.of(entry("X-API-Key", seeded.rootKey()), entry("Idempotency-Key", "i".repeat(300)))));
                cases.add(withHeaders(method, realPath, "empty Idempotency-Key", validBody,
                        "application/json", List.of(entry("X-API-Key", seeded.rootKey()), entry("Idempotency-Key", ""))));
            }

            // Odd path ids, one parameter at a time.
            java.util.regex.Matcher m = Pattern.compile("\\{([A-Za-z_]+)}").matcher(template);
            while (m.find()) {
                for (Map.Entry<String, String> odd : ODD_IDS.entrySet()) {
                    String path = server + fill(method, template, Map.of(m.group(1), odd.getValue()));
                    cases.add(request(method, path, "path " + m.group(1) + " = " + odd.getKey(), validBody,
                            seeded.rootKey()));
                }
            }

            // Query parameters: each odd value, and odd query strings.
            for (JsonNode p : query) {
                String name = p.path("name").asText();
                for (Map.Entry<String, String> value : queryValues(p.path("schema")).entrySet()) {
                    cases.add(request(method, realPath + "?" + name + "=" + value.getValue(),
                            "query " + name + " = " + value.getKey(), validBody, seeded.rootKey()));
                }
                cases.add(request(method, realPath + "?" + name + "=" + anId(name) + "&" + name + "=" + anId(name),
                        "query " + name + " twice", validBody, seeded.rootKey()));
                cases.add(request(method, realPath + "?" + name, "query " + name + " without =", validBody, seeded.rootKey()));
            }
            for (Map.Entry<String, String> q : ODD_QUERIES.entrySet()) {
                cases.add(request(method, realPath + q.getValue(), "query " + q.getKey(), validBody, seeded.rootKey()));
            }

            // Bodies.
            if (validBody != null) {
                bodies(method, realPath, body, validBody, cases);
            } else {
                cases.add(request(method, realPath, "an unexpected JSON body", "{}", seeded.rootKey()));
                cases.add(withHeaders(method, realPath, "an unexpected text body", "garbage", "text/plain",
                        List.of(entry("X-API-Key", seeded.rootKey()))));
            }
            byOperation.put(method + " " + template, cases);
        }

        private void bodies(String method, String path, JsonNode schema, String validBody, List<Case> cases) {
            Map<String, String> valid = validProperties(schema, false);
            for (var property : (Iterable<Map.Entry<String, JsonNode>>) schema.path("properties")::fields) {
                String name = property.getKey();
                for (Value value : badValues(name, property.getValue())) {
                    Map<String, String> body = new LinkedHashMap<>(valid);
                    body.put(name, value.json());
                    cases.add(request(method, path, "body." + name + " = " + value.label(), object(body), seeded.rootKey()));
                }
                if (!valid.containsKey(name)) continue;
                Map<String, String> without = new LinkedHashMap<>(valid);
                without.remove(name);
                cases.add(request(method, path, "body without " + name, object(without), seeded.rootKey()));
                cases.add(request(method, path, "body with " + name + " twice",
                        "{" + quote(name) + ":" + valid.get(name) + "," + object(valid).substring(1), seeded.rootKey()));
            }
            cases.add(request(method, path, "all optional properties", object(validProperties(schema, true)), seeded.rootKey()));
            Map<String, String> unknown = new LinkedHashMap<>(valid);
            unknown.put("zz_unknown", "1");
            cases.add(request(method, path, "an unknown property", object(unknown), seeded.rootKey()));
            Map<String, String> emptyName = new LinkedHashMap<>(valid);
            emptyName.put("", "1");
            cases.add(request(method, path, "an empty property name", object(emptyName), seeded.rootKey()));
            for (Map.Entry<String, String> odd : oddBodies(validBody).entrySet()) {
                cases.add(request(method, path, "body " + odd.getKey(), odd.getValue(), seeded.rootKey()));
            }
            cases.add(withBytes(method, path, "body invalid UTF-8", concat(new byte[] {(byte) 0xff, (byte) 0xfe},
                    validBody.getBytes(StandardCharsets.UTF_8)), "application/json"));
            cases.add(withBytes(method, path, "body with a UTF-8 BOM", concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},
                    validBody.getBytes(StandardCharsets.UTF_8)), "application/json"));
            cases.add(withBytes(method, path, "body in UTF-16", validBody.getBytes(StandardCharsets.UTF_16LE), "application/json"));
            cases.add(withBytes(method, path, "a 1.1 MiB body", ("{\"zz\":\"" + "x".repeat(1_150_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8), "application/json"));
            cases.add(withBytes(method, path, "an empty body", new byte[0], "application/json"));
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/json; charset=utf-16", "application/json-patch+json", "application/jsonx", "*/*",
                    "application/json;;;", "APPLICATION/JSON", "application/json; charset=UTF-8")) {
                cases.add(withHeaders(method, path, "Content-Type: " + type, validBody, type,
                        List.of(entry("X-API-Key", seeded.rootKey()))));
            }
            cases.add(withHeaders(method, path, "no Content-Type", validBody, null, List.of(entry("X-API-Key", seeded.rootKey()))));
            cases.add(withHeaders(method, path, "two Content-Types", validBody, "application/json",
                    List.of(entry("X-API-Key", seeded.rootKey()), entry("Content-Type", "text/plain"))));
        }

        private static Map<String, String> oddBodies(String valid) {
            Map<String, String> odd = new LinkedHashMap<>();
            odd.put("{}", "{}");
            odd.put("[]", "[]");
            odd.put("\"x\"", "\"x\"");
            odd.put("1", "1");
            odd.put("null", "null");
            odd.put("true", "true");
            odd.put("truncated", valid.substring(0, valid.length() - 1));
            odd.put("with trailing garbage", valid + "x");
            odd.put("twice", valid + valid);
            odd.put("with a comment", "/* c */" + valid);
            odd.put("with single quotes", valid.replace('"', '\''));
            odd.put("with NaN", "{\"zz\":NaN}");
            odd.put("nested 10,000 deep", "{\"zz\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
            odd.put("of 10,000 properties", "{" + String.join(",", java.util.stream.IntStream.range(0, 10_000)
                    .mapToObj(i -> "\"p" + i + "\":" + i).toList()) + "}");
            odd.put("whitespace only", "   \n\t ");
            odd.put("an escaped NUL key", "{\"\\u0000\":1}");
            return odd;
        }

        // ---------------------------------------------------------------- values

        private List<Value> badValues(String name, JsonNode schema) {
            List<Value> values = new ArrayList<>();
            String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
            switch (type) {
                case "integer" -> {
                    long min = schema.path("minimum").asLong(Long.MIN_VALUE);
                    long max = schema.path("maximum").asLong(Long.MAX_VALUE);
                    values.addAll(List.of(new Value("\"12\"", "\"12\""), new Value("1.5", "1.5"), new Value("-1", "-1"),
                            new Value("2^63", "9223372036854775808"), new Value("-2^63-1", "-9223372036854775809"),
                            new Value("1e400", "1e400"), new Value("1e2", "1e2"), new Value("-0", "-0"),
                            new Value("1000 digits", "1" + "0".repeat(1000)), new Value("true", "true"),
                            new Value("null", "null"), new Value("[1]", "[1]"), new Value("{}", "{}")));
                    if (min > Long.MIN_VALUE) values.add(new Value("minimum-1", String.valueOf(min - 1)));
                    if (max < Long.MAX_VALUE) values.add(new Value("maximum+1", String.valueOf(max + 1)));
                }
                case "boolean" -> values.addAll(List.of(new Value("\"true\"", "\"true\""), new Value("1", "1"),
                        new Value("null", "null"), new Value("{}", "{}"), new Value("\"yes\"", "\"yes\"")));
                case "array" -> values.addAll(List.of(new Value("a string", "\"read\""), new Value("[1,2]", "[1,2]"),
                        new Value("an unknown item", "[\"root\"]"), new Value("[null]", "[null]"),
                        new Value("1,000 items", "[" + String.join(",", Collections.nCopies(1000, "\"read\"")) + "]"),
                        new Value("[]", "[]"), new Value("duplicates", "[\"read\",\"read\"]"),
                        new Value("nested", "[[\"read\"]]"), new Value("null", "null"), new Value("{}", "{}")));
                default -> values.addAll(badStrings(name, schema));
            }
            values.add(new Value("valid-looking", validValue(name, schema)));
            return values;
        }

        private List<Value> badStrings(String name, JsonNode schema) {
            List<Value> values = new ArrayList<>(List.of(
                    new Value("12345", "12345"), new Value("true", "true"), new Value("[\"x\"]", "[\"x\"]"),
                    new Value("{\"a\":1}", "{\"a\":1}"), new Value("null", "null"), new Value("\"\"", "\"\""),
                    new Value("spaces", "\"   \""), new Value("10,000 characters", quote("y".repeat(10_000))),
                    new Value("NUL", "\"a\\u0000b\""), new Value("a lone high surrogate", "\"a\\ud800b\""),
                    new Value("a lone low surrogate", "\"\\udc00\""), new Value("reversed surrogates", "\"\\udc00\\ud800\""),
                    new Value("an RTL override", quote("\u202egnp.exe")),
                    new Value("emoji", quote("\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 \ud83c\udff3\ufe0f\u200d\ud83c\udf08")),
                    new Value("zero-width characters", quote("\u200b\ufeff")),
                    new Value("500 combining marks", quote("e" + "\u0301".repeat(500))),
                    new Value("control characters", "\"\\u0001\\u001f\\u007f\""), new Value("CRLF", quote("a\r\nb")),
                    new Value("SQL", quote("' OR 1=1; --")), new Value("markup", quote("<script>alert(1)</script>")),
                    new Value("a path", quote("../../etc/passwd")), new Value("percent escapes", quote("%00%ff%fe"))));
            if (schema.has("maxLength")) {
                int max = schema.path("maxLength").asInt();
                values.add(new Value("maxLength+1", quote("x".repeat(max + 1))));
                values.add(new Value("maxLength emoji", quote("\ud83d\ude00".repeat(max))));
            }
            if (schema.has("enum")) {
                String first = schema.path("enum").get(0).asText();
                values.add(new Value("an enum value in other case", quote(first.equals(first.toUpperCase())
                        ? first.toLowerCase() : first.toUpperCase())));
                values.add(new Value("an enum value with a space", quote(first + " ")));
            }
            return values;
        }

        /** A value the document accepts for the property: a real id, the first enum value, a matching string. */
        private String validValue(String name, JsonNode schema) {
            if (schema.has("enum")) return Json.MAPPER.valueToTree(schema.path("enum").get(0)).toString();
            String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
            return switch (type) {
                case "integer" -> String.valueOf(Math.max(schema.path("minimum").asLong(0),
                        Math.min(schema.path("maximum").asLong(Long.MAX_VALUE), 100)));
                case "boolean" -> "false";
                case "array" -> "[" + Json.MAPPER.valueToTree(schema.path("items").path("enum").path(0).asText("read")) + "]";
                default -> quote(validString(name, schema));
            };
        }

        private String validString(String name, JsonNode schema) {
            if (name.endsWith("_id") || name.equals("organizationId")) {
                String id = anId(name);
                if (id != null) return id;
            }
            int min = schema.path("minLength").asInt(0);
            int max = schema.path("maxLength").asInt(64);
            List<String> candidates = List.of("Fuzz value", "fuzz-" + random.nextInt(1_000_000) + ".example.org",
                    "+1202555" + String.format("%04d", random.nextInt(10_000)), "12-3456789", "FUZZ_ID_1",
                    "fuzz@example.org", "tok_" + "t".repeat(40), "abc");
            Pattern pattern = schema.has("pattern") ? Pattern.compile(schema.path("pattern").asText()) : null;
            for (String c : candidates) {
                int length = c.codePointCount(0, c.length());
                if (length >= min && length <= max && (pattern == null || pattern.matcher(c).matches())) return c;
            }
            return "x".repeat(Math.max(1, min));
        }

        /** A real id for a property or parameter named like one, or null. */
        private String anId(String name) {
            return switch (name) {
                case "organization_id", "organizationId", "parent_id" -> seeded.ids().get("organizations");
                case "brand_id" -> seeded.ids().get("brands");
                case "campaign_id" -> seeded.ids().get("campaigns");
                case "toll_free_verification_id" -> seeded.ids().get("toll-free-verifications");
                default -> null;
            };
        }

        private Map<String, String> validProperties(JsonNode schema, boolean optionalToo) {
            Map<String, String> body = new LinkedHashMap<>();
            Set<String> required = new TreeSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            for (var property : (Iterable<Map.Entry<String, JsonNode>>) schema.path("properties")::fields) {
                if (optionalToo || required.contains(property.getKey())) {
                    body.put(property.getKey(), validValue(property.getKey(), property.getValue()));
                }
            }
            return body;
        }

        private String validBody(JsonNode schema) {
            return object(validProperties(schema, false));
        }

        /** Every query parameter with a value the document accepts. */
        private String validQuery(List<JsonNode> parameters) {
            List<String> pairs = new ArrayList<>();
            for (JsonNode p : parameters) {
                String name = p.path("name").asText();
                String json = validValue(name, p.path("schema"));
                String value;
                try {
                    value = json.startsWith("\"") ? Json.MAPPER.readTree(json).asText() : json;
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                pairs.add(name + "=" + enc(value));
            }
            return "?" + String.join("&", pairs);
        }

        private Map<String, String> queryValues(JsonNode schema) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("empty", "");
            values.put("%00", "%00");
            values.put("%ff%fe", "%ff%fe");
            values.put("an encoded lone surrogate", "%ED%A0%80");
            values.put("an RTL override", enc("\u202egnp"));
            values.put("emoji", enc("\ud83d\udca5\ud83c\udff3\ufe0f\u200d\ud83c\udf08"));
            values.put("10,000 characters", "q".repeat(10_000));
            values.put("65 characters", "q".repeat(65));
            values.put("a quote", enc("'\""));
            values.put("spaces", "+%20+");
            values.put("a plus-encoded space", "In+Progress");
            values.put("CRLF", "%0D%0A");
            values.put("a path", enc("../.."));
            values.put("12", "12");
            values.put("-1", "-1");
            values.put("true", "true");
            values.put("TRUE", "TRUE");
            values.put("a nonexistent id", "org_00000000000000000000000000");
            if (schema.has("enum")) values.put("an enum value", enc(schema.path("enum").get(0).asText()));
            return values;
        }

        private static final Map<String, String> ODD_QUERIES = new LinkedHashMap<>();
        private static final Map<String, String> ODD_IDS = new LinkedHashMap<>();

        static {
            ODD_QUERIES.put("an unknown parameter", "?zz_unknown=1");
            ODD_QUERIES.put("an empty name", "?=1");
            ODD_QUERIES.put("only separators", "?&&&");
            ODD_QUERIES.put("%00 name", "?%00=1");
            ODD_QUERIES.put("an encoded ? and #", "?a%3Fb%23c=1");
            ODD_IDS.put("%00", "%00");
            ODD_IDS.put("%ff%fe", "%ff%fe");
            ODD_IDS.put("an encoded lone surrogate", "%ED%A0%80");
            ODD_IDS.put("an RTL override", "%E2%80%AEdi");
            ODD_IDS.put("emoji", "%F0%9F%92%A5");
            ODD_IDS.put("10,000 characters", "x".repeat(10_000));
            ODD_IDS.put("300 characters", "x".repeat(300));
            ODD_IDS.put("65 characters", "x".repeat(65));
            ODD_IDS.put("..", "..");
            ODD_IDS.put(".", ".");
            ODD_IDS.put("%2e%2e", "%2e%2e");
            ODD_IDS.put("an encoded slash", "a%2Fb");
            ODD_IDS.put("an encoded backslash", "a%5Cb");
            ODD_IDS.put("a space", "a%20b");
            ODD_IDS.put("a quote", "a%27%22b");
            ODD_IDS.put("matrix parameters", "a;b=c");
            ODD_IDS.put("%25", "%25");
            ODD_IDS.put("a nonexistent id", "org_00000000000000000000000000");
            ODD_IDS.put("an id of another kind", "key_00000000000000000000000000");
        }

        // ---------------------------------------------------------------- building requests

        String fill(String method, String template, Map<String, String> odd) {
            java.util.regex.Matcher m = Pattern.compile("\\{([A-Za-z_]+)}").matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String value = odd.containsKey(name) ? odd.get(name) : realId(method, template, name);
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        /**
         * A real resource of the kind the path names (its first segment's), or an organization; one
         * of the doomed ones for a DELETE of the resource itself.
         */
        private String realId(String method, String template, String parameter) {
            if (parameter.equals("organizationId")) return seeded.ids().get("organizations");
            String kind = template.split("/")[1];
            boolean itself = method.equals("DELETE") && template.equals("/" + kind + "/{" + parameter + "}");
            return (itself ? seeded.doomed() : seeded.ids()).getOrDefault(kind, "zz_unknown_kind");
        }

        private Case request(String method, String path, String what, String body, String key) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            if (key != null) headers.add(entry("X-API-Key", key));
            return withHeaders(method, path, what, body, "application/json", headers);
        }

        private Case withHeaders(String method, String path, String what, String body, String contentType,
                                 List<Map.Entry<String, String>> headers) {
            return withBytesAndHeaders(method, path, what, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    contentType, headers);
        }

        private Case withBytes(String method, String path, String what, byte[] body, String contentType) {
            return withBytesAndHeaders(method, path, what, body, contentType, List.of(entry("X-API-Key", seeded.rootKey())));
        }

        private static Case withBytesAndHeaders(String method, String path, String what, byte[] body, String contentType,
                                                List<Map.Entry<String, String>> headers) {
            List<Map.Entry<String, String>> all = new ArrayList<>(headers);
            if (body != null && contentType != null) all.add(entry("Content-Type", contentType));
            return new Case(method, path, what, List.copyOf(all), body);
        }
    }

    // ---------------------------------------------------------------- small helpers

    private static Map.Entry<String, String> entry(String name, String value) {
        return new AbstractMap.SimpleImmutableEntry<>(name, value);
    }

    private static String object(Map<String, String> properties) {
        List<String> members = new ArrayList<>();
        properties.forEach((name, json) -> members.add(quote(name) + ":" + json));
        return "{" + String.join(",", members) + "}";
    }

    private static String quote(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String shorten(String text, int max) {
        String flat = text.replace("\n", "\\n").replace("\r", "\\r");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + flat.length() + " chars)";
    }
}
