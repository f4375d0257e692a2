package org.civicast.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.KeywordFactory;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.civicast.platform.http.Json;

/**
 * A served OpenAPI document as a judge of answers: which documented operation a request reached,
 * and whether an answer has the headers and the JSON body (JSON Schema 2020-12, validated by
 * networknt's validator) that the operation documents for its status, or for {@code default}.
 *
 * <pre>
 *   OpenApiAnswers doc = OpenApiAnswers.of(server.client(null).get("/v1/openapi.json").json());
 *   List&lt;String&gt; problems = doc.problems("GET", "/v1/brands", response);
 * </pre>
 */
public final class OpenApiAnswers {
    private static final String IRI = "https://civicast.test/v1/openapi.json";
    /** The document's own fields, read as keywords because the document is loaded as a schema resource. */
    private static final java.util.Set<String> DOCUMENT_FIELDS = java.util.Set.of("openapi", "info", "servers",
            "security", "components", "paths", "tags", "webhooks", "externalDocs", "jsonSchemaDialect");
    /** Any other keyword the validator does not know is a mistake in a schema, not something to skip. */
    private static final KeywordFactory DOCUMENT_FIELDS_ONLY = (keyword, context) -> {
        if (DOCUMENT_FIELDS.contains(keyword)) return new NonValidationKeyword(keyword);
        throw new IllegalStateException("unknown JSON Schema keyword '" + keyword + "' in the OpenAPI document");
    };

    private final JsonNode doc;
    private final String serverPath;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiAnswers(JsonNode doc) {
        this.doc = doc;
        this.serverPath = doc.path("servers").path(0).path("url").asText("");
        Dialect openApi31 = Dialect.builder(Dialects.getOpenApi31()).unknownKeywordFactory(DOCUMENT_FIELDS_ONLY).build();
        this.registry = SchemaRegistry.withDialect(openApi31,
                builder -> builder.schemas(Map.of(IRI, doc.toString())));
    }

    public static OpenApiAnswers of(JsonNode doc) {
        return new OpenApiAnswers(doc);
    }

    public JsonNode document() {
        return doc;
    }

    /** A documented operation: its method, its path template (under the server URL) and its object. */
    public record Operation(String method, String template, JsonNode node) {}

    /** The operation a request reaches; {@code path} is the full path (with the server URL), without query. */
    public Optional<Operation> operation(String method, String path) {
        if (!path.startsWith(serverPath + "/")) return Optional.empty();
        String local = path.substring(serverPath.length());
        Operation best = null;
        int bestLiterals = -1;
        for (var item : (Iterable<Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
            JsonNode op = item.getValue().get(method.toLowerCase());
            if (op == null) continue;
            String template = item.getKey();
            String regex = "\\Q" + template.replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            if (!Pattern.matches(regex, local)) continue;
            int literals = (int) java.util.Arrays.stream(template.split("/"))
                    .filter(s -> !s.isEmpty() && !s.startsWith("{")).count();
            if (literals > bestLiterals) {
                best = new Operation(method.toUpperCase(), template, op);
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * What is wrong with an answer to a documented operation: a documented required header it lacks
     * ({@code header} gives a header's value or null), a content type the response does not
     * document, a body that is not JSON, or one its schema refuses. Empty when it is right.
     */
    public List<String> problems(Operation op, int status, String contentType, byte[] body,
                                 Function<String, String> header) {
        List<String> problems = new ArrayList<>();
        String declared = op.node().path("responses").has(String.valueOf(status)) ? String.valueOf(status) : "default";
        String pointer = "/paths/" + escape(op.template()) + "/" + op.method().toLowerCase() + "/responses/" + declared;
        JsonNode response = op.node().path("responses").get(declared);
        if (response == null) {
            problems.add("the operation documents neither " + status + " nor default");
            return problems;
        }
        while (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = doc.at(pointer);
        }
        for (var h : (Iterable<Map.Entry<String, JsonNode>>) response.path("headers")::fields) {
            JsonNode definition = h.getValue().has("$ref") ? doc.at(h.getValue().get("$ref").asText().substring(1)) : h.getValue();
            if (definition.path("required").asBoolean() && header.apply(h.getKey()) == null) {
                problems.add("no " + h.getKey() + " header");
            }
        }
        String type = contentType == null ? "" : contentType.split(";")[0].trim();
        if (!response.path("content").has(type)) {
            problems.add("content type '" + type + "' is not documented for response " + declared);
            return problems;
        }
        if (!type.equals("application/json")) return problems; // a file, documented as such
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            json = null;
        }
        if (json == null || json.isMissingNode()) {
            problems.add("the body is not JSON");
            return problems;
        }
        String schemaPointer = pointer + "/content/" + escape(type) + "/schema";
        Schema schema = schemas.computeIfAbsent(schemaPointer,
                p -> registry.getSchema(SchemaLocation.of(IRI + "#" + p)));
        List<com.networknt.schema.Error> errors = schema.validate(json);
        for (int i = 0; i < Math.min(3, errors.size()); i++) {
            problems.add("response " + declared + " schema: " + errors.get(i).getInstanceLocation() + " "
                    + errors.get(i).getMessage());
        }
        return problems;
    }

    /** The problems of a test client's response to a request for a full path (with query). */
    public List<String> problems(String method, String pathAndQuery, ApiClient.Response r) {
        String path = pathAndQuery.split("\\?")[0];
        Optional<Operation> op = operation(method, path);
        if (op.isEmpty()) return List.of("no documented operation for " + method + " " + path);
        return problems(op.get(), r.status(), r.header("Content-Type"), r.raw(), r::header);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
