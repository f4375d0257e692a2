package org.civicast.platform.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Database;
import org.civicast.platform.idempotency.IdempotentRequests;

/**
 * Everything between an admitted request and its handler, the same for every route: scope,
 * content type, query and body validation, one transaction per write, idempotent replay.
 */
final class RequestPipeline {
    private final Database db;
    private final IdempotentRequests idempotent;
    private final Gate gate;

    RequestPipeline(Database db, IdempotentRequests idempotent, Gate gate) {
        this.db = db;
        this.idempotent = idempotent;
        this.gate = gate;
    }

    Handler wrap(Route route, ApiSurface surface) {
        Rendering rendering = surface.rendering();
        BodyFormat format = surface.bodies();
        boolean write = !route.method.equals("GET");
        return ctx -> {
            Principal principal = ctx.attribute(Gate.PRINCIPAL);
            if (!principal.has(route.scope)) {
                throw new ApiException(ErrorCode.PERMISSION_DENIED,
                        "This API key lacks the '" + route.scope.wireName() + "' scope",
                        Map.of("requiredScope", route.scope.wireName()));
            }
            Map<String, String> query = query(route, ctx);
            byte[] raw = write ? ctx.bodyAsBytes() : new byte[0];
            if (raw.length > 0) {
                requireMediaType(ctx, format);
                requireUtf8(raw);
            }
            Body body = format.parse(route.body, raw);
            ApiRequest request = new ApiRequest(ctx, principal, query, body);
            IdempotentRequests.Response response;
            String key = ctx.header("Idempotency-Key");
            if (write && key != null) {
                if (key.isBlank() || key.length() > 255) {
                    throw ApiException.validation("Idempotency-Key", "must be 1 to 255 characters");
                }
                String hash = hash(route.method, ctx.path(), body == null ? "" : canonical(raw));
                response = idempotent.execute(principal.keyId(), key, hash, () -> run(route, request, rendering));
                if (response.replayed()) ctx.header("Idempotent-Replayed", "true");
            } else if (write) {
                response = db.tx(h -> {
                    IdempotentRequests.Response done = run(route, request, rendering);
                    gate.releaseWithin(ctx, h);
                    return done;
                });
            } else {
                Reply reply = route.handler.handle(request);
                if (reply.data() instanceof FileReply file) {
                    ctx.status(reply.status()).contentType(file.mediaType())
                            .header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"")
                            .result(file.content());
                    return;
                }
                byte[] answer = rendering.success(reply.data());
                if (surface.conditionalGets() && ConditionalGet.notModified(ctx, reply, answer)) return;
                response = new IdempotentRequests.Response(reply.status(), answer, answer, false);
            }
            ctx.status(response.status()).contentType("application/json").result(response.body());
        };
    }

    private static IdempotentRequests.Response run(Route route, ApiRequest request, Rendering rendering) {
        Reply reply = route.handler.handle(request);
        byte[] body = rendering.success(reply.data());
        byte[] remembered = reply.remembered() == reply.data() ? body : rendering.success(reply.remembered());
        return new IdempotentRequests.Response(reply.status(), body, remembered, false);
    }

    private static Map<String, String> query(Route route, Context ctx) {
        Map<String, String> values = new HashMap<>();
        List<ApiException.FieldIssue> issues = new java.util.ArrayList<>();
        ctx.queryParamMap().forEach((name, list) -> {
            Field field = route.query.get(name);
            if (field == null) {
                issues.add(new ApiException.FieldIssue(name, "is not a known query parameter"));
            } else if (list.size() != 1) {
                issues.add(new ApiException.FieldIssue(name, "must be given once"));
            } else {
                String problem = field.problem(list.getFirst());
                if (problem != null) issues.add(new ApiException.FieldIssue(name, problem));
                else values.put(name, list.getFirst());
            }
        });
        if (!issues.isEmpty()) throw ApiException.validation(issues);
        return values;
    }

    private static void requireMediaType(Context ctx, BodyFormat format) {
        String type = ctx.contentType();
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!base.equals(format.mediaType())) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Request bodies must be sent as Content-Type: " + format.mediaType());
        }
    }

    /**
     * Bodies are UTF-8, and only its shortest form: a decoder that accepts overlong sequences lets
     * {@code C0 AE} through as a dot, so a filter on the text can be walked around.
     */
    private static void requireUtf8(byte[] raw) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
        } catch (CharacterCodingException e) {
            throw ApiException.validation("body", "is not valid UTF-8");
        }
    }

    /** Semantically equal JSON (whitespace aside) hashes equal, so a client's retry is recognised. */
    private static String canonical(byte[] raw) {
        try {
            return Json.MAPPER.readTree(raw).toString();
        } catch (java.io.IOException e) {
            return new String(raw, StandardCharsets.UTF_8);
        }
    }

    private static String hash(String method, String path, String body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
