package org.civicast.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.civicast.Civicast;
import org.civicast.platform.config.Config;
import org.civicast.platform.http.tls.ServerCertificates;

/**
 * A real Civicast server for a test class: HTTPS on a random port, its own fresh PostgreSQL
 * database, a known root key. Start it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 *
 * <pre>
 *   server = TestServer.start();
 *   ApiClient root = server.root();                  // root key: read, write, admin
 *   String child = server.createOrganization(server.rootOrganizationId(), "Child");
 *   ApiClient childKey = server.client(server.createKey(child, "read", "write"));
 *   var r = childKey.get("/v1/brands");              // r.status(), r.data(), r.code(), r.header("X-RateLimit-Limit")
 * </pre>
 */
public final class TestServer implements AutoCloseable {
    private final Civicast civicast;
    private final Path dataDir;
    private final HttpClient http;
    private final String rootKey;
    private final String databaseUrl;

    private TestServer(Civicast civicast, Path dataDir, String rootKey, String databaseUrl) {
        this.civicast = civicast;
        this.dataDir = dataDir;
        this.rootKey = rootKey;
        this.databaseUrl = databaseUrl;
        Path certificate = ServerCertificates.selfSignedCertificatePem(dataDir);
        // In proxy mode the server speaks plain HTTP and has no certificate of its own.
        this.http = Files.exists(certificate) ? ApiClient.httpClientTrusting(certificate) : HttpClient.newHttpClient();
    }

    public static TestServer start() {
        return start(Map.of(), Clock.systemUTC());
    }

    /** Starts with extra CIVICAST_* settings (they win over the test defaults) and a clock. */
    public static TestServer start(Map<String, String> settings, Clock clock) {
        String url = settings.getOrDefault("CIVICAST_DATABASE_URL", TestDatabases.fresh());
        return startOn(url, settings, clock);
    }

    /** Starts another instance on an existing database, as a second server behind a balancer would. */
    public static TestServer startOn(String databaseUrl, Map<String, String> settings, Clock clock) {
        try {
            Path dataDir = Files.createTempDirectory("civicast-test");
            String rootKey = settings.getOrDefault("CIVICAST_BOOTSTRAP_API_KEY", randomKey());
            Map<String, String> env = new HashMap<>();
            env.put("CIVICAST_DATA_DIR", dataDir.toString());
            env.put("CIVICAST_PORT", "0");
            env.put("CIVICAST_BIND_ADDRESS", "127.0.0.1");
            env.put("CIVICAST_DATABASE_URL", databaseUrl);
            env.put("CIVICAST_DATABASE_POOL_SIZE", "8");
            env.put("CIVICAST_RATE_LIMIT_PER_HOUR", "1000000");
            // Tests run at any hour: sending hours are tested where the clock is the test's own.
            env.put("CIVICAST_QUIET_HOURS", "none");
            env.put("CIVICAST_BOOTSTRAP_API_KEY", rootKey);
            // Loading the shipped congress data takes seconds; the tests that look members up ask for it.
            env.put("CIVICAST_CONGRESS_LOAD_ON_START", "false");
            env.putAll(settings);
            Civicast civicast = Civicast.start(Config.load(env), clock);
            return new TestServer(civicast, dataDir, rootKey, databaseUrl);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String randomKey() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder("pc_live_");
        for (int i = 0; i < 40; i++) key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return key.toString();
    }

    public String baseUrl() {
        return "https://localhost:" + civicast.port();
    }

    public int port() {
        return civicast.port();
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Civicast civicast() {
        return civicast;
    }

    public String rootKey() {
        return rootKey;
    }

    public ApiClient root() {
        return client(rootKey);
    }

    public ApiClient client(String apiKey) {
        return new ApiClient(http, baseUrl(), apiKey);
    }

    public String rootOrganizationId() {
        return root().get("/v1/organizations").data().get(0).get("id").asText();
    }

    /** A client for a server started some other way, trusting its self-signed certificate. */
    public static ApiClient clientFor(String baseUrl, Path dataDir, String apiKey) {
        return new ApiClient(ApiClient.httpClientTrusting(ServerCertificates.selfSignedCertificatePem(dataDir)),
                baseUrl, apiKey);
    }

    /** Creates an organization with the root key and returns its id. */
    public String createOrganization(String parentId, String name) {
        ApiClient.Response r = root().post("/v1/organizations", Map.of("display_name", name, "parent_id", parentId));
        if (r.status() != 201) throw new IllegalStateException("creating organization failed: " + r);
        return r.data().get("id").asText();
    }

    /** Issues a key at an organization with the root key and returns the secret. */
    public String createKey(String organizationId, String... scopes) {
        ApiClient.Response r = root().post("/v1/api-keys",
                Map.of("name", "test", "organization_id", organizationId, "scopes", List.of(scopes)));
        if (r.status() != 201) throw new IllegalStateException("creating key failed: " + r);
        return r.data().get("key").asText();
    }

    /** The id field of a created resource, failing loudly if creation did not succeed. */
    public static String idOf(ApiClient.Response created) {
        if (created.status() / 100 != 2) throw new IllegalStateException("expected success: " + created);
        JsonNode id = created.data().get("id");
        return id.asText();
    }

    @Override
    public void close() {
        civicast.close();
    }
}
