package org.civicast.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.civicast.contacts.FileServer;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;

/**
 * A server with what projects send through: an organization with a 10DLC brand, campaign and
 * numbers, a toll-free verification and number, lists imported from a local file server, media.
 */
final class ProjectWorld implements AutoCloseable {
    private static final AtomicInteger NEXT = new AtomicInteger(100);

    final FileServer files;
    final TestServer server;
    final ApiClient root;
    final String org;
    final String brand;
    final String campaign;
    final String number;
    final String secondNumber;
    final String tfv;
    final String tollFreeNumber;

    private ProjectWorld(FileServer files, TestServer server) {
        this.files = files;
        this.server = server;
        this.root = server.root();
        this.org = server.createOrganization(server.rootOrganizationId(), "Ward 3 Democrats");
        this.brand = TestServer.idOf(root.post("/v1/brands", Map.of("brand_name", "Ward 3", "organization_id", org,
                "vetting_score", 60)));
        this.campaign = campaign(brand, "GOTV", Map.of());
        this.number = number(campaign);
        this.secondNumber = number(campaign);
        this.tfv = TestServer.idOf(root.post("/v1/toll-free-verifications", Map.of("name", "Ward 3 toll-free",
                "organization_id", org)));
        this.tollFreeNumber = TestServer.idOf(root.post("/v1/phone-numbers", Map.of("number",
                "+1888555" + String.format("%04d", NEXT.getAndIncrement()), "channel", "toll-free",
                "organization_id", org, "toll_free_verification_id", tfv)));
    }

    static ProjectWorld start(Map<String, String> extra) throws IOException {
        FileServer files = new FileServer();
        Map<String, String> settings = new HashMap<>();
        settings.put("CIVICAST_OUTBOUND_ALLOWLIST", "127.0.0.1");
        settings.put("CIVICAST_OUTBOUND_ALLOW_HTTP", "true");
        settings.put("CIVICAST_JOBS_POLL_MILLIS", "50");
        settings.put("CIVICAST_JOBS_BACKOFF_BASE_SECONDS", "0");
        settings.put("CIVICAST_JOBS_MAX_ATTEMPTS", "2");
        settings.putAll(extra);
        return new ProjectWorld(files, TestServer.start(settings, Clock.systemUTC()));
    }

    String campaign(String brandId, String name, Map<String, Object> terms) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("brand_id", brandId, "name", name, "use_case", "MIXED"));
        body.putAll(terms);
        return TestServer.idOf(root.post("/v1/campaigns", body));
    }

    /** A new active 10DLC number of the world's organization, attached to the campaign. */
    String number(String campaignId) {
        return TestServer.idOf(root.post("/v1/phone-numbers", Map.of("number",
                "+1202555" + String.format("%04d", NEXT.getAndIncrement()), "channel", "10dlc",
                "organization_id", org, "campaign_id", campaignId)));
    }

    /** A list imported from this CSV (with a Phone column) into the organization, once ready. */
    String list(String csv, Map<String, Object> mergeTags) throws InterruptedException {
        return list(org, csv, mergeTags);
    }

    String list(String organizationId, String csv, Map<String, Object> mergeTags) throws InterruptedException {
        String url = files.put("/l" + System.nanoTime() + ".csv", csv.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> body = new LinkedHashMap<>(Map.of("source_url", url, "list_name", "List",
                "phone_column", "Phone", "organization_id", organizationId));
        if (!mergeTags.isEmpty()) body.put("merge_tags", mergeTags);
        ApiClient.Response accepted = root.post("/v1/contact-lists/import", body);
        assertEquals(202, accepted.status(), accepted.toString());
        String id = accepted.data().get("list_id").asText();
        assertEquals("ready", settled("/v1/contact-lists/" + id, "/import/status"), "list " + id);
        return id;
    }

    /** A ready MMS picture of the organization. */
    String media() throws IOException, InterruptedException {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        String url = files.put("/m" + System.nanoTime() + ".png", png.toByteArray());
        ApiClient.Response accepted = root.post("/v1/media", Map.of("source_url", url, "organization_id", org));
        assertEquals(202, accepted.status(), accepted.toString());
        String id = accepted.data().get("media_id").asText();
        assertEquals("ready", settled("/v1/media/" + id, "/status"), "media " + id);
        return id;
    }

    private String settled(String path, String pointer) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            String status = root.get(path).data().at(pointer).asText();
            if (!status.equals("processing") && !status.equals("optimizing") && !status.equals("uploading")) return status;
            Thread.sleep(50);
        }
        throw new AssertionError(path + " did not settle");
    }

    /** A valid 10DLC create body, to be changed by each test. */
    Map<String, Object> body(String... listIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organization_id", org);
        body.put("brand_id", brand);
        body.put("campaign_id", campaign);
        body.put("phone_number_ids", List.of(number));
        body.put("name", "GOTV reminder");
        body.put("protocol", "sms");
        body.put("message_text", "Hi {first_name|friend}, polls are open until 8pm.");
        if (listIds.length > 0) body.put("contact_list_ids", List.of(listIds));
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, Object... pairs) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) copy.remove((String) pairs[i]);
            else copy.put((String) pairs[i], pairs[i + 1]);
        }
        return copy;
    }

    ApiClient.Response create(Map<String, Object> body) {
        return root.post("/v1/projects", body);
    }

    String created(Map<String, Object> body) {
        ApiClient.Response r = create(body);
        assertEquals(201, r.status(), r.toString());
        return r.data().get("project_id").asText();
    }

    JsonNode project(String id) {
        ApiClient.Response r = root.get("/v1/projects/" + id);
        assertEquals(200, r.status(), r.toString());
        return r.data();
    }

    ProjectService service() {
        return server.civicast().service(ProjectService.class);
    }

    @Override
    public void close() {
        server.close();
        files.close();
    }
}
