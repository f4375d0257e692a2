import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.*;
import java.lang.reflect.Method;
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
import java.util.regex.*;
import java.util.stream.*;
import javax.net.ssl.*;

/**
 * Contact-list imports end to end, beside a bare {@code COPY} of the same file into the same
 * PostgreSQL, with nothing but the JDK. Generates voter files (100,000 and 1,000,000 rows by
 * default), serves them from a local plain-HTTP server, and times {@code POST
 * /v1/contact-lists/import} until {@code GET /v1/contact-lists/{id}} says ready, with the server's
 * heap, its phases (from its PostgreSQL backend) and the CPU they took. From the repository root:
 * {@code java bench/ContactsBench.java [--sizes 100000,1000000] [--warm-runs 1] [--heap 512m]
 * [--seed 20261130] [--jfr FILE] [--jar target/civicast.jar]}. bench/README.md says how to read it.
 */
public class ContactsBench {
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    static List<Integer> sizes = List.of(100_000, 1_000_000);
    static int warmRuns = 1, metricsEvery = 500;
    /** After the imports, send a broadcast to the largest list through the carrier simulator (issue: 20,000 messages/s). */
    static boolean send;
    /** With --send: PostgreSQL's statement statistics of the broadcast (pg_stat_statements), printed after it. */
    static boolean pgStats;
    /** PostgreSQL settings to try (--pg-setting name=value, repeatable), set with ALTER SYSTEM before the server starts again. */
    static List<String> pgSettings = new ArrayList<>();
    static final double FLOOR_MESSAGES_PER_S = 20_000;
    static String heap = "512m";
    static long seed = 20261130L;
    static Path jar = Path.of("target/civicast.jar"), jfr;

    /** The floor: rows per second end to end, and end to end at most this many times the bare COPY. */
    static final double FLOOR_ROWS_PER_S = 150_000, FLOOR_RATIO = 3.0, AIM_RATIO = 1.5;
    /** The server's job poll: a fallback only, as a queued import wakes the workers when it commits. */
    static final int JOBS_POLL_MILLIS = 100;
    /**
     * How often the list's status is read during an import, from the database: the wait for the next read
     * (half of it on average) stays small beside a 100,000-row import's budget, and the API is asked only once
     * the row says the import ended.
     */
    static final int STATUS_POLL_MILLIS = 5;
    /** How often pg_stat_activity is sampled for the phases. */
    static final int SAMPLE_MILLIS = 100;

    static String statusPolling() {
        return String.format("the list's row read from the database every %d ms, then one GET of the list", STATUS_POLL_MILLIS);
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = Stream.of(args[++i].split(",")).map(s -> Integer.parseInt(s.strip().replace("_", "")))
                        .sorted().distinct().toList();
                case "--warm-runs" -> warmRuns = Integer.parseInt(args[++i]);
                case "--heap" -> heap = args[++i];
                case "--metrics-every" -> metricsEvery = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--jfr" -> jfr = Path.of(args[++i]).toAbsolutePath();
                case "--jar" -> jar = Path.of(args[++i]);
                case "--send" -> send = true;
                case "--pg-stats" -> pgStats = true;
                case "--pg-setting" -> pgSettings.add(args[++i]);
                default -> {
                    System.err.println("usage: java bench/ContactsBench.java [--sizes N,N] [--warm-runs N] [--heap 512m]"
                            + " [--metrics-every MS] [--seed N] [--jfr FILE] [--jar PATH] [--send] [--pg-stats] [--pg-setting NAME=VALUE]   (unknown: " + args[i] + ")");
                    System.exit(2);
                }
            }
        }
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("no jar at " + jar.toAbsolutePath());
        printMachine();

        Path root = Files.createTempDirectory("civicast-contactsbench-");
        Path files = Files.createDirectories(root.resolve("files")), dataDir = Files.createDirectories(root.resolve("data"));
        Server server = null;
        int exit = 0;
        try {
            System.out.printf("%n== Voter files (seed %d): columns %s ==%n", seed, String.join(",", VoterFile.HEADER));
            Map<Integer, VoterFile> voterFiles = new LinkedHashMap<>();
            VoterFile warmUp = VoterFile.write(files.resolve("warm-up.csv"), 20_000, seed + 1);
            for (int n : sizes) {
                long t0 = System.nanoTime();
                VoterFile f = VoterFile.write(files.resolve("voters-" + n + ".csv"), n, seed);
                voterFiles.put(n, f);
                System.out.printf("%s: %,d rows, %.1f MB, written in %.1f s%n", f.path.getFileName(), f.rows, f.bytes / 1e6,
                        (System.nanoTime() - t0) / 1e9);
                System.out.println("  " + f.describe());
            }
            try (FileServer fileServer = FileServer.start(files)) {
                System.out.printf("served by com.sun.net.httpserver on http://127.0.0.1:%d/ (Content-Length, streamed from"
                        + " the file)%n", fileServer.port());
                server = Server.start(dataDir);
                if (pgStats || !pgSettings.isEmpty()) {
                    // The extension's library loads only at PostgreSQL's start: set it, then start again.
                    try (java.sql.Connection c = server.database("contacts-bench-setup"); Statement st = c.createStatement()) {
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
                        try (java.sql.Connection c = server.database("contacts-bench-setup"); Statement st = c.createStatement()) {
                            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                        }
                    }
                }
                System.out.printf("%nserver ready after %d ms (cold: initdb, migrations)%n", server.readyMillis);
                try (Bench bench = new Bench(server, fileServer)) {
                    exit = bench.run(warmUp, voterFiles);
                }
            }
        } finally {
            if (server != null) {
                server.stop();
                server.printLogSummary();
            }
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            System.out.println("load average at the end: " + loadAverage());
        }
        System.exit(exit);
    }

    static List<String> serverJvmOptions(Path dataDir) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseG1GC",
                "-Xlog:gc:file=" + dataDir.resolve("gc.log") + ":uptime"));
        if (jfr != null) options.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        return options;
    }

    // ---------------------------------------------------------------- the voter files

    /**
     * A generated voter file and what the import must make of it. Deterministic for a seed: the
     * first rows of a larger file are those of a smaller one with the same seed.
     */
    static final class VoterFile {
        static final List<String> HEADER = List.of("voter_id", "first_name", "last_name", "phone", "address", "city",
                "state", "zip", "precinct", "party");
        /** Area codes in service, each with every NXX 200-999 valid to libphonenumber (checked by hand once). */
        static final int[] NPAS = {202, 206, 212, 213, 301, 303, 305, 312, 404, 415, 503, 512, 602, 617, 702, 808};
        static final String[] STATES = {"DC", "WA", "NY", "CA", "MD", "CO", "FL", "IL", "GA", "CA", "OR", "TX", "AZ",
                "MA", "NV", "HI"};
        static final String[] CITIES = {"Washington", "Seattle", "New York", "Los Angeles", "Silver Spring", "Denver",
                "Miami", "Chicago", "Atlanta", "San Francisco", "Portland", "Austin", "Phoenix", "Boston", "Las Vegas",
                "Honolulu"};
        static final String[] FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
                "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
                "Carlos", "Maria", "Wei", "Mei", "Ahmed", "Fatima", "José", "Zoë", "Nguyễn", "Aaliyah", "Dmitri", "Olga"};
        static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
                "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
                "Moore", "O'Brien", "Nguyen", "Kim", "Patel", "Müller", "Østergaard", "Chen", "Washington"};
        static final String[] STREETS = {"Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Park Blvd", "Elm St",
                "Washington Ave", "Lakeview Rd", "Hillcrest Ct", "Sunset Way", "MLK Jr Blvd", "1st St NW"};
        static final String[] PARTIES = {"DEM", "REP", "IND", "GRN", "LIB", "", "DEM", "REP", "UNA"};
        static final String[] WORDS = {"unknown", "N/A", "none", "refused", "no phone", "TBD"};
        static final String[] FORMATS = {"(NPA) NXX-LINE", "NPA-NXX-LINE", "+1 NPA.NXX.LINE", "NPANXXLINE",
                "1-NPA-NXX-LINE"};

        final Path path;
        int rows, bad, duplicates, blankPhones, badShort, badLetters, badPlan, quotedNewlines, quotedCommas, quotedQuotes;
        final int[] formats = new int[FORMATS.length];
        long bytes;

        VoterFile(Path path) {
            this.path = path;
        }

        int contacts() {
            return rows - bad;
        }

        int clean() {
            return rows - bad - duplicates;
        }

        String describe() {
            return String.format(Locale.ROOT, "bad numbers %,d (%.1f%%: %,d too short, %,d letters, %,d area code or exchange"
                            + " starting 0/1, %,d blank), duplicates of earlier numbers %,d (%.1f%%), clean %,d; valid numbers"
                            + " written as %s; quoted fields: %,d with a line break, %,d with a comma, %,d with \"\"",
                    bad, 100.0 * bad / rows, badShort, badLetters, badPlan, blankPhones, duplicates, 100.0 * duplicates / rows,
                    clean(), IntStream.range(0, FORMATS.length).mapToObj(i -> String.format("'%s' %,d", FORMATS[i], formats[i]))
                            .collect(Collectors.joining(", ")), quotedNewlines, quotedCommas, quotedQuotes);
        }

        static VoterFile write(Path path, int rows, long seed) throws IOException {
            VoterFile f = new VoterFile(path);
            Random rnd = new Random(seed);
            // Every number used so far, to keep new ones new: NPA index × 8,000,000 + (NXX - 200) × 10,000 + line.
            BitSet used = new BitSet(NPAS.length * 8_000_000);
            long[] earlier = new long[rows];
            int distinct = 0;
            StringBuilder line = new StringBuilder(256);
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8),
                    1 << 20)) {
                out.write(String.join(",", HEADER));
                out.write('\n');
                for (int i = 0; i < rows; i++) {
                    line.setLength(0);
                    int place = rnd.nextInt(NPAS.length);
                    double roll = rnd.nextDouble();
                    String phone;
                    if (roll < 0.02 && distinct > 0) {
                        // The same number as an earlier row, written in any of the formats.
                        phone = f.format(earlier[rnd.nextInt(distinct)], rnd);
                        f.duplicates++;
                    } else if (roll < 0.07) {
                        phone = f.badNumber(rnd);
                        f.bad++;
                    } else {
                        long n;
                        int key;
                        do {
                            int npa = rnd.nextInt(NPAS.length), nxx = 200 + rnd.nextInt(800), number = rnd.nextInt(10_000);
                            key = npa * 8_000_000 + (nxx - 200) * 10_000 + number;
                            n = NPAS[npa] * 10_000_000L + nxx * 10_000L + number;
                        } while (used.get(key));
                        used.set(key);
                        earlier[distinct++] = n;
                        phone = f.format(n, rnd);
                    }
                    line.append('V').append(digits(100_000_000L + i, 9)).append(',');
                    String first = FIRST[rnd.nextInt(FIRST.length)];
                    if (rnd.nextInt(200) == 0) first = first + " \"" + first.substring(0, Math.min(3, first.length())) + "\"";
                    f.field(line, first).append(',');
                    String last = LAST[rnd.nextInt(LAST.length)];
                    if (rnd.nextInt(100) == 0) last = last + ", Jr.";
                    f.field(line, last).append(',');
                    f.field(line, phone).append(',');
                    String address = (1 + rnd.nextInt(9999)) + " " + STREETS[rnd.nextInt(STREETS.length)];
                    int unit = rnd.nextInt(100);
                    if (unit < 3) address = address + "\nApt " + (1 + rnd.nextInt(40));         // a quoted line break
                    else if (unit < 15) address = address + ", Apt " + (1 + rnd.nextInt(40));  // a quoted comma
                    f.field(line, address).append(',');
                    f.field(line, CITIES[place]).append(',').append(STATES[place]).append(',');
                    line.append(digits(rnd.nextInt(100_000), 5)).append(',');
                    line.append("P-").append(digits(rnd.nextInt(3000), 4)).append(',');
                    line.append(PARTIES[rnd.nextInt(PARTIES.length)]).append('\n');
                    out.append(line);
                }
            }
            f.rows = rows;
            f.bytes = Files.size(path);
            return f;
        }

        /** A valid number (ten national digits) in one of the formats voter files use. */
        String format(long national, Random rnd) {
            int which = rnd.nextInt(FORMATS.length);
            formats[which]++;
            return formatted(national, which);
        }

        static String formatted(long national, int which) {
            String npa = digits(national / 10_000_000L, 3), nxx = digits(national / 10_000L % 1000, 3),
                    line = digits(national % 10_000L, 4);
            return switch (which) {
                case 0 -> "(" + npa + ") " + nxx + "-" + line;
                case 1 -> npa + "-" + nxx + "-" + line;
                case 2 -> "+1 " + npa + "." + nxx + "." + line;
                case 3 -> npa + nxx + line;
                default -> "1-" + npa + "-" + nxx + "-" + line;
            };
        }

        /** The number with leading zeros to {@code width} digits. */
        static String digits(long n, int width) {
            String s = Long.toString(n);
            return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
        }

        /** A number no import may keep: too short, letters, an area code or exchange starting 0 or 1, or blank. */
        String badNumber(Random rnd) {
            long valid = NPAS[rnd.nextInt(NPAS.length)] * 10_000_000L + (200 + rnd.nextInt(800)) * 10_000L + rnd.nextInt(10_000);
            int kind = rnd.nextInt(100);
            if (kind < 30) {
                badShort++;
                String ten = formatted(valid, 1);
                // Nine digits (the last one lost), or seven without the area code; but not 310-xxxx, which
                // libphonenumber takes for a Canadian seven-digit number (shared cost), valid as it stands.
                boolean seven = rnd.nextBoolean() && !ten.startsWith("310", 4);
                return seven ? ten.substring(4) : ten.substring(0, ten.length() - 1);
            }
            if (kind < 55) {
                badLetters++;
                if (rnd.nextBoolean()) return WORDS[rnd.nextInt(WORDS.length)];
                String ten = formatted(valid, 1);
                return ten.charAt(0) + "O" + ten.substring(2); // a letter O typed for a digit: nine digits remain
            }
            if (kind < 90) {
                badPlan++;
                long npa, nxx, number = rnd.nextInt(10_000);
                if (rnd.nextBoolean()) {
                    // No such area code (0xx or 1xx); a third of them a 555-01xx number, as in films.
                    npa = rnd.nextInt(200);
                    nxx = 200 + rnd.nextInt(800);
                    if (rnd.nextInt(3) == 0) {
                        nxx = 555;
                        number = 100 + rnd.nextInt(100);
                    }
                } else {
                    npa = NPAS[rnd.nextInt(NPAS.length)];   // a real area code, an exchange starting 0 or 1
                    nxx = rnd.nextInt(200);
                }
                return formatted(npa * 10_000_000L + nxx * 10_000L + number, rnd.nextInt(FORMATS.length));
            }
            blankPhones++;
            return "";
        }

        /** A CSV field, quoted when it holds a comma, a quote or a line break. */
        StringBuilder field(StringBuilder line, String value) {
            boolean newline = value.indexOf('\n') >= 0, comma = value.indexOf(',') >= 0, quote = value.indexOf('"') >= 0;
            if (!newline && !comma && !quote) return line.append(value);
            if (newline) quotedNewlines++;
            else if (comma) quotedCommas++;
            if (quote) quotedQuotes++;
            return line.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
    }

    // ---------------------------------------------------------------- the file server

    /** Serves the files of a directory over plain HTTP on loopback, streamed, with their Content-Length. */
    record FileServer(HttpServer http, ExecutorService threads) implements AutoCloseable {
        static FileServer start(Path dir) throws IOException {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            http.setExecutor(threads);
            http.createContext("/", exchange -> serve(dir, exchange));
            http.start();
            return new FileServer(http, threads);
        }

        static void serve(Path dir, HttpExchange exchange) throws IOException {
            try (exchange) {
                Path file = dir.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
                if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "text/csv; charset=utf-8");
                exchange.sendResponseHeaders(200, Files.size(file));
                if (!exchange.getRequestMethod().equals("HEAD")) {
                    try (OutputStream body = exchange.getResponseBody()) {
                        Files.copy(file, body);
                    }
                }
            }
        }

        int port() {
            return http.getAddress().getPort();
        }

        String url(Path file) {
            return "http://127.0.0.1:" + port() + "/" + file.getFileName();
        }

        @Override
        public void close() {
            http.stop(0);
            threads.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- the server, a child process

    static final class Server {
        final List<String> output = Collections.synchronizedList(new ArrayList<>());
        final Path dataDir;
        /** The same for every start: only the first start of a new data directory takes them. */
        static final String API_KEY = "pc_live_" + random(40), METRICS_TOKEN = random(32);
        final String apiKey = API_KEY, metricsToken = METRICS_TOKEN;
        Process process;
        Thread pump;
        int port;
        long readyMillis;
        SSLContext ssl;
        URLClassLoader driverLoader;

        Server(Path dataDir) {
            this.dataDir = dataDir;
        }

        static Server start(Path dataDir) throws Exception {
            Server s = new Server(dataDir);
            try (ServerSocket probe = new ServerSocket(0)) {
                s.port = probe.getLocalPort();
            }
            List<String> command = new ArrayList<>();
            command.add(JAVA.toString());
            command.addAll(serverJvmOptions(dataDir));
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            // Only our settings: an inherited CIVICAST_DATABASE_URL would silently bench another setup.
            pb.environment().keySet().removeIf(name -> name.startsWith("CIVICAST_"));
            pb.environment().putAll(Map.of(
                    "CIVICAST_DATA_DIR", dataDir.toString(),
                    "CIVICAST_PORT", String.valueOf(s.port),
                    "CIVICAST_BIND_ADDRESS", "127.0.0.1",
                    "CIVICAST_BOOTSTRAP_API_KEY", s.apiKey,
                    "CIVICAST_RATE_LIMIT_PER_HOUR", String.valueOf(Integer.MAX_VALUE), // the step-4 GETs every 10 ms
                    "CIVICAST_CONGRESS_LOAD_ON_START", "false",
                    "CIVICAST_JOBS_POLL_MILLIS", String.valueOf(JOBS_POLL_MILLIS),
                    "CIVICAST_OUTBOUND_ALLOWLIST", "127.0.0.1",                             // the local file server
                    "CIVICAST_OUTBOUND_ALLOW_HTTP", "true",
                    "CIVICAST_METRICS_TOKEN", s.metricsToken));
            // Receipts an hour later: the broadcast is timed to the last hand-off, not to its receipts.
            pb.environment().put("CIVICAST_SIMULATOR_RECEIPT_DELAY_MILLIS", "3600000");
            // The broadcast is measured with pacing off and no sending hours, at whatever hour it runs.
            pb.environment().put("CIVICAST_SENDING_PACING", "off");
            pb.environment().put("CIVICAST_QUIET_HOURS", "none");
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
        java.sql.Connection database(String application) throws Exception {
            List<String> pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
            String password = Files.readString(dataDir.resolve("postgres.password")).strip();
            if (driverLoader == null) {
                driverLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            }
            Driver driver = (Driver) Class.forName("org.postgresql.Driver", true, driverLoader).getDeclaredConstructor().newInstance();
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("password", password);
            p.setProperty("ApplicationName", application);
            return driver.connect("jdbc:postgresql://localhost:" + pid.get(3).strip() + "/postgres", p);
        }
    }

    // ---------------------------------------------------------------- the benchmark

    /** One import as measured. */
    record Run(String label, String id, VoterFile file, double endToEnd, double post, double processing, double queued,
               double readySeen, Heap heap, Cpu cpu, Phases phases, boolean countsOk) {}

    /** A bare COPY of a file into a plain table, and how long it took. */
    record Copy(VoterFile file, double seconds, Cpu cpu) {}

    static final class Bench implements AutoCloseable {
        final Server server;
        final FileServer files;
        final HttpClient client;
        final String base;
        java.sql.Connection db, watcher;

        Bench(Server server, FileServer files) {
            this.server = server;
            this.files = files;
            this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(server.ssl)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            this.base = "https://127.0.0.1:" + server.port;
        }

        int run(VoterFile warmUp, Map<Integer, VoterFile> voterFiles) throws Exception {
            db = server.database("contacts-bench");
            watcher = server.database("contacts-bench-watcher");

            System.out.printf("%n== Warm-up: one import of %,d rows, not measured (class loading, libphonenumber's"
                    + " metadata, the first JIT) ==%n", warmUp.rows);
            Run w = importFile(warmUp, "warm-up", false);
            System.out.printf("warm-up: %,d rows ready in %.2f s, counts %s%n", warmUp.rows, w.endToEnd,
                    w.countsOk ? "as generated" : "WRONG");

            pollingCost(w.id);

            List<Run> runs = new ArrayList<>();
            Map<Integer, List<Copy>> copies = new LinkedHashMap<>();
            // First each size once (the first import of that size on this server: the JIT still compiling the
            // import's code, libphonenumber asked about the file's new number blocks), then each again (warm:
            // the steady state), and the bare COPY of each before and after all of them.
            for (VoterFile f : voterFiles.values()) {
                copies.computeIfAbsent(f.rows, k -> new ArrayList<>()).add(bareCopy(f));
                runs.add(importFile(f, size(f.rows) + " first", true));
            }
            for (int i = 0; i < warmRuns; i++) {
                for (VoterFile f : voterFiles.values()) runs.add(importFile(f, size(f.rows) + " warm", true));
            }
            for (VoterFile f : voterFiles.values()) copies.get(f.rows).add(bareCopy(f));
            summary(runs, copies);
            if (send) broadcast(runs.getLast());
            if (runs.stream().allMatch(Run::countsOk) && w.countsOk) return 0;
            System.out.println("COUNTS WRONG: an import did not count what the generator wrote (see above)");
            return 1;
        }

        // ---------------------------------------------------------------- one import

        Run importFile(VoterFile f, String label, boolean print) throws Exception {
            sql("CHECKPOINT");
            String body = String.format("""
                    {"source_url":"%s","list_name":"Bench %s","phone_column":"phone","merge_tags":{\
                    "first_name":"first_name","last_name":"last_name","address":"address","city":"city","state":"state",\
                    "zip":"zip","custom_fields":[{"csv_column":"voter_id","merge_tag":"voter_id"},\
                    {"csv_column":"precinct","merge_tag":"precinct"},{"csv_column":"party","merge_tag":"party"}]}}""",
                    files.url(f.path), label);
            long gcFrom = gcLogSize();
            HeapSampler heapSampler = new HeapSampler(this);
            PhaseSampler phaseSampler = new PhaseSampler(watcher, server);
            Thread heapThread = Thread.ofPlatform().daemon().start(heapSampler);
            Thread phaseThread = Thread.ofPlatform().daemon().start(phaseSampler);
            Cpu cpu0 = Cpu.now(server);

            Instant posted = Instant.now();
            long t0 = System.nanoTime();
            HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(base + "/v1/contact-lists/import"))
                    .header("X-API-Key", server.apiKey).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), 202);
            String id = (String) ((Map<?, ?>) json(accepted).get("data")).get("list_id");
            double postSeconds = (System.nanoTime() - t0) / 1e9;
            // The list's row is read straight from the database every few ms, and the API asked as soon as it
            // says the import ended: a GET that fine would cost the server a third of a core (the step-4 line).
            String ended = awaitEnd(id, t0);
            Map<?, ?> detail = (Map<?, ?>) json(send(HttpRequest.newBuilder(URI.create(base + "/v1/contact-lists/" + id))
                    .header("X-API-Key", server.apiKey).timeout(Duration.ofSeconds(30)).build(), 200)).get("data");
            Map<?, ?> imp = (Map<?, ?>) detail.get("import");
            if (!imp.get("status").equals(ended)) {
                throw new IllegalStateException(id + ": the database says " + ended + ", the API " + imp.get("status"));
            }
            long t1 = System.nanoTime();
            Cpu cpu = Cpu.now(server).minus(cpu0);
            heapSampler.stop = true;
            phaseSampler.stop = true;
            heapThread.join();
            phaseThread.join();
            if (imp.get("status").equals("failed")) {
                throw new IllegalStateException("the import of " + f.path.getFileName() + " failed: " + imp.get("error"));
            }

            double endToEnd = (t1 - t0) / 1e9;
            Instant started = Instant.parse((String) imp.get("processing_started_at"));
            Instant completed = Instant.parse((String) imp.get("processing_completed_at"));
            double processing = Duration.between(started, completed).toNanos() / 1e9;
            double queued = Duration.between(posted, started).toNanos() / 1e9;
            double readySeen = endToEnd - queued - processing;
            Heap heap = heapSampler.result(gcLines(gcFrom));
            Phases phases = phaseSampler.result(started, completed);

            // What the server counted against what the generator wrote.
            Map<String, Integer> expected = new LinkedHashMap<>(), got = new LinkedHashMap<>();
            expected.put("total_rows", f.rows);
            expected.put("total_contacts", f.contacts());
            expected.put("clean_contacts", f.clean());
            expected.put("duplicate_count", f.duplicates);
            expected.put("bad_number_count", f.bad);
            expected.put("opted_out_count", 0);
            for (String k : expected.keySet()) got.put(k, imp.get(k) == null ? null : ((Number) imp.get(k)).intValue());
            boolean ok = expected.equals(got);
            long stored = one("SELECT count(*) FROM contacts c JOIN contact_lists l USING (list_key) WHERE l.id = '" + id + "'");
            long rejects = one("SELECT count(*) FROM contact_rejects r JOIN contact_lists l USING (list_key) WHERE l.id = '" + id + "'");
            ok &= stored == f.clean() && rejects == f.rows - f.clean();
            Run run = new Run(label, id, f, endToEnd, postSeconds, processing, queued, readySeen, heap, cpu, phases, ok);
            if (!ok) {
                System.out.printf("%n!! MISMATCH in %s (%s): expected %s, the server says %s; rows stored: %d contacts,"
                        + " %d rejects (expected %d and %d)%n", label, id, expected, got, stored, rejects, f.clean(),
                        f.rows - f.clean());
            }
            if (print) print(run);
            return run;
        }

        /** Reads the list's status every STATUS_POLL_MILLIS until it is ready or failed; returns which. */
        String awaitEnd(String id, long t0) throws Exception {
            try (PreparedStatement ps = db.prepareStatement("SELECT status FROM contact_lists WHERE id = ?")) {
                ps.setString(1, id);
                while (true) {
                    Thread.sleep(STATUS_POLL_MILLIS);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        String status = rs.getString(1);
                        if (status.equals("ready") || status.equals("failed")) return status;
                    }
                    if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(30)) throw new IllegalStateException(id + " not ready after 30 minutes");
                }
            }
        }

        void print(Run r) {
            VoterFile f = r.file;
            System.out.printf("%n== Import of %s: %,d rows, %.1f MB (%s) ==%n", r.label, f.rows, f.bytes / 1e6, r.id);
            System.out.printf("end to end  %7.2f s  %,9.0f rows/s   POST → GET says ready (%s)%n",
                    r.endToEnd, f.rows / r.endToEnd, statusPolling());
            System.out.printf("server      %7.2f s  %,9.0f rows/s   processing_started_at → processing_completed_at%n",
                    r.processing, f.rows / r.processing);
            System.out.printf("  before: %.2f s from the POST to the job's start (its 202 came after %.2f s); after: %.2f s from processing_completed_at"
                    + " to the GET that saw ready (commit, poll)%n", r.queued, r.post, r.readySeen);
            System.out.printf("counts: total_rows %,d, clean %,d, duplicates %,d, bad numbers %,d, opted out 0: %s%n",
                    f.rows, f.clean(), f.duplicates, f.bad, r.countsOk ? "as generated" : "MISMATCH (above)");
            r.phases.print(r.endToEnd);
            System.out.printf("CPU, whole import: server %.2f s, postgres %.2f s, this program (file server, polling) %.2f s"
                    + " = %.2f cores over the %.2f s%n", r.cpu.server / 1e9, r.cpu.postgres / 1e9, r.cpu.client / 1e9,
                    r.cpu.total() / 1e9 / r.endToEnd, r.endToEnd);
            r.heap.print(heap);
        }

        /**
         * What the measuring itself costs, with no import running: the server idle, then the list's row read as
         * during an import, then a GET of a ready list every 10 ms (what watching the import through the API as
         * finely would cost), then /metrics alone, each for 3 s.
         */
        void pollingCost(String id) throws Exception {
            HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/v1/contact-lists/" + id))
                    .header("X-API-Key", server.apiKey).timeout(Duration.ofSeconds(30)).build();
            List<String> parts = new ArrayList<>();
            for (String what : List.of("idle", "the list's row every " + STATUS_POLL_MILLIS + " ms", "GET of the list every 10 ms",
                    "/metrics every " + metricsEvery + " ms")) {
                if (what.startsWith("/metrics") && metricsEvery <= 0) continue;
                HeapSampler sampler = new HeapSampler(this);
                Cpu cpu0 = Cpu.now(server);
                long t0 = System.nanoTime();
                Thread heapThread = what.startsWith("/metrics") ? Thread.ofPlatform().daemon().start(sampler) : null;
                while (System.nanoTime() - t0 < 3_000_000_000L) {
                    if (what.startsWith("GET")) {
                        Thread.sleep(10);
                        send(get, 200);
                    } else if (what.startsWith("the list's row")) {
                        awaitEnd(id, System.nanoTime()); // a ready list: one read
                    } else {
                        Thread.sleep(STATUS_POLL_MILLIS);
                    }
                }
                sampler.stop = true;
                if (heapThread != null) heapThread.join();
                double seconds = (System.nanoTime() - t0) / 1e9;
                Cpu cpu = Cpu.now(server).minus(cpu0);
                parts.add(String.format("%s: server %.0f, postgres %.0f, this program %.0f", what, cpu.server / 1e6 / seconds,
                        cpu.postgres / 1e6 / seconds, cpu.client / 1e6 / seconds));
            }
            System.out.printf("the measuring alone, no import, for 3 s each: CPU ms per second: %s%n", String.join("; ", parts));
        }

        // ---------------------------------------------------------------- the reference

        /** COPY … FROM STDIN (csv, header) of the file into a new plain, logged, unindexed table of text columns. */
        Copy bareCopy(VoterFile f) throws Exception {
            String table = "bench_copy_" + f.rows;
            sql("DROP TABLE IF EXISTS " + table);
            sql("CREATE TABLE " + table + " (" + VoterFile.HEADER.stream().map(c -> c + " text")
                    .collect(Collectors.joining(", ")) + ")");
            sql("CHECKPOINT");
            Class<?> pgConnection = Class.forName("org.postgresql.PGConnection", true, server.driverLoader);
            Object copyApi = pgConnection.getMethod("getCopyAPI").invoke(db.unwrap(pgConnection));
            Method copyIn = copyApi.getClass().getMethod("copyIn", String.class, Reader.class);
            Cpu cpu0 = Cpu.now(server);
            long t0 = System.nanoTime(), copied;
            try (Reader in = Files.newBufferedReader(f.path, StandardCharsets.UTF_8)) {
                copied = (Long) copyIn.invoke(copyApi, "COPY " + table + " FROM STDIN (FORMAT csv, HEADER true)", in);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Cpu cpu = Cpu.now(server).minus(cpu0);
            sql("DROP TABLE " + table);
            if (copied != f.rows) throw new IllegalStateException("COPY of " + f.path + " took " + copied + " rows, not " + f.rows);
            System.out.printf("%nbare COPY of %s: %,d rows in %.2f s, %,.0f rows/s (postgres CPU %.2f s, this program %.2f s)%n",
                    f.path.getFileName(), copied, seconds, copied / seconds, cpu.postgres / 1e9, cpu.client / 1e9);
            return new Copy(f, seconds, cpu);
        }

        // ---------------------------------------------------------------- the summary

        void summary(List<Run> runs, Map<Integer, List<Copy>> copies) {
            System.out.printf("%n== Summary (server -Xmx%s -XX:+UseG1GC; bare COPY: the faster of the two around the imports"
                    + " of that size) ==%n", heap);
            System.out.printf("%-13s %9s %8s %9s %8s %9s %8s %7s %9s %9s %6s%n", "run", "rows", "e2e s", "rows/s",
                    "server s", "rows/s", "COPY s", "ratio", "heap MiB", "live MiB", "counts");
            for (Run r : runs) {
                double copy = copies.get(r.file.rows).stream().mapToDouble(Copy::seconds).min().orElseThrow();
                System.out.printf("%-13s %,9d %8.2f %,9.0f %8.2f %,9.0f %8.2f %6.2fx %9s %9s %6s%n", r.label, r.file.rows,
                        r.endToEnd, r.file.rows / r.endToEnd, r.processing, r.file.rows / r.processing, copy,
                        r.endToEnd / copy, mib(Math.max(r.heap.peakUsed, r.heap.peakBeforeGc)), mib(r.heap.peakAfterGc), r.countsOk ? "ok" : "WRONG");
            }
            System.out.println("(heap: the peak heap in use, the larger of /metrics (summed over the heap pools) and the GC"
                    + " log's heap before each collection; live: the largest heap after a collection, from the GC log)");
            copies.forEach((n, c) -> System.out.printf("bare COPY %,d rows: %s s%n", n,
                    c.stream().map(x -> String.format("%.2f", x.seconds)).collect(Collectors.joining(", "))));

            System.out.println("(first: the first import of that size on this server, after the warm-up; warm: the same"
                    + " file again, every number block known and the import's code compiled)");
            System.out.printf("%n== Floor: at least %,.0f rows/s end to end and at most %.0fx the bare COPY (aim %.1fx);"
                    + " judged on the warm runs (the steady state), the first runs shown as well ==%n",
                    FLOOR_ROWS_PER_S, FLOOR_RATIO, AIM_RATIO);
            for (Run r : runs) {
                double copy = copies.get(r.file.rows).stream().mapToDouble(Copy::seconds).min().orElseThrow();
                double rate = r.file.rows / r.endToEnd, ratio = r.endToEnd / copy;
                boolean pass = rate >= FLOOR_ROWS_PER_S && ratio <= FLOOR_RATIO;
                System.out.printf("%-13s %,9.0f rows/s, %.2fx the bare COPY: %s%s%n", r.label, rate, ratio,
                        pass ? "PASS" : "FAIL", pass ? (ratio <= AIM_RATIO ? " (within the aim)" : " (above the aim)")
                                : (rate < FLOOR_ROWS_PER_S ? " (rows/s below the floor)" : "")
                                        + (ratio > FLOOR_RATIO ? " (too slow beside COPY)" : ""));
            }
        }

        // ---------------------------------------------------------------- helpers

        long gcLogSize() {
            try {
                return Files.size(server.dataDir.resolve("gc.log"));
            } catch (IOException none) {
                return 0;
            }
        }

        List<String> gcLines(long from) throws IOException {
            byte[] all = Files.readAllBytes(server.dataDir.resolve("gc.log"));
            return new String(all, (int) Math.min(from, all.length), all.length - (int) Math.min(from, all.length),
                    StandardCharsets.UTF_8).lines().toList();
        }

        HttpResponse<String> send(HttpRequest request, int expected) throws Exception {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (expected > 0 && r.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + r.statusCode()
                        + ": " + r.body());
            }
            return r;
        }

        // ---------------------------------------------------------------- a broadcast, beside a bare loop

        String post(String path, String body, int expected) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", server.apiKey)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), expected).body();
        }

        String field(String answer, String name) {
            return (String) ((Map<?, ?>) ((Map<?, ?>) new Json(answer).value()).get("data")).get(name);
        }

        /**
         * Sends a project to the list of the last import through the carrier simulator (pacing off,
         * no sending hours) and times it from the schedule to the project's completion, when
         * every message has been handed over; then a bare loop writes the same message rows — one
         * INSERT of 500 queued rows and one UPDATE of them to sent per batch, each its own transaction,
         * as the engine's claim and record do at the least — into an unindexed table.
         */
        void broadcast(Run list) throws Exception {
            String org = (String) ((Map<?, ?>) ((List<?>) json(send(HttpRequest.newBuilder(URI.create(base + "/v1/organizations"))
                    .header("X-API-Key", server.apiKey).build(), 200)).get("data")).get(0)).get("id");
            String brand = field(post("/v1/brands", "{\"brand_name\":\"Bench PAC\"}", 201), "id");
            String campaign = field(post("/v1/campaigns", "{\"brand_id\":\"" + brand
                    + "\",\"name\":\"GOTV\",\"use_case\":\"POLITICAL\"}", 201), "id");
            String number = field(post("/v1/phone-numbers", "{\"number\":\"+13125550199\",\"channel\":\"10dlc\","
                    + "\"campaign_id\":\"" + campaign + "\"}", 201), "id");
            String project = field(post("/v1/projects", String.format("""
                    {"organization_id":"%s","brand_id":"%s","campaign_id":"%s","phone_number_ids":["%s"],"name":"Bench",                    "protocol":"sms","message_text":"Hi {first_name|friend}, polls are open until 8pm.",                    "contact_list_ids":["%s"]}""", org, brand, campaign, number, list.id()), 201), "project_id");
            sql("CHECKPOINT");
            HeapSampler heapSampler = new HeapSampler(this);
            Thread heapThread = Thread.ofPlatform().daemon().start(heapSampler);
            if (pgStats) {
                sql("SELECT pg_stat_statements_reset()");
                sql("SELECT pg_stat_reset_shared('wal')");
                sql("SELECT pg_stat_reset_shared('checkpointer')");
            }
            Cpu cpu0 = Cpu.now(server);
            long t0 = System.nanoTime();
            post("/v1/projects/" + project + "/schedule", "{\"scheduled_at\":\"" + Instant.now()
                    + "\",\"scheduled_timezone\":\"America/Chicago\"}", 200);
            while (!"completed".equals(field(send(HttpRequest.newBuilder(URI.create(base + "/v1/projects/" + project))
                    .header("X-API-Key", server.apiKey).build(), 200).body(), "status"))) {
                Thread.sleep(250);
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(60)) throw new IllegalStateException("not completed in an hour");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Cpu cpu = Cpu.now(server).minus(cpu0);
            heapSampler.stop = true;
            heapThread.join();
            long handed = one("SELECT count(*) FROM outbound_messages WHERE status IN ('sent', 'delivered', 'undeliverable')");
            long accepted = Files.readAllLines(server.dataDir.resolve("carrier-simulator/accepted.tsv")).size();
            System.out.printf("%n== Broadcast to the %s list: %,d messages handed to the carrier simulator ==%n", list.label(), handed);
            System.out.printf("schedule → completed  %.2f s   %,.0f messages/s   (the simulator's record: %,d messages)%n",
                    seconds, handed / seconds, accepted);
            System.out.printf("CPU: server %.2f s, postgres %.2f s; heap: peak used %d MiB%n", cpu.server / 1e9,
                    cpu.postgres / 1e9, heapSampler.peakUsed >> 20);
            if (pgStats) printStatements(handed);

            // The same table, indexes included: the rows and their index entries, without gateway, events or billing.
            sql("CREATE TABLE bench_messages (LIKE outbound_messages INCLUDING ALL)");
            sql("CHECKPOINT");
            Cpu loop0 = Cpu.now(server);
            long l0 = System.nanoTime();
            db.setAutoCommit(true);
            for (long from = 0; from < handed; from += 500) {
                long to = Math.min(handed, from + 500);
                long first = one("WITH ins AS (INSERT INTO bench_messages (send_key, phone, sender_id, sender, first_name, "
                        + "status, queued_at) SELECT 0, 13120000000 + g, 'pn_bench', '+13125550199', 'Voter', 'queued', now() "
                        + "FROM generate_series(" + from + ", " + (to - 1) + ") g RETURNING id) SELECT min(id) FROM ins");
                sql("UPDATE bench_messages SET status = 'sent', body = 'Hi Voter, polls are open until 8pm.', segments = 1, "
                        + "provider_id = 'SIM' || id, sent_at = now() WHERE id BETWEEN " + first + " AND " + (first + to - from - 1));
            }
            double loop = (System.nanoTime() - l0) / 1e9;
            Cpu loopCpu = Cpu.now(server).minus(loop0);
            sql("DROP TABLE bench_messages");
            System.out.printf("bare loop: %,d message rows (same table and indexes) inserted queued and updated to sent, 500 a batch: %.2f s, %,.0f rows/s"
                    + " (postgres CPU %.2f s)%n", handed, loop, handed / loop, loopCpu.postgres / 1e9);
            System.out.printf("ratio: the broadcast took %.2fx the bare loop; %s the floor of %,.0f messages/s%n", seconds / loop,
                    handed / seconds >= FLOOR_MESSAGES_PER_S ? "meets" : "is BELOW", FLOOR_MESSAGES_PER_S);
        }

        /** The broadcast's statements by their time in PostgreSQL, per message handed over. */
        void printStatements(long messages) throws SQLException {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT w.wal_records, w.wal_fpi, w.wal_bytes, c.num_timed + c.num_requested
                    FROM pg_stat_wal w, pg_stat_checkpointer c""")) {
                rs.next();
                System.out.printf("WAL: %.1f records, %.2f full-page images, %.0f bytes per message; %d checkpoints%n",
                        rs.getDouble(1) / messages, rs.getDouble(2) / messages, rs.getDouble(3) / messages, rs.getLong(4));
            }
            System.out.println("pg_stat_statements, the 15 statements that took most time (µs per message handed over):");
            System.out.println("   µs/msg      calls       rows  statement");
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT total_exec_time, calls, rows, regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements
                    WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 15""")) {
                while (rs.next()) {
                    String q = rs.getString(4);
                    System.out.printf("%9.2f %10d %10d  %s%n", rs.getDouble(1) * 1000 / messages, rs.getLong(2), rs.getLong(3),
                            q.length() > 150 ? q.substring(0, 150) + "…" : q);
                }
            }
        }

        void sql(String sql) throws SQLException {
            try (Statement s = db.createStatement()) {
                s.execute(sql);
            }
        }

        long one(String sql) throws SQLException {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        public void close() throws Exception {
            if (db != null) db.close();
            if (watcher != null) watcher.close();
            client.close();
        }
    }

    // ---------------------------------------------------------------- the server's heap

    /** Heap figures during one import. */
    record Heap(long peakUsed, long peakOld, int samples, long peakBeforeGc, long peakAfterGc, int collections,
                double pauseMillis) {
        void print(String xmx) {
            System.out.printf("heap (-Xmx%s): /metrics: peak used %s MiB, peak old gen %s MiB (%d samples); GC log: largest"
                            + " heap before a collection %s MiB, after one %s MiB (%d collections, %.0f ms of pauses)%n",
                    xmx, mib(peakUsed), mib(peakOld), samples, mib(peakBeforeGc), mib(peakAfterGc), collections, pauseMillis);
        }
    }

    /** Samples the server's /metrics every --metrics-every ms: the heap in use, summed over its pools, and the old generation. */
    static final class HeapSampler implements Runnable {
        static final Pattern AFTER = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)(?: (\\d+(?:\\.\\d+)?)ms)?");
        final Bench bench;
        volatile boolean stop;
        long peakUsed = -1, peakOld = -1;
        int samples;

        HeapSampler(Bench bench) {
            this.bench = bench;
        }

        @Override
        public void run() {
            HttpRequest metrics = HttpRequest.newBuilder(URI.create(bench.base + "/metrics"))
                    .header("Authorization", "Bearer " + bench.server.metricsToken).timeout(Duration.ofSeconds(10)).build();
            while (!stop && metricsEvery > 0) {
                long next = System.nanoTime() + metricsEvery * 1_000_000L;
                try {
                    String text = bench.send(metrics, 200).body();
                    long used = 0, old = 0;
                    for (String line : text.split("\n")) {
                        if (!line.startsWith("jvm_memory_used_bytes{") || !line.contains("area=\"heap\"")) continue;
                        long v = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        used += v;
                        if (line.contains("Old Gen")) old = v;
                    }
                    peakUsed = Math.max(peakUsed, used);
                    peakOld = Math.max(peakOld, old);
                    samples++;
                } catch (Exception e) {
                    System.out.println("  ! /metrics: " + e);
                }
                long wait = next - System.nanoTime();
                if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }

        Heap result(List<String> gcLog) {
            long afterGc = -1, beforeGc = -1;
            int collections = 0;
            double pauses = 0;
            for (String line : gcLog) {
                Matcher m = AFTER.matcher(line);
                if (!line.contains("Pause") || !m.find()) continue;
                collections++;
                beforeGc = Math.max(beforeGc, Long.parseLong(m.group(1)) << 20);
                afterGc = Math.max(afterGc, Long.parseLong(m.group(2)) << 20);
                if (m.group(4) != null) pauses += Double.parseDouble(m.group(4));
            }
            return new Heap(peakUsed, peakOld, samples, beforeGc, afterGc, collections, pauses);
        }
    }

    // ---------------------------------------------------------------- the import's phases

    /**
     * Watches the import's PostgreSQL backend every 100 ms through pg_stat_activity: each statement of
     * its transaction (staging table, COPY, merge, counts, ready) and when it started; per statement,
     * what the backend was waiting for at each sample (its wait event, or none: on a CPU or waiting
     * for one), the backend's own scheduler figures (/proc/PID/schedstat: on a CPU, runnable but
     * waiting for a CPU, or neither: blocked on I/O or on the server's data), and the CPU of the
     * server, PostgreSQL and this program between samples, credited to the statement then running.
     */
    static final class PhaseSampler implements Runnable {
        final java.sql.Connection watcher;
        final Server server;
        volatile boolean stop;
        /** Statements of the import's transaction by start time; per phase: CPU, wait-event samples, backend schedstat. */
        final TreeMap<Instant, String> statements = new TreeMap<>();
        final Map<String, Cpu> cpu = new LinkedHashMap<>();
        final Map<String, Map<String, Integer>> waits = new LinkedHashMap<>();
        final Map<String, long[]> backend = new LinkedHashMap<>();
        Instant lastEnd;
        int pid = -1;
        String failure;

        PhaseSampler(java.sql.Connection watcher, Server server) {
            this.watcher = watcher;
            this.server = server;
        }

        @Override
        public void run() {
            Cpu before = Cpu.now(server);
            long[] sched = null;
            long at = System.nanoTime();
            try (PreparedStatement ps = watcher.prepareStatement("""
                    SELECT pid, state, query_start, state_change, left(query, 120), xact_start IS NOT NULL,
                           coalesce(wait_event_type || ':' || wait_event, CASE WHEN state = 'active' THEN 'CPU' ELSE state END)
                    FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
                      AND (pid = ? OR (? < 0 AND query LIKE '%contacts\\_%' AND xact_start IS NOT NULL))""")) {
                while (!stop) {
                    long next = System.nanoTime() + SAMPLE_MILLIS * 1_000_000L;
                    ps.setInt(1, pid);
                    ps.setInt(2, pid);
                    // What runs now: the statement of the import's transaction, "before" until it is found,
                    // "after" once that transaction has ended.
                    String phase = pid < 0 ? "before" : "after", wait = null;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (!rs.getBoolean(6)) continue;
                            if (pid < 0) pid = rs.getInt(1);
                            Instant start = rs.getTimestamp(3).toInstant();
                            String name = name(rs.getString(5));
                            statements.putIfAbsent(start, name);
                            if (!"active".equals(rs.getString(2))) lastEnd = rs.getTimestamp(4).toInstant();
                            phase = name;
                            wait = rs.getString(7);
                        }
                    }
                    if (wait != null) waits.computeIfAbsent(phase, k -> new TreeMap<>()).merge(wait, 1, Integer::sum);
                    Cpu now = Cpu.now(server);
                    cpu.merge(phase, now.minus(before), Cpu::plus);
                    before = now;
                    long[] s = pid < 0 ? null : schedstat(pid);
                    long t = System.nanoTime();
                    if (sched != null && s != null) {
                        long[] d = {s[0] - sched[0], s[1] - sched[1], t - at};
                        backend.merge(phase, d, (x, y) -> new long[] {x[0] + y[0], x[1] + y[1], x[2] + y[2]});
                    }
                    sched = s;
                    at = t;
                    long left = next - System.nanoTime();
                    if (left > 0) java.util.concurrent.locks.LockSupport.parkNanos(left);
                }
            } catch (SQLException e) {
                failure = e.toString();
            }
        }

        /** Nanoseconds on a CPU and waiting on a run queue, from /proc/PID/schedstat; null when unreadable. */
        static long[] schedstat(int pid) {
            try {
                String[] f = Files.readString(Path.of("/proc/" + pid + "/schedstat")).trim().split("\\s+");
                return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
            } catch (IOException | RuntimeException goneOrNotLinux) {
                return null;
            }
        }

        static String name(String query) {
            String q = query.strip();
            if (q.startsWith("COPY contacts_") || q.startsWith("COPY contact_rejects")) return "COPY";
            if (q.startsWith("WITH firsts")) return "settle";
            if (q.startsWith("WITH opted") || q.startsWith("SELECT EXISTS (SELECT 1 FROM opt_outs")) return "opted out";
            if (q.startsWith("CREATE UNIQUE INDEX contacts_") || q.matches("(?s)ALTER TABLE contacts_\\d+ ADD CONSTRAINT.*")) {
                return "index";
            }
            if (q.startsWith("ALTER TABLE contacts ATTACH")) return "attach";
            if (q.startsWith("SELECT count(*) FILTER")) return "count";
            if (q.startsWith("CREATE TABLE contacts_") || q.startsWith("ALTER TABLE contacts_")) return "list table";
            if (q.startsWith("UPDATE contact_lists SET status = 'ready'")) return "ready";
            if (q.equals("COMMIT")) return "commit";
            return q.length() > 30 ? q.substring(0, 30) : q;
        }

        Phases result(Instant started, Instant completed) {
            return new Phases(new TreeMap<>(statements), lastEnd, started, completed, new LinkedHashMap<>(cpu),
                    new LinkedHashMap<>(waits), new LinkedHashMap<>(backend), failure);
        }
    }

    /** The phases of one import: from the job's start through each statement of its transaction to its end. */
    record Phases(TreeMap<Instant, String> statements, Instant lastEnd, Instant started, Instant completed,
                  Map<String, Cpu> cpu, Map<String, Map<String, Integer>> waits, Map<String, long[]> backend,
                  String failure) {
        static final Map<String, String> MEANING = Map.ofEntries(
                Map.entry("before", "job start → first statement seen (fetch opens, file sniffed)"),
                Map.entry("COPY", "download, parse, judge, normalise, COPY into the list's new table and contact_rejects"),
                Map.entry("settle", "rows not taken moved to contact_rejects"),
                Map.entry("opted out", "opted-out numbers moved to contact_rejects"),
                Map.entry("index", "the list's index built in one pass"),
                Map.entry("attach", "the list's table attached to contacts"),
                Map.entry("count", "counting the rejects"),
                Map.entry("ready", "marking the list ready"),
                Map.entry("list table", "creating the list's table"),
                Map.entry("commit", "committing the import's transaction"),
                Map.entry("after", "commit, until the GET saw ready"));

        /**
         * Seconds from the start of each statement to the start of the next; for the last one seen, to
         * processing_completed_at if that is later, else to its end if a sample saw it ended, else unknown.
         */
        Map<String, Double> durations() {
            Map<String, Double> d = new LinkedHashMap<>();
            Instant first = statements.isEmpty() ? completed : statements.firstKey();
            d.put("before", seconds(started, first));
            for (Map.Entry<Instant, String> e : statements.entrySet()) {
                Instant start = e.getKey(), next = statements.higherKey(start);
                Instant end = next != null ? next : completed.isAfter(start) ? completed
                        : lastEnd != null && lastEnd.isAfter(start) ? lastEnd : null;
                d.merge(e.getValue(), seconds(start, end), Double::sum);
            }
            return d;
        }

        static double seconds(Instant a, Instant b) {
            return a == null || b == null ? Double.NaN : Duration.between(a, b).toNanos() / 1e9;
        }

        void print(double endToEnd) {
            if (failure != null) System.out.println("phases: not watched (" + failure + ")");
            System.out.println("phases (the import's PostgreSQL backend, sampled every 100 ms; CPU credited to the"
                    + " statement running at each sample):");
            Map<String, Double> durations = durations();
            Set<String> names = new LinkedHashSet<>(durations.keySet());
            if (cpu.containsKey("after")) names.add("after");
            for (String name : names) {
                Double seconds = durations.get(name);
                System.out.printf("  %-14s %8s  %s%n", name, seconds == null || seconds.isNaN() ? "" : String.format("%6.2f s", seconds),
                        MEANING.getOrDefault(name, ""));
                Cpu c = cpu.get(name);
                long[] b = backend.get(name);
                if (c != null) {
                    System.out.printf("  %-14s %8s  CPU: server %.2f s, postgres %.2f s, this program %.2f s%s%n", "", "",
                            c.server / 1e9, c.postgres / 1e9, c.client / 1e9, b == null || name.equals("after") ? ""
                                    : String.format("; its backend: on a CPU %.2f s, waiting for one %.2f s, neither %.2f s",
                                    b[0] / 1e9, b[1] / 1e9, Math.max(0, b[2] - b[0] - b[1]) / 1e9));
                }
                Map<String, Integer> w = waits.get(name);
                if (w != null && !name.equals("after")) {
                    int total = w.values().stream().mapToInt(Integer::intValue).sum();
                    System.out.printf("  %-14s %8s  backend's wait events (%d samples): %s%n", "", "", total,
                            w.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                                    .map(e -> String.format("%s %.0f%%", e.getKey(), 100.0 * e.getValue() / total))
                                    .collect(Collectors.joining(", ")));
                }
            }
        }
    }

    // ---------------------------------------------------------------- CPU accounting

    /**
     * CPU time (ns) used so far by the server's JVM, its PostgreSQL (the postmaster's children, living and
     * reaped) and this program, from /proc.
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

        Cpu plus(Cpu o) {
            return new Cpu(server + o.server, postgres + o.postgres, client + o.client);
        }

        long total() {
            return server + postgres + client;
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

    // ---------------------------------------------------------------- output

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
        System.out.printf("server:  %s %s -jar %s (%d MiB), embedded PostgreSQL, jobs polled every %d ms (and woken when one is queued)%n", JAVA,
                String.join(" ", serverJvmOptions(Path.of("<data dir>"))), jar, Files.size(jar) >> 20, JOBS_POLL_MILLIS);
        version.lines().forEach(l -> System.out.println("         " + l));
        System.out.printf("client:  this JVM: the file server (plain HTTP on loopback), the import's end watched by %s,"
                + " and /metrics %s%n", statusPolling(), metricsEvery > 0 ? "every " + metricsEvery + " ms" : "never");
    }

    static String size(int rows) {
        return rows % 1_000_000 == 0 ? rows / 1_000_000 + "M" : rows % 1000 == 0 ? rows / 1000 + "K" : String.valueOf(rows);
    }

    static String mib(long bytes) {
        return bytes < 0 ? "?" : String.valueOf(bytes >> 20);
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

    static Map<?, ?> json(HttpResponse<String> r) {
        return (Map<?, ?>) new Json(r.body()).value();
    }

    /** Just enough JSON for the answers read here: objects, arrays, strings, numbers, booleans, null. */
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
