package org.civicast.advocacy.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A stand-in for a CWC receiver on 127.0.0.1: it parses each POSTed document, checks the API key,
 * the required elements and their formats as the published CWC 2.0 rules state them, and answers
 * as CWC does: success, or 400 with {@code <Error>} elements. Its checks are written independently
 * of {@link CwcMessage} so that they test it.
 */
public final class FakeCwcServer implements AutoCloseable {
    private static final Pattern UID = Pattern.compile("[a-zA-Z0-9]{32}");
    private static final Pattern EMAIL = Pattern.compile("[^@]+@[^\\.]+\\..+");
    private static final Pattern PHONE = Pattern.compile("\\d{3}-\\d{3}-\\d{4}");

    private final HttpServer server;
    private final String apiKey;
    private final boolean senate;
    public final List<Document> received = new CopyOnWriteArrayList<>();
    public final List<String> bodies = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    /** How many of the next requests get a 503, as during a maintenance window. */
    final AtomicInteger unavailable = new AtomicInteger();
    private final Set<String> deliveryIds = ConcurrentHashMap.newKeySet();

    /** A House-like receiver at /v2/message and /v2/validate. */
    public static FakeCwcServer house(String apiKey) throws IOException {
        return new FakeCwcServer(apiKey, false);
    }

    /** A Senate-like receiver at /api/testing-messages/: 201 on success, 409 for a DeliveryId seen before. */
    static FakeCwcServer senate(String apiKey) throws IOException {
        return new FakeCwcServer(apiKey, true);
    }

    private FakeCwcServer(String apiKey, boolean senate) throws IOException {
        this.apiKey = apiKey;
        this.senate = senate;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        if (senate) {
            server.createContext("/api/testing-messages/", exchange -> handle(exchange, true));
        } else {
            server.createContext("/v2/message", exchange -> handle(exchange, true));
            server.createContext("/v2/validate", exchange -> handle(exchange, false));
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI senateMessagesUrl() {
        return URI.create(baseUrl() + "/api/testing-messages/");
    }

    private void handle(HttpExchange exchange, boolean keep) throws IOException {
        requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, 503, "Service Unavailable");
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            answer(exchange, 405, "POST only");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/xml")) {
            answer(exchange, 415, "Content-Type must be application/xml");
            return;
        }
        if (!apiKey.equals(query(exchange.getRequestURI(), "apikey"))) {
            answer(exchange, 401, errors(List.of("Invalid API key")));
            return;
        }
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            answer(exchange, 400, errors(List.of("Malformed XML: " + e.getMessage())));
            return;
        }
        List<String> problems = check(document);
        if (!problems.isEmpty()) {
            answer(exchange, 400, errors(problems));
            return;
        }
        if (keep) {
            if (senate && !deliveryIds.add(text(document, "/CWC/Delivery/DeliveryId"))) {
                answer(exchange, 409, errors(List.of("Duplicate DeliveryId")));
                return;
            }
            received.add(document);
            bodies.add(new String(body, StandardCharsets.UTF_8));
        }
        answer(exchange, senate ? 201 : 200, "<Response>Message accepted</Response>");
    }

    private List<String> check(Document d) {
        List<String> problems = new ArrayList<>();
        if (!"2.0".equals(text(d, "/CWC/CWCVersion"))) problems.add("CWCVersion must be 2.0");
        matches(d, problems, "/CWC/Delivery/DeliveryId", UID);
        matches(d, problems, "/CWC/Delivery/DeliveryDate", Pattern.compile("\\d{8}"));
        present(d, problems, "/CWC/Delivery/DeliveryAgent");
        matches(d, problems, "/CWC/Delivery/DeliveryAgentAckEmailAddress", EMAIL);
        present(d, problems, "/CWC/Delivery/DeliveryAgentContact/DeliveryAgentContactName");
        matches(d, problems, "/CWC/Delivery/DeliveryAgentContact/DeliveryAgentContactEmail", EMAIL);
        matches(d, problems, "/CWC/Delivery/DeliveryAgentContact/DeliveryAgentContactPhone", PHONE);
        present(d, problems, "/CWC/Delivery/CampaignId");
        matches(d, problems, "/CWC/Recipient/MemberOffice",
                Pattern.compile(senate ? "S[A-Z]{2}\\d{1,2}" : "H[A-Z]{2}\\d{2}"));
        optionalMatch(d, problems, "/CWC/Recipient/IsResponseRequested", Pattern.compile("[YyNn]"));
        optionalMatch(d, problems, "/CWC/Recipient/NewsletterOptIn", Pattern.compile("[YyNn]"));
        String prefix = text(d, "/CWC/Constituent/Prefix");
        List<String> prefixes = senate ? List.of("Mr.", "Mrs.", "Miss", "Ms.", "Dr.") : CwcVocabulary.HOUSE_PREFIXES;
        if (prefix == null || !prefixes.contains(prefix)) problems.add("Prefix is required and must be in the list");
        for (String name : List.of("FirstName", "LastName", "Address1", "City")) present(d, problems, "/CWC/Constituent/" + name);
        matches(d, problems, "/CWC/Constituent/StateAbbreviation", Pattern.compile("[A-Z]{2}"));
        matches(d, problems, "/CWC/Constituent/Zip", Pattern.compile("\\d{5}(-\\d{4})?"));
        optionalMatch(d, problems, "/CWC/Constituent/Phone", PHONE);
        matches(d, problems, "/CWC/Constituent/Email", EMAIL);
        present(d, problems, "/CWC/Message/Subject");
        NodeList topics = nodes(d, "/CWC/Message/LibraryOfCongressTopics/LibraryOfCongressTopic");
        if (topics.getLength() == 0) problems.add("at least one LibraryOfCongressTopic is required");
        for (int i = 0; i < topics.getLength(); i++) {
            if (!CwcVocabulary.TOPICS.contains(topics.item(i).getTextContent())) {
                problems.add("unknown LibraryOfCongressTopic " + topics.item(i).getTextContent());
            }
        }
        optionalMatch(d, problems, "/CWC/Message/ProOrCon", Pattern.compile("[Pp][Rr][Oo]|[Cc][Oo][Nn]"));
        if (text(d, "/CWC/Message/ConstituentMessage") == null && text(d, "/CWC/Message/OrganizationStatement") == null) {
            problems.add("ConstituentMessage or OrganizationStatement is required");
        }
        return problems;
    }

    private static void present(Document d, List<String> problems, String path) {
        if (text(d, path) == null) problems.add(path + " is required");
    }

    private static void matches(Document d, List<String> problems, String path, Pattern format) {
        String value = text(d, path);
        if (value == null) problems.add(path + " is required");
        else if (!format.matcher(value).matches()) problems.add(path + " is malformed: " + value);
    }

    private static void optionalMatch(Document d, List<String> problems, String path, Pattern format) {
        String value = text(d, path);
        if (value != null && !format.matcher(value).matches()) problems.add(path + " is malformed: " + value);
    }

    static String text(Document d, String path) {
        NodeList found = nodes(d, path);
        if (found.getLength() == 0) return null;
        String text = found.item(0).getTextContent();
        return text.isBlank() ? null : text;
    }

    static NodeList nodes(Document d, String path) {
        try {
            return (NodeList) XPathFactory.newInstance().newXPath().evaluate(path, d, XPathConstants.NODESET);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String errors(List<String> problems) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><Errors>");
        for (String p : problems) xml.append("<Error>").append(p.replace("&", "&amp;").replace("<", "&lt;")).append("</Error>");
        return xml.append("</Errors>").toString();
    }

    private static String query(URI uri, String name) {
        if (uri.getRawQuery() == null) return null;
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
