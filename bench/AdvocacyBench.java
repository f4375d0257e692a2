import java.io.*;
import java.net.*;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.*;
import java.security.cert.CertificateFactory;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.concurrent.locks.LockSupport;
import java.util.function.*;
import java.util.stream.*;
import javax.net.ssl.*;

/**
 * Throughput and latency of the advocacy API: letter submissions (targets resolved, one delivery
 * per office queued as a background job) and ZIP lookups, beside a trivial authenticated /v3 route
 * in the same run, with nothing but the JDK. From the repository root:
 * {@code java bench/AdvocacyBench.java [--concurrency 16] [--seconds 10] [--rate 500] [--warmup 3]
 * [--server-warmup 10] [--jobs-workers 4] [--drain 120] [--jar target/civicast.jar] [--pg-stats]
 * [--pg-setting NAME=VALUE]}. bench/README.md says how to read it.
 */
public class AdvocacyBench {
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    static int concurrency = 16, seconds = 10, rate = 500, warmup = 3, serverWarmup = 10, jobsWorkers = 4, drain = 120;
    static Path jar = Path.of("target/civicast.jar");
    /** PostgreSQL's statement statistics (pg_stat_statements) of each letters run, printed after it. */
    static boolean pgStats;
    /** PostgreSQL settings to try (--pg-setting name=value, repeatable), set with ALTER SYSTEM before the server starts again. */
    static final List<String> pgSettings = new ArrayList<>();
    /** The bootstrap credentials: a server started again on the same data directory keeps them. */
    static final String API_KEY = "pc_live_" + random(40), AUTH_TOKEN = random(48);

    /** The floor the advocacy issue sets for letter submissions. */
    static final int FLOOR_RPS = 500;
    static final double FLOOR_P99_MS = 50;

    /**
     * One ZIP code per state, each the ZCTA of exactly one congressional district in the shipped
     * zccd.csv (119th Congress), so a supporter's House member is known from the ZIP alone and a
     * letter goes to three offices. Checked again against the server before any load.
     */
    static final String[][] ZIPS = {
            {"99675", "AK"}, {"36039", "AL"}, {"72355", "AR"}, {"85737", "AZ"}, {"94806", "CA"},
            {"80913", "CO"}, {"06382", "CT"}, {"19931", "DE"}, {"33129", "FL"}, {"30824", "GA"},
            {"96762", "HI"}, {"51104", "IA"}, {"83524", "ID"}, {"62082", "IL"}, {"47041", "IN"},
            {"67071", "KS"}, {"41513", "KY"}, {"70736", "LA"}, {"01851", "MA"}, {"21252", "MD"},
            {"04495", "ME"}, {"49037", "MI"}, {"56046", "MN"}, {"64471", "MO"}, {"39074", "MS"},
            {"59460", "MT"}, {"28160", "NC"}, {"58433", "ND"}, {"68749", "NE"}, {"03464", "NH"},
            {"08008", "NJ"}, {"87731", "NM"}, {"89415", "NV"}, {"12886", "NY"}, {"44404", "OH"},
            {"74016", "OK"}, {"97452", "OR"}, {"17005", "PA"}, {"02859", "RI"}, {"29565", "SC"},
            {"57376", "SD"}, {"37829", "TN"}, {"77625", "TX"}, {"84523", "UT"}, {"23461", "VA"},
            {"05478", "VT"}, {"98629", "WA"}, {"54207", "WI"}, {"25676", "WV"}, {"82601", "WY"}};

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--server-warmup" -> serverWarmup = Integer.parseInt(args[++i]);
                case "--jobs-workers" -> jobsWorkers = Integer.parseInt(args[++i]);
                case "--drain" -> drain = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--pg-stats" -> pgStats = true;
                case "--pg-setting" -> pgSettings.add(args[++i]);
                default -> {
                    System.err.println("usage: java bench/AdvocacyBench.java [--concurrency N] [--seconds N] [--rate N]"
                            + " [--warmup N] [--server-warmup N] [--jobs-workers N] [--drain N] [--jar PATH] [--pg-stats] [--pg-setting NAME=VALUE]   (unknown: " + args[i] + ")");
                    System.exit(2);
                }
            }
        }
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("no jar at " + jar.toAbsolutePath());
        printMachine();

        Path dataDir = Files.createTempDirectory("civicast-advbench-");
        Server server = null;
        int exit = 0;
        try {
            server = Server.start(dataDir);
            long coldStart = server.readyMillis;
            if (pgStats || !pgSettings.isEmpty()) {
                // The extension's library loads only at PostgreSQL's start: set it, then start again.
                try (java.sql.Connection c = server.database(); Statement st = c.createStatement()) {
                    if (pgStats) st.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
                    for (String setting : pgSettings) {
                        String[] kv = setting.split("=", 2);
                        st.execute("ALTER SYSTEM SET " + kv[0] + " = '" + kv[1].replace("'", "''") + "'");
                        System.out.println("PostgreSQL setting for this run: " + kv[0] + " = " + kv[1]);
                    }
                }
                server.stop();
                server = Server.start(dataDir);
                if (pgStats) {
                    try (java.sql.Connection c = server.database(); Statement st = c.createStatement()) {
                        st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                        st.execute("ALTER SYSTEM SET pg_stat_statements.track_planning = on");
                        st.execute("SELECT pg_reload_conf()");
                    }
                }
            }
            System.out.printf("%nserver ready after %d ms (cold: initdb, migrations, the shipped congress data)%n",
                    coldStart);
            try (Bench bench = new Bench(server)) {
                exit = bench.run();
            }
        } finally {
            if (server != null) {
                server.stop();
                server.printLogSummary();
            }
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            System.out.println("load average at the end: " + loadAverage());
        }
        System.exit(exit);
    }

    // ---------------------------------------------------------------- the server, a child process

    static final class Server {
        final List<String> output = Collections.synchronizedList(new ArrayList<>());
        final Path dataDir;
        final String apiKey = API_KEY, authToken = AUTH_TOKEN;
        Process process;
        Thread pump;
        int port;
        long readyMillis;
        SSLContext ssl;

        Server(Path dataDir) {
            this.dataDir = dataDir;
        }

        static Server start(Path dataDir) throws Exception {
            Server s = new Server(dataDir);
            try (ServerSocket probe = new ServerSocket(0)) {
                s.port = probe.getLocalPort();
            }
            ProcessBuilder pb = new ProcessBuilder(JAVA.toString(), "-jar", jar.toAbsolutePath().toString())
                    .redirectErrorStream(true);
            // Only our settings: an inherited CIVICAST_DATABASE_URL would silently bench another setup.
            pb.environment().keySet().removeIf(name -> name.startsWith("CIVICAST_"));
            pb.environment().putAll(Map.of(
                    "CIVICAST_DATA_DIR", dataDir.toString(),
                    "CIVICAST_PORT", String.valueOf(s.port),
                    "CIVICAST_BIND_ADDRESS", "127.0.0.1",
                    "CIVICAST_BOOTSTRAP_API_KEY", s.apiKey,
                    "CIVICAST_BOOTSTRAP_AUTH_TOKEN", s.authToken,
                    "CIVICAST_RATE_LIMIT_PER_HOUR", String.valueOf(Integer.MAX_VALUE), // one key, one account
                    "CIVICAST_ADVOCACY_CONCURRENT_REQUESTS", "1000",                    // the highest allowed
                    "CIVICAST_JOBS_WORKERS", String.valueOf(jobsWorkers),
                    "CIVICAST_CONGRESS_LOAD_ON_START", "true"));
            long t0 = System.nanoTime();
            s.process = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(s::kill)); // Ctrl-C must not leak a server
            s.pump = Thread.ofPlatform().daemon().start(s::pump);

            Path cert = dataDir.resolve("tls/self-signed.crt");
            URI readyz = URI.create("https://127.0.0.1:" + s.port + "/readyz");
            HttpClient client = null;
            while (true) {
                if (!s.process.isAlive()) {
                    s.output.forEach(System.err::println);
                    throw new IllegalStateException("server exited with " + s.process.exitValue());
                }
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(3)) throw new IllegalStateException("not ready after 3 minutes");
                if (client == null && Files.exists(cert)) {
                    try (InputStream in = Files.newInputStream(cert)) {
                        s.ssl = trusting(CertificateFactory.getInstance("X.509").generateCertificate(in));
                        client = HttpClient.newBuilder().sslContext(s.ssl).connectTimeout(Duration.ofSeconds(2)).build();
                    } catch (Exception unreadableYet) { // poll again
                    }
                }
                if (client != null) {
                    try {
                        if (client.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(2)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200) break;
                    } catch (IOException notListeningYet) { // poll again
                    }
                }
                Thread.sleep(50);
            }
            s.readyMillis = (System.nanoTime() - t0) / 1_000_000;
            client.close();
            return s;
        }

        private void pump() {
            try (BufferedReader r = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) output.add(line);
            } catch (IOException processGone) { // nothing more to read
            }
        }

        void stop() throws InterruptedException {
            if (!process.isAlive()) return;
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                System.out.println("  ! server ignored SIGTERM for 60 s; killing it");
                kill();
                process.waitFor();
            }
            pump.join(5000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) Thread.sleep(50);
            children.stream().filter(ProcessHandle::isAlive).forEach(p -> {
                System.out.println("  ! still running 10 s after the server stopped, killed: " + p.pid());
                p.destroyForcibly();
            });
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        void printLogSummary() {
            List<String> bad = List.copyOf(output).stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")
                    || l.startsWith("WARNING") || l.contains("Exception")).toList();
            System.out.printf("server output: %d warning/error lines%n", bad.size());
            bad.stream().limit(10).forEach(l -> System.out.println("  | " + l));
        }

        /** The embedded PostgreSQL, with the server's own driver (from its jar) and its superuser password. */
        java.sql.Connection database() throws Exception {
            List<String> pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
            String password = Files.readString(dataDir.resolve("postgres.password")).strip();
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Driver driver = (Driver) Class.forName("org.postgresql.Driver", true, loader).getDeclaredConstructor().newInstance();
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("password", password);
            p.setProperty("ApplicationName", "advocacy-bench");
            return driver.connect("jdbc:postgresql://localhost:" + pid.get(3).strip() + "/postgres", p);
        }
    }

    // ---------------------------------------------------------------- the benchmark

    /** A request to send and what a correct answer is: its status, and for a letter its number of deliveries. */
    record Call(HttpRequest request, int status, int deliveries) {}

    /** A route under load: each call may differ (a new supporter, the next ZIP). */
    record Route(String name, Supplier<Call> next) {}

    static final class Bench implements AutoCloseable {
        final Server server;
        final HttpClient client;
        final String base, basic, tag = random(6).toLowerCase(Locale.ROOT);
        final AtomicLong emails = new AtomicLong();
        final AtomicLong created = new AtomicLong(), deliveries = new AtomicLong(), repeated = new AtomicLong(),
                needMore = new AtomicLong();
        /** Per usable ZIP: its state, the extra fields its offices' forms asked for once, the offices it reaches. */
        final List<Place> places = new ArrayList<>();
        String campaignId;
        java.sql.Connection db;

        record Place(String zip, String state, Map<String, String> extra, int offices) {}

        Bench(Server server) throws Exception {
            this.server = server;
            // One client for all runs: HTTP/1.1 keep-alive; HttpClient opens a connection whenever all are busy.
            this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(server.ssl)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            this.base = "https://127.0.0.1:" + server.port;
            String account = (String) ((Map<?, ?>) first(json(send(get("/v1/organizations").header("X-API-Key",
                    server.apiKey).build(), 200)).get("data"))).get("id");
            this.basic = "Basic " + Base64.getEncoder().encodeToString((account + ":" + server.authToken)
                    .getBytes(StandardCharsets.UTF_8));
        }

        int run() throws Exception {
            db = server.database();
            setUp();
            Route reference = new Route("GET /v3/campaigns/{id}", () -> new Call(
                    get("/v3/campaigns/" + campaignId).header("Authorization", basic).build(), 200, -1));
            AtomicInteger lookupTurn = new AtomicInteger();
            Route lookups = new Route("GET …/letter?zipcode=", () -> new Call(get("/v3/campaigns/" + campaignId
                    + "/letter?zipcode=" + places.get(Math.floorMod(lookupTurn.getAndIncrement(), places.size())).zip)
                    .header("Authorization", basic).build(), 200, -1));
            AtomicInteger letterTurn = new AtomicInteger();
            Route letters = new Route("POST …/letter", () -> {
                Place p = places.get(Math.floorMod(letterTurn.getAndIncrement(), places.size()));
                return new Call(letter(supporter(p)), 201, p.offices);
            });
            List<Route> routes = List.of(reference, lookups, letters);

            // The JIT compiles what every route shares (TLS, Jetty, authentication, JDBI) while the first runs,
            // and its compiler threads' CPU counts as the server's: without this the first route measured
            // would pay for the others' warm-up.
            System.out.printf("%nwarming the server up: each route for %d s, closed loop, not measured%n", serverWarmup);
            for (Route r : routes) runClosed(r, serverWarmup);

            System.out.printf("%n== Closed loop: %d workers back to back, %d s measured after a %d s warm-up;"
                    + " queue drained, vacuum, checkpoint before each ==%n", concurrency, seconds, warmup);
            List<Result> closed = new ArrayList<>();
            for (Route r : routes) {
                awaitDrained(r.name);
                runClosed(r, warmup);
                closed.add(measured(r, reference, letters, () -> runClosed(r, seconds)));
            }
            table(routes, closed);

            System.out.printf("%n== Open loop: %d req/s scheduled for %d s, at most %d in flight, latency from the"
                    + " scheduled send time; queue drained, vacuum, checkpoint before each ==%n", rate, seconds, concurrency);
            List<Result> open = new ArrayList<>();
            for (Route r : routes) open.add(measured(r, reference, letters, () -> openLoop(r)));
            table(routes, open);
            System.out.printf("client scheduler lag, max: %s ms; included in the latencies above%n",
                    open.stream().map(r -> String.format("%.1f", r.maxLagNanos / 1e6)).collect(Collectors.joining(" / ")));

            Result cl = closed.get(2), ol = open.get(2);
            boolean rpsMet = cl.rps >= FLOOR_RPS, openMet = rate >= FLOOR_RPS && ol.rps >= 0.99 * rate
                    && ol.errors == 0 && ol.pct(0.99) < FLOOR_P99_MS;
            System.out.printf("%n== Floor: %d letter submissions per second, p99 under %.0f ms ==%n", FLOOR_RPS, FLOOR_P99_MS);
            System.out.printf("closed loop: %.0f submissions/s at %d workers, p99 %.2f ms: %s%n", cl.rps, concurrency,
                    cl.pct(0.99), rpsMet && cl.errors == 0 ? "at least the floor rate" : "BELOW the floor rate");
            System.out.printf("open loop:   %.0f of %d submissions/s scheduled, p99 %.2f ms, %d errors: %s%n", ol.rps, rate,
                    ol.pct(0.99), ol.errors, rate < FLOOR_RPS ? "not judged (--rate below the floor)"
                            : openMet ? "floor met" : "floor NOT met");

            boolean consistent = verify();
            return consistent ? 0 : 1;
        }

        /** A letter campaign, each ZIP checked, and one submission per ZIP through the 202 round its offices ask for. */
        void setUp() throws Exception {
            String body = """
                    {"name":"Bench letters","topic":"Health","actions":[{"type":"letter","targets":"congress",\
                    "subject":"Fund community health centers","message":"Please support community health centers."}]}""";
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/v1/advocacy/campaigns"))
                    .header("X-API-Key", server.apiKey).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), 201);
            campaignId = (String) ((Map<?, ?>) json(created).get("data")).get("id");
            System.out.printf("%ncampaign %s: a letter to the supporter's House member and senators, topic Health%n",
                    campaignId);

            List<String> dropped = new ArrayList<>();
            int rounds = 0;
            for (String[] z : ZIPS) {
                // The ZIP lookup names exactly one district, and the offices a letter from there goes to.
                Map<?, ?> lookup = json(send(get("/v3/campaigns/" + campaignId + "/letter?zipcode=" + z[0])
                        .header("Authorization", basic).build(), 200));
                List<?> districts = (List<?>) lookup.get("districts");
                int offices = ((List<?>) lookup.get("targets")).size();
                if (districts.size() != 1 || offices == 0) {
                    dropped.add(z[0] + " (" + districts.size() + " districts, " + offices + " targets)");
                    continue;
                }
                // The first supporter there: the offices' contact forms ask once (202) for what they need.
                Map<String, String> extra = new LinkedHashMap<>();
                Place place = new Place(z[0], z[1], extra, offices);
                HttpResponse<String> answer = send(letter(supporter(place)), -1);
                for (int round = 0; answer.statusCode() == 202 && round < 3; round++) {
                    rounds++;
                    Map<?, ?> asked = json(answer);
                    Map<String, String> more = new LinkedHashMap<>();
                    more.put("id", (String) asked.get("id"));
                    for (Object f : (List<?>) asked.get("fields")) {
                        Map<?, ?> need = (Map<?, ?>) f;
                        String field = (String) need.get("field");
                        List<?> options = (List<?>) need.get("options");
                        // The first option a supporter could send as it stands: form values are stripped,
                        // so "" or "Mr. " (both in the shipped forms) would never match.
                        String value = options.contains("Mr.") ? "Mr." : options.stream().map(String.class::cast)
                                .filter(o -> !o.isBlank() && o.equals(o.strip())).findFirst()
                                .orElse(field.equals("phone") ? "2025550143" : field.equals("zipplus") ? "1234" : "x");
                        more.put(field, value);
                        // An office's topic is remembered by the campaign; anything else the next supporters send too.
                        if (!field.startsWith("topic_")) extra.put(field, value);
                    }
                    answer = send(HttpRequest.newBuilder(URI.create(base + "/v3/campaigns/" + campaignId + "/letter"))
                            .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
                            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(form(more))).build(), -1);
                }
                if (answer.statusCode() != 201) {
                    dropped.add(z[0] + " (still " + answer.statusCode() + " after the round: " + abbreviate(answer.body()) + ")");
                    continue;
                }
                count(answer.body(), offices);
                // The next supporter there must need nothing more: a dry run says so without keeping anything.
                Map<String, String> dry = supporter(place);
                dry.put("mode", "no_delivery");
                HttpResponse<String> validated = send(letterRequest(form(dry)), -1);
                if (validated.statusCode() != 200) {
                    dropped.add(z[0] + " (a second supporter got " + validated.statusCode() + ": " + abbreviate(validated.body()) + ")");
                    continue;
                }
                places.add(place);
            }
            long threeOffices = places.stream().filter(p -> p.offices == 3).count();
            System.out.printf("ZIP codes: %d of %d usable, each one district (%d reaching 3 offices, %d fewer: a vacant seat);"
                            + " %d rounds of 202 answered for the first supporters, %d offices' topics chosen%n",
                    places.size(), ZIPS.length, threeOffices, places.size() - threeOffices, rounds, topicChoices());
            places.stream().filter(p -> !p.extra.isEmpty()).map(p -> p.zip + " " + p.extra).limit(5)
                    .forEach(s -> System.out.println("  forms there also ask every supporter for: " + s));
            dropped.forEach(d -> System.out.println("  ! ZIP left out: " + d));
            if (places.isEmpty()) throw new IllegalStateException("no usable ZIP code");
        }

        /** A supporter of that place with an email no one has used: every submission is a new letter. */
        Map<String, String> supporter(Place p) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("prefix", "Mr.");
            f.put("firstname", "Alex");
            f.put("lastname", "Bench");
            f.put("street", "100 Main Street");
            f.put("city", "Springfield");
            f.put("state", p.state);
            f.put("zipcode", p.zip);
            f.put("email", "s" + tag + "-" + emails.incrementAndGet() + "@bench.example.org");
            f.put("subject", "Fund community health centers");
            f.put("message", "Please support community health centers in our district.");
            f.putAll(p.extra);
            return f;
        }

        HttpRequest letter(Map<String, String> supporter) {
            return letterRequest(form(supporter));
        }

        HttpRequest letterRequest(String body) {
            return HttpRequest.newBuilder(URI.create(base + "/v3/campaigns/" + campaignId + "/letter"))
                    .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        HttpRequest.Builder get(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        }

        HttpResponse<String> send(HttpRequest request, int expected) throws Exception {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (expected > 0 && r.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + r.statusCode()
                        + ": " + r.body());
            }
            if (r.statusCode() == 201 && request.uri().getPath().endsWith("/letter")) created.incrementAndGet();
            return r;
        }

        /** Counts a 201's deliveries (each one office's letter, queued); false when fewer than the ZIP's offices. */
        boolean count(String body, int offices) {
            int n = 0;
            for (int at = body.indexOf("\"id\":\"dlv_"); at >= 0; at = body.indexOf("\"id\":\"dlv_", at + 1)) n++;
            deliveries.addAndGet(n);
            return n == offices;
        }

        // ---------------------------------------------------------------- load

        record Result(double rps, long errors, long[] sorted, int conns, long maxLagNanos, String firstError,
                      Cpu run, Cpu withDeliveries) {
            Result(double rps, long errors, long[] sorted, int conns, long maxLagNanos, String firstError) {
                this(rps, errors, sorted, conns, maxLagNanos, firstError, null, null);
            }

            double pct(double q) {
                if (sorted.length == 0) return Double.NaN;
                return sorted[Math.clamp((long) Math.ceil(q * sorted.length) - 1, 0, sorted.length - 1)] / 1e6;
            }

            long requests() {
                return sorted.length + errors;
            }
        }

        /**
         * A measured run after the delivery queue is drained, with the CPU it took; for letters, also the
         * CPU until the deliveries they queued are done, so a letter's whole cost shows.
         */
        Result measured(Route route, Route reference, Route letters, Supplier<Result> run) throws Exception {
            awaitDrained(route.name);
            settle(route.name);
            // Waiting can outlast the keep-alive of idle connections (30 s for Jetty and for HttpClient): a
            // second of the cheap reference route opens them again, so no run starts with 16 TLS handshakes.
            runClosed(reference, 1);
            if (pgStats && route == letters) sql("SELECT pg_stat_statements_reset()");
            Cpu before = Cpu.now(server);
            Result r = run.get();
            Cpu after = Cpu.now(server), drained = null;
            if (route == letters && jobsWorkers > 0) {
                awaitDrained(null);
                drained = Cpu.now(server);
            }
            if (pgStats && route == letters) printStatements(r.requests());
            return new Result(r.rps, r.errors, r.sorted, r.conns, r.maxLagNanos, r.firstError, after.minus(before),
                    drained == null ? null : drained.minus(before));
        }

        /** Sends one call; true when the answer is the expected one (for a letter: 201 with all its deliveries). */
        boolean call(Call c, AtomicLong errors, AtomicReference<String> first) {
            String problem;
            try {
                HttpResponse<String> r = client.send(c.request, HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                if (status == 201) created.incrementAndGet();
                if (status == 200 && c.deliveries >= 0) repeated.incrementAndGet();
                if (status == 202) needMore.incrementAndGet();
                if (status == c.status && (c.deliveries < 0 || count(r.body(), c.deliveries))) return true;
                problem = "HTTP " + status + (status == c.status ? " with too few deliveries" : "") + ": " + abbreviate(r.body());
            } catch (IOException | InterruptedException e) {
                problem = e.toString();
            }
            errors.incrementAndGet();
            first.compareAndSet(null, problem);
            return false;
        }

        Result runClosed(Route route, int secs) {
            AtomicLong errors = new AtomicLong();
            AtomicReference<String> first = new AtomicReference<>();
            long[][] perWorker = new long[concurrency][];
            long start = System.nanoTime(), end = start + TimeUnit.SECONDS.toNanos(secs);
            try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < concurrency; w++) {
                    int id = w;
                    workers.submit(() -> {
                        long[] lat = new long[4096];
                        int n = 0;
                        while (System.nanoTime() < end) {
                            Call c = route.next.get(); // built before the clock starts: the client's work, not the server's
                            long t = System.nanoTime();
                            if (call(c, errors, first)) {
                                if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                                lat[n++] = System.nanoTime() - t;
                            }
                        }
                        perWorker[id] = Arrays.copyOf(lat, n);
                    });
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] all = Stream.of(perWorker).flatMapToLong(Arrays::stream).sorted().toArray();
            return new Result(all.length / elapsed, errors.get(), all, connections(server.port), 0, first.get());
        }

        Result openLoop(Route route) {
            int n = rate * seconds;
            long interval = 1_000_000_000L / rate, start = System.nanoTime() + 10_000_000, maxLag = 0;
            long[] latency = new long[n];
            Arrays.fill(latency, -1);
            AtomicLong errors = new AtomicLong(), abandoned = new AtomicLong(), lastDone = new AtomicLong(start);
            AtomicReference<String> first = new AtomicReference<>();
            // As wrk2's fixed connections: at most `concurrency` in flight; a request that finds them all busy
            // waits here, and that wait is part of its latency, measured from its *scheduled* instant.
            Semaphore inFlight = new Semaphore(concurrency, true);
            long deadline = start + n * interval + TimeUnit.SECONDS.toNanos(seconds);
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    long at = start + i * interval;
                    for (long now; (now = System.nanoTime()) < at; ) LockSupport.parkNanos(at - now);
                    maxLag = Math.max(maxLag, System.nanoTime() - at);
                    int slot = i;
                    senders.submit(() -> {
                        if (!inFlight.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                            abandoned.incrementAndGet();
                            return null;
                        }
                        try {
                            if (call(route.next.get(), errors, first)) {
                                long done = System.nanoTime();
                                latency[slot] = done - at;
                                lastDone.accumulateAndGet(done, Math::max);
                            }
                        } finally {
                            inFlight.release();
                        }
                        return null;
                    });
                }
            }
            long[] ok = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
            String problem = first.get();
            if (abandoned.get() > 0) {
                problem = abandoned.get() + " requests still queued " + seconds + " s after the schedule ended, not sent"
                        + " (server slower than " + rate + " req/s; percentiles understate)" + (problem == null ? "" : "; " + problem);
            }
            double elapsed = Math.max(1e-9, (lastDone.get() - start) / 1e9);
            return new Result(ok.length / elapsed, errors.get() + abandoned.get(), ok, connections(server.port), maxLag, problem);
        }

        // ---------------------------------------------------------------- the deliveries behind the 201s

        /**
         * Waits (at most --drain seconds) until no delivery job is queued or running, so that each run
         * starts from the same quiet server and pays only for its own letters' background work.
         */
        void awaitDrained(String before) throws Exception {
            if (jobsWorkers == 0) return;
            long t0 = System.nanoTime(), left = openJobs();
            if (left == 0) return;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(drain);
            while (left > 0 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                left = openJobs();
            }
            if (before != null) {
                System.out.printf("  (waited %.1f s for the delivery queue before %s%s)%n", (System.nanoTime() - t0) / 1e9,
                        before, left > 0 ? "; " + left + " jobs still open, going on" : "");
            }
        }

        /**
         * Lets the previous run's after-effects pass before the next is measured: autovacuum workers busy
         * with its rows (waited for, at most a minute), the vacuuming its rows still call for (done now,
         * rather than by autovacuum in the middle of the next run), and its dirty pages (a CHECKPOINT writes
         * them now). Otherwise whichever route came after the letters would pay for them.
         */
        void settle(String before) throws Exception {
            long t0 = System.nanoTime(), deadline = t0 + TimeUnit.SECONDS.toNanos(60);
            while (one("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'") > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            long t1 = System.nanoTime();
            try (Statement s = db.createStatement()) {
                s.execute("VACUUM (ANALYZE) jobs, advocacy_deliveries, advocacy_submissions, in_flight_slots,"
                        + " rate_limit_windows");
            }
            long t2 = System.nanoTime();
            try (Statement s = db.createStatement()) {
                s.execute("CHECKPOINT");
            }
            long t3 = System.nanoTime();
            if (t3 - t0 > 1_000_000_000L) {
                System.out.printf("  (before %s: waited %.1f s for autovacuum; vacuum %.1f s, checkpoint %.1f s)%n",
                        before, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
            }
        }

        /**
         * The statements that took PostgreSQL most time during a letters run and until its deliveries were
         * done, per letter: executing and planning (a statement planned on most calls is planned afresh, not
         * from its cached plan).
         */
        void printStatements(long letters) throws SQLException {
            System.out.printf("  pg_stat_statements over %d letters and their deliveries, the 12 that took most time"
                    + " (µs per letter: executing + planning):%n", letters);
            System.out.println("     exec µs  plan µs  calls/letter  plans/letter  statement");
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT total_exec_time, total_plan_time, calls, plans, regexp_replace(query, '\\s+', ' ', 'g')
                    FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%' AND query NOT LIKE '%FROM jobs WHERE kind IN%'
                    ORDER BY total_exec_time + total_plan_time DESC LIMIT 12""")) {
                while (rs.next()) {
                    String q = rs.getString(5);
                    System.out.printf("  %9.1f %8.1f %13.2f %13.2f  %s%n", rs.getDouble(1) * 1000 / letters,
                            rs.getDouble(2) * 1000 / letters, rs.getDouble(3) / letters, rs.getDouble(4) / letters,
                            q.length() > 110 ? q.substring(0, 110) + "…" : q);
                }
            }
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT sum(total_exec_time), sum(total_plan_time), sum(calls), sum(plans) FROM pg_stat_statements
                    WHERE query NOT LIKE '%pg_stat%' AND query NOT LIKE '%FROM jobs WHERE kind IN%'""")) {
                rs.next();
                System.out.printf("  %9.1f %8.1f %13.2f %13.2f  all statements%n", rs.getDouble(1) * 1000 / letters,
                        rs.getDouble(2) * 1000 / letters, rs.getDouble(3) / letters, rs.getDouble(4) / letters);
            }
        }

        void sql(String sql) throws SQLException {
            try (Statement s = db.createStatement()) {
                s.execute(sql);
            }
        }

        static final String DELIVERY_KINDS = "('advocacy.deliver', 'advocacy.deliver_letter')";

        long openJobs() throws SQLException {
            return one("SELECT count(*) FROM jobs WHERE kind IN " + DELIVERY_KINDS + " AND state IN ('queued', 'running')");
        }

        long topicChoices() throws SQLException {
            return one("SELECT count(*) FROM advocacy_topic_choices WHERE campaign_id = '" + campaignId + "'");
        }

        long one(String sql) throws SQLException {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        Map<String, Long> grouped(String sql) throws SQLException {
            Map<String, Long> m = new TreeMap<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) m.put(rs.getString(1), rs.getLong(2));
            }
            return m;
        }

        /** Every 201 the client saw is a complete submission in the database, with each delivery and its job. */
        boolean verify() throws Exception {
            System.out.printf("%n== Nothing lost: what the client was answered against the database ==%n");
            long t0 = System.nanoTime();
            awaitDrained(null);
            double waited = (System.nanoTime() - t0) / 1e9;
            Map<String, Long> submissions = grouped("SELECT status, count(*) FROM advocacy_submissions GROUP BY status");
            Map<String, Long> byStatus = grouped("SELECT status, count(*) FROM advocacy_deliveries GROUP BY status");
            Map<String, Long> jobs = grouped("SELECT kind || ' ' || state, count(*) FROM jobs WHERE kind IN "
                    + DELIVERY_KINDS + " GROUP BY 1");
            long complete = submissions.getOrDefault("complete", 0L);
            long rows = byStatus.values().stream().mapToLong(Long::longValue).sum();
            long jobRows = jobs.values().stream().mapToLong(Long::longValue).sum();
            // A delivery is made by its letter's job (one per submission) or by a job of its own (one per
            // office: servers before the letter job, and an office's retries after a temporary failure).
            long orphans = one("SELECT count(*) FROM advocacy_deliveries d WHERE NOT EXISTS (SELECT 1 FROM jobs j"
                    + " WHERE j.kind = 'advocacy.deliver' AND j.payload::jsonb ->> 'delivery_id' = d.id)"
                    + " AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.kind = 'advocacy.deliver_letter'"
                    + " AND j.payload::jsonb ->> 'submission_id' = d.submission_id)");
            long twice = one("SELECT count(*) FROM (SELECT 1 FROM jobs WHERE kind = 'advocacy.deliver_letter'"
                    + " GROUP BY payload::jsonb ->> 'submission_id' HAVING count(*) > 1) t");
            System.out.printf("client: %d answers 201 (letters accepted) naming %d queued deliveries; %d answers 200"
                    + " (repeat), %d answers 202 (more needed) during the runs%n", created.get(), deliveries.get(),
                    repeated.get(), needMore.get());
            System.out.printf("server: submissions %s; deliveries %d %s; delivery jobs %d %s; deliveries without a job %d;"
                    + " letters with more than one job %d%n", submissions, rows, byStatus, jobRows, jobs, orphans, twice);
            boolean ok = complete == created.get() && rows == deliveries.get() && orphans == 0 && twice == 0;
            long open = jobs.entrySet().stream().filter(e -> e.getKey().endsWith(" queued") || e.getKey().endsWith(" running"))
                    .mapToLong(Map.Entry::getValue).sum();
            if (jobsWorkers > 0) {
                System.out.printf("background delivery: %s after %.1f s of waiting at the end (%d workers; with no CWC or"
                        + " SMTP configured each letter is recorded as undeliverable_no_route)%n",
                        open == 0 ? "all done" : open + " still open", waited, jobsWorkers);
            }
            System.out.println(ok ? "consistent: every accepted letter is in the database with one queued delivery per office, each with a job to make it"
                    : "INCONSISTENT: the counts above differ");
            return ok;
        }

        @Override
        public void close() throws Exception {
            if (db != null) db.close();
            client.close();
        }
    }

    // ---------------------------------------------------------------- output

    static void table(List<Route> routes, List<Bench.Result> results) {
        System.out.printf("%-24s %9s %8s %8s %8s %8s %7s %6s%n",
                "route", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "conns");
        for (int i = 0; i < routes.size(); i++) {
            Bench.Result r = results.get(i);
            System.out.printf("%-24s %9.0f %8.2f %8.2f %8.2f %8.2f %7d %6s%n", routes.get(i).name, r.rps, r.pct(0.50),
                    r.pct(0.90), r.pct(0.99), r.pct(1.0), r.errors, r.conns < 0 ? "?" : String.valueOf(r.conns));
            if (r.firstError != null) System.out.println("    ! " + r.firstError);
        }
        System.out.printf("%-24s %9s %8s %8s %8s%n", "CPU ms per request", "server", "postgres", "client", "total");
        for (int i = 0; i < routes.size(); i++) {
            Bench.Result r = results.get(i);
            cpuRow(routes.get(i).name, r.run(), r.requests());
            if (r.withDeliveries() != null) cpuRow("  + its deliveries", r.withDeliveries(), r.requests());
        }
        Bench.Result ref = results.getFirst();
        System.out.printf("%-24s %8.2fx %17s %7.2fx%n", "ratio lookups/reference", results.get(1).rps / ref.rps, "",
                results.get(1).pct(0.99) / ref.pct(0.99));
        System.out.printf("%-24s %8.2fx %17s %7.2fx%n", "ratio letters/reference", results.get(2).rps / ref.rps, "",
                results.get(2).pct(0.99) / ref.pct(0.99));
    }

    static void cpuRow(String name, Cpu c, long requests) {
        if (c == null || requests == 0) return;
        double n = requests * 1e6;
        System.out.printf("%-24s %9.3f %8.3f %8.3f %8.3f%n", name, c.server / n, c.postgres / n, c.client / n,
                (c.server + c.postgres + c.client) / n);
    }

    /**
     * CPU time (ns) used so far by the server's JVM, its PostgreSQL (the postmaster's children, living and
     * reaped) and this client, from /proc: unlike req/s, it hardly depends on what else the machine runs.
     */
    record Cpu(long server, long postgres, long client) {
        static final long TICK_NANOS = 1_000_000_000L / clockTicks();

        /** The postmaster is no child of the server's JVM (pg_ctl starts it), so it is found by its pid file. */
        static Cpu now(Server server) {
            long pg = 0;
            try {
                long pid = Long.parseLong(Files.readAllLines(server.dataDir.resolve("postgres/postmaster.pid")).getFirst().strip());
                pg = ticks(pid, true) + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                        .mapToLong(p -> ticks(p.pid(), false)).sum();
            } catch (IOException | RuntimeException noPidFile) { // counted as 0
            }
            return new Cpu(ticks(server.process.pid(), false) * TICK_NANOS, pg * TICK_NANOS,
                    ticks(ProcessHandle.current().pid(), false) * TICK_NANOS);
        }

        Cpu minus(Cpu o) {
            return new Cpu(server - o.server, postgres - o.postgres, client - o.client);
        }

        /** utime + stime, and with {@code children} the reaped children's too (fields 14-17 of /proc/PID/stat). */
        static long ticks(long pid, boolean children) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // f[0] is field 3
                long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                return children ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
            } catch (IOException | RuntimeException goneOrNotLinux) {
                return 0;
            }
        }

        static long clockTicks() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                return Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            } catch (IOException | RuntimeException noGetconf) {
                return 100;
            }
        }
    }

    static void printMachine() throws Exception {
        String cpu = firstLine("/proc/cpuinfo", "model name").replaceFirst("^[^:]*:\\s*", "");
        long memKb = Long.parseLong(firstLine("/proc/meminfo", "MemTotal").replaceAll("\\D", ""));
        Process v = new ProcessBuilder(JAVA.toString(), "-version").redirectErrorStream(true).start();
        String version = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        v.waitFor();
        System.out.println("== Machine ==");
        System.out.println("date:    " + ZonedDateTime.now(ZoneOffset.UTC).withNano(0));
        System.out.println("nproc:   " + Runtime.getRuntime().availableProcessors());
        System.out.printf("memory:  %.1f GiB%n", memKb / 1048576.0);
        System.out.println("cpu:     " + cpu);
        System.out.println("load:    " + loadAverage() + " (1, 5, 15 min) at the start");
        System.out.printf("server:  %s -jar %s (%d MiB), default JVM options, embedded PostgreSQL, %d delivery workers%n",
                JAVA, jar, Files.size(jar) >> 20, jobsWorkers);
        version.lines().forEach(l -> System.out.println("         " + l));
        System.out.printf("client:  this JVM, HttpClient HTTP/1.1 keep-alive; concurrency %d, %d s runs, %d s warm-up,"
                + " open loop %d req/s%n", concurrency, seconds, warmup, rate);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException notLinux) {
            return "?";
        }
    }

    static String firstLine(String file, String prefix) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of(file))) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst().orElse(prefix + ": 0");
        }
    }

    // ---------------------------------------------------------------- helpers

    static int connections(int port) {
        String remote = String.format(":%04X", port);
        try (Stream<String> v4 = Files.lines(Path.of("/proc/net/tcp"));
             Stream<String> v6 = Files.lines(Path.of("/proc/net/tcp6"))) {
            return (int) Stream.concat(v4, v6).map(line -> line.trim().split("\\s+"))
                    .filter(f -> f.length > 3 && f[2].endsWith(remote) && f[3].equals("01")).count();
        } catch (IOException | UncheckedIOException notLinux) {
            return -1;
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    static Object first(Object listOrObject) {
        return listOrObject instanceof List<?> l ? l.getFirst() : listOrObject;
    }

    static Map<?, ?> json(HttpResponse<String> r) {
        return (Map<?, ?>) new Json(r.body()).value();
    }

    /** Just enough JSON for the set-up answers: objects, arrays, strings, numbers, booleans, null. */
    static final class Json {
        final String s;
        int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') { i++; return m; }
                while (true) {
                    skip();
                    String k = (String) value();
                    skip();
                    i++; // :
                    m.put(k, value());
                    skip();
                    if (s.charAt(i++) == '}') return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') { i++; return l; }
                while (true) {
                    l.add(value());
                    skip();
                    if (s.charAt(i++) == ']') return l;
                }
            }
            if (c == '"') {
                StringBuilder b = new StringBuilder();
                for (i++; s.charAt(i) != '"'; i++) {
                    char ch = s.charAt(i);
                    if (ch != '\\') { b.append(ch); continue; }
                    char e = s.charAt(++i);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> { b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16)); i += 4; }
                        default -> b.append(e);
                    }
                }
                i++;
                return b.toString();
            }
            int start = i;
            while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) i++;
            String word = s.substring(start, i);
            return switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> Double.valueOf(word);
            };
        }

        void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }
    }

    static SSLContext trusting(java.security.cert.Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("civicast", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static String random(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return new SecureRandom().ints(length, 0, alphabet.length())
                .mapToObj(i -> String.valueOf(alphabet.charAt(i))).collect(Collectors.joining());
    }
}
