import com.sun.net.httpserver.*;
import java.io.*;
import java.net.*;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.*;
import java.security.cert.CertificateFactory;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.*;
import javax.net.ssl.*;

/**
 * Start-up time and request throughput/latency of the Civicast server jar, with nothing but the JDK.
 * From the repository root: {@code java bench/ServerBench.java [--concurrency 16] [--seconds 10]
 * [--rate 1000] [--warmup 3] [--jar target/civicast.jar]}. bench/README.md says how to read the output.
 */
public class ServerBench {
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    static int concurrency = 16, seconds = 10, rate = 1000, warmup = 3;
    static Path jar = Path.of("target/civicast.jar");
    /** The README's start command, bin/civicast (null: java -jar, without the JVM's start-up cache). */
    static Path launcher = null;

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--launcher" -> launcher = Path.of(args[++i]);
                case "--plain" -> launcher = null;
                default -> {
                    System.err.println("usage: java bench/ServerBench.java [--concurrency N] [--seconds N]"
                            + " [--rate N] [--warmup N] [--jar PATH] [--launcher bin/civicast | --plain]"
                            + "   (unknown: " + args[i] + ")");
                    System.exit(2);
                }
            }
        }
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("no jar at " + jar.toAbsolutePath());
        printMachine();
        warmUpClient();

        Path dataDir = Files.createTempDirectory("civicast-bench-");
        String key = "pc_live_" + random(40);
        Server server = null;
        try {
            // Cold: empty data directory, so initdb + migrations + root key + certificate generation.
            // Warm: the same directory again; the cluster, schema and certificate already exist.
            System.out.printf("%n== Start to ready: launch until GET /readyz = 200 (polled every 20 ms),"
                    + " embedded PostgreSQL ==%n");
            server = Server.start(dataDir, key);
            server.report("cold  ");
            List<Long> warm = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                server.stop();
                server = Server.start(dataDir, key);
                server.report("warm " + i);
                warm.add(server.readyMillis);
            }
            Collections.sort(warm);
            System.out.printf("median warm start: %d ms%n", warm.get(1));
            load(server, key); // on the server of the last warm start
        } finally {
            if (server != null) {
                server.stop();
                server.printLogSummary();
            }
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ---------------------------------------------------------------- the server, a child process

    static final class Server {
        final List<String> output = Collections.synchronizedList(new ArrayList<>());
        Process process;
        Thread pump;
        int port;
        volatile String readyLine;
        volatile String phasesLine;
        volatile long readyLineAtMillis = -1;
        long readyMillis, lastPollSentMillis, lastPollMillis;
        SSLContext ssl;

        static Server start(Path dataDir, String key) throws Exception {
            Server s = new Server();
            try (ServerSocket probe = new ServerSocket(0)) {
                s.port = probe.getLocalPort();
            }
            ProcessBuilder pb = (launcher != null
                    ? new ProcessBuilder("sh", launcher.toAbsolutePath().toString())
                    : new ProcessBuilder(JAVA.toString(), "-jar", jar.toAbsolutePath().toString()))
                    .redirectErrorStream(true);
            // Only our settings: an inherited CIVICAST_DATABASE_URL would silently bench another setup.
            pb.environment().keySet().removeIf(name -> name.startsWith("CIVICAST_"));
            if (launcher != null) { // the script execs this JVM's java on the jar
                pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
                pb.environment().put("CIVICAST_JAR", jar.toAbsolutePath().toString());
            }
            pb.environment().putAll(Map.of(
                    "CIVICAST_DATA_DIR", dataDir.toString(),
                    "CIVICAST_PORT", String.valueOf(s.port),
                    "CIVICAST_BIND_ADDRESS", "127.0.0.1",
                    "CIVICAST_BOOTSTRAP_API_KEY", key,
                    "CIVICAST_RATE_LIMIT_PER_HOUR", "100000000")); // the load test uses one key
            long t0 = System.nanoTime();
            s.process = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(s::kill)); // Ctrl-C must not leak a server
            s.pump = Thread.ofPlatform().daemon().start(() -> s.pump(t0));

            // The certificate is written during start-up: trust it as soon as it exists, then poll.
            Path cert = dataDir.resolve("tls/self-signed.crt");
            URI readyz = URI.create("https://127.0.0.1:" + s.port + "/readyz");
            HttpClient client = null;
            while (true) {
                if (!s.process.isAlive()) {
                    s.output.forEach(System.err::println);
                    throw new IllegalStateException("server exited with " + s.process.exitValue());
                }
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(3)) {
                    throw new IllegalStateException("not ready after 3 minutes");
                }
                if (client == null && Files.exists(cert)) {
                    try (InputStream in = Files.newInputStream(cert)) {
                        s.ssl = trusting(CertificateFactory.getInstance("X.509").generateCertificate(in));
                        client = HttpClient.newBuilder().sslContext(s.ssl)
                                .connectTimeout(Duration.ofSeconds(2)).build();
                    } catch (Exception unreadableYet) { // renamed into place complete, but be safe
                    }
                }
                if (client != null) {
                    try {
                        long sent = System.nanoTime();
                        int status = client.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(2)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        s.lastPollSentMillis = (sent - t0) / 1_000_000;
                        s.lastPollMillis = (System.nanoTime() - sent) / 1_000_000;
                        if (status == 200) break;
                    } catch (IOException notListeningYet) { // poll again
                    }
                }
                Thread.sleep(20);
            }
            s.readyMillis = (System.nanoTime() - t0) / 1_000_000;
            client.close();
            return s;
        }

        /** Keeps the server's stdout+stderr, noting the "ready … in N ms" line and when it came. */
        private void pump(long t0) {
            try (BufferedReader r = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                    if (phasesLine == null && line.contains("Started in ")) {
                        phasesLine = line.substring(line.indexOf("Started in "));
                    }
                    if (readyLine == null && line.matches(".* ready on .* in \\d+ ms")) {
                        readyLineAtMillis = (System.nanoTime() - t0) / 1_000_000;
                        readyLine = line;
                    }
                }
            } catch (IOException processGone) { // nothing more to read
            }
        }

        void report(String label) {
            System.out.printf("%s: ready after %6d ms   (its ready line came at +%d ms; the /readyz that"
                    + " succeeded was sent at +%d ms and took %d ms)%n",
                    label, readyMillis, readyLineAtMillis, lastPollSentMillis, lastPollMillis);
            System.out.println("        | " + (readyLine == null ? "(no ready line seen)" : readyLine.strip()));
            if (phasesLine != null) System.out.println("        | " + phasesLine.strip());
        }

        /** SIGTERM, wait for the exit, and check the embedded PostgreSQL went with it. */
        void stop() throws InterruptedException {
            if (!process.isAlive()) return;
            List<ProcessHandle> children = process.descendants().toList();
            long t0 = System.nanoTime();
            // SIGTERM through the handle: Process.destroy() would also close our end of its output, and
            // a JVM writing its start-up cache as it stops (bin/civicast) must still be able to print.
            process.toHandle().destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                System.out.println("  ! server ignored SIGTERM for 60 s; killing it");
                kill();
                process.waitFor();
            }
            long stopped = (System.nanoTime() - t0) / 1_000_000;
            pump.join(5000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) Thread.sleep(50);
            List<String> left = children.stream().filter(ProcessHandle::isAlive)
                    .map(p -> p.pid() + " " + p.info().command().orElse("?")).toList();
            System.out.printf("        stopped by SIGTERM in %d ms (exit code %d; 143 = 128 + SIGTERM, as expected)%s%n",
                    stopped, process.exitValue(), left.isEmpty() ? "" : "; STILL RUNNING 10 s later: " + left);
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        void printLogSummary() { // the pump has finished (stop joined it), so output is complete
            List<String> bad = List.copyOf(output).stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")
                    || l.startsWith("WARNING") || l.contains("Exception")).toList();
            System.out.printf("server output of the last start: %d warning/error lines%n", bad.size());
            bad.stream().limit(10).forEach(l -> System.out.println("  | " + l));
        }
    }

    // ---------------------------------------------------------------- load

    static void load(Server server, String key) throws Exception {
        // One client for all runs: HTTP/1.1 keep-alive. HttpClient keeps a pool of idle connections and
        // opens another whenever all are busy, so the number of connections follows the concurrency.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(server.ssl).connectTimeout(Duration.ofSeconds(5)).build();
        String base = "https://127.0.0.1:" + server.port;
        HttpRequest healthz = HttpRequest.newBuilder(URI.create(base + "/healthz"))
                .timeout(Duration.ofSeconds(30)).build();
        HttpRequest orgs = HttpRequest.newBuilder(URI.create(base + "/v1/organizations"))
                .header("X-API-Key", key).timeout(Duration.ofSeconds(30)).build();

        HttpResponse<String> check = client.send(orgs, HttpResponse.BodyHandlers.ofString());
        if (check.statusCode() != 200 || !check.body().contains("\"success\":true")) {
            throw new IllegalStateException("/v1/organizations answered " + check.statusCode() + ": " + check.body());
        }
        System.out.printf("%nchecked once: GET /v1/organizations = 200 with \"success\":true (%d bytes)%n",
                check.body().length());

        // Closed loop: a worker sends its next request only after the previous answer, so the server
        // sets the pace. It finds peak throughput, but its latencies never include waiting in a queue.
        System.out.printf("%n== Closed loop: %d workers back to back, %d s measured after a %d s warm-up ==%n",
                concurrency, seconds, warmup);
        Result ch = closedLoop(client, healthz, server.port), co = closedLoop(client, orgs, server.port);
        table(ch, co);

        // Open loop: requests leave on a fixed schedule whatever the server does, as real clients do.
        System.out.printf("%n== Open loop: %d req/s scheduled for %d s, at most %d in flight,"
                + " latency from the scheduled send time ==%n", rate, seconds, concurrency);
        Result oh = openLoop(client, healthz, server.port), oo = openLoop(client, orgs, server.port);
        table(oh, oo);
        System.out.printf("client scheduler lag, max: %.1f ms (healthz), %.1f ms (organizations);"
                + " included in the latencies above%n%n", oh.maxLagNanos / 1e6, oo.maxLagNanos / 1e6);
        client.close();
    }

    record Result(double rps, long errors, long[] sorted, int conns, long maxLagNanos, String firstError) {
        double pct(double q) {
            if (sorted.length == 0) return Double.NaN;
            return sorted[Math.clamp((long) Math.ceil(q * sorted.length) - 1, 0, sorted.length - 1)] / 1e6;
        }
    }

    /** Sends one request; true on 200. Any other status, a timeout or a reset counts as an error. */
    static boolean call(HttpClient client, HttpRequest req, AtomicLong errors, AtomicReference<String> first) {
        String problem;
        try {
            int status = client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) return true;
            problem = "HTTP " + status;
        } catch (IOException | InterruptedException e) {
            problem = e.toString();
        }
        errors.incrementAndGet();
        first.compareAndSet(null, problem);
        return false;
    }

    static Result closedLoop(HttpClient client, HttpRequest req, int port) {
        // The warm-up is the same run, thrown away: the server's JIT compiler, Jetty's thread and buffer
        // pools, the database connection pool and our own connections all need traffic to settle.
        runClosed(client, req, warmup, port);
        return runClosed(client, req, seconds, port);
    }

    static Result runClosed(HttpClient client, HttpRequest req, int secs, int port) {
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
                        long t = System.nanoTime();
                        if (call(client, req, errors, first)) {
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
        return new Result(all.length / elapsed, errors.get(), all, connections(port), 0, first.get());
    }

    static Result openLoop(HttpClient client, HttpRequest req, int port) {
        int n = rate * seconds;
        long interval = 1_000_000_000L / rate, start = System.nanoTime() + 10_000_000, maxLag = 0;
        long[] latency = new long[n];
        Arrays.fill(latency, -1);
        AtomicLong errors = new AtomicLong(), abandoned = new AtomicLong(), lastDone = new AtomicLong(start);
        AtomicReference<String> first = new AtomicReference<>();
        // Like wrk2's fixed connections: at most `concurrency` requests in flight, so a server that falls
        // behind does not make us open thousands of TLS connections. A request that finds them all busy
        // queues here (fairly, first come first served) and that wait is part of its latency.
        Semaphore inFlight = new Semaphore(concurrency, true);
        // An overloaded server could take minutes to drain its backlog: allow D more seconds, then stop.
        long deadline = start + n * interval + TimeUnit.SECONDS.toNanos(seconds);
        // Each request gets a virtual thread at its scheduled instant, whatever earlier ones are doing,
        // and its latency is measured from that *scheduled* instant, not from when it actually went out.
        // Otherwise a stall (server, GC, our own scheduler) would quietly lower the rate and vanish from
        // the percentiles: "coordinated omission".
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
                        if (call(client, req, errors, first)) {
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
                    + " (server slower than " + rate + " req/s; percentiles understate)"
                    + (problem == null ? "" : "; " + problem);
        }
        double elapsed = Math.max(1e-9, (lastDone.get() - start) / 1e9);
        return new Result(ok.length / elapsed, errors.get() + abandoned.get(), ok, connections(port), maxLag, problem);
    }

    /** Established client connections to the server's port, counted in /proc/net/tcp{,6}. */
    static int connections(int port) {
        String remote = String.format(":%04X", port);
        try (Stream<String> v4 = Files.lines(Path.of("/proc/net/tcp"));
             Stream<String> v6 = Files.lines(Path.of("/proc/net/tcp6"))) {
            return (int) Stream.concat(v4, v6).map(line -> line.trim().split("\\s+")) // sl local remote state …
                    .filter(f -> f.length > 3 && f[2].endsWith(remote) && f[3].equals("01")).count();
        } catch (IOException | UncheckedIOException notLinux) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- output

    static void table(Result health, Result orgs) {
        System.out.printf("%-22s %9s %8s %8s %8s %8s %7s %6s%n",
                "route", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "conns");
        row("GET /healthz", health);
        row("GET /v1/organizations", orgs);
        System.out.printf("%-22s %8.2fx %17s %7.2fx%n", "ratio orgs/healthz", orgs.rps / health.rps, "",
                orgs.pct(0.99) / health.pct(0.99));
    }

    static void row(String name, Result r) {
        System.out.printf("%-22s %9.0f %8.2f %8.2f %8.2f %8.2f %7d %6s%n", name, r.rps, r.pct(0.50), r.pct(0.90),
                r.pct(0.99), r.pct(1.0), r.errors, r.conns < 0 ? "?" : String.valueOf(r.conns));
        if (r.firstError != null) System.out.println("    ! " + r.firstError);
    }

    static void printMachine() throws Exception {
        String cpu = firstLine("/proc/cpuinfo", "model name").replaceFirst("^[^:]*:\\s*", "");
        long memKb = Long.parseLong(firstLine("/proc/meminfo", "MemTotal").replaceAll("\\D", ""));
        Process v = new ProcessBuilder(JAVA.toString(), "-version").redirectErrorStream(true).start();
        String version = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        v.waitFor();
        System.out.println("== Machine ==");
        System.out.println("date:    " + ZonedDateTime.now().withNano(0));
        System.out.println("nproc:   " + Runtime.getRuntime().availableProcessors());
        System.out.printf("memory:  %.1f GiB%n", memKb / 1048576.0);
        System.out.println("cpu:     " + cpu);
        System.out.println("load:    " + Files.readString(Path.of("/proc/loadavg")).strip()
                + " (1, 5, 15 min averages; others' work on the machine slows every figure)");
        if (launcher != null) {
            System.out.printf("server:  JAVA_HOME=%s CIVICAST_JAR=%s (%d MiB) sh %s%n", System.getProperty("java.home"),
                    jar, Files.size(jar) >> 20, launcher);
        } else {
            System.out.printf("server:  %s -jar %s (%d MiB), default JVM options (--plain)%n", JAVA, jar,
                    Files.size(jar) >> 20);
        }
        version.lines().forEach(l -> System.out.println("         " + l));
        System.out.printf("client:  this JVM, HttpClient HTTP/1.1 keep-alive; concurrency %d, %d s runs,"
                + " %d s warm-up, open loop %d req/s%n", concurrency, seconds, warmup, rate);
    }

    static String firstLine(String file, String prefix) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of(file))) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst().orElse(prefix + ": 0");
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A JVM's first TLS handshake costs ~0.5 s of class loading and interpretation on a small machine.
     * Without this, the cold start would pay it on our side and the warm starts would not; so handshake
     * a few times with a throwaway in-process HTTPS server (keytool certificate) before measuring.
     */
    static void warmUpClient() throws Exception {
        Path p12 = Files.createTempFile("civicast-bench-", ".p12");
        Files.delete(p12); // keytool wants to create it
        List<String> keytool = List.of(JAVA.resolveSibling("keytool").toString(), "-genkeypair", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1",
                "-keystore", p12.toString(), "-storepass", "warmup", "-alias", "w");
        if (new ProcessBuilder(keytool).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor() != 0) throw new IllegalStateException("failed: " + keytool);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, "warmup".toCharArray());
        }
        Files.delete(p12);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "warmup".toCharArray());
        SSLContext serverSsl = SSLContext.getInstance("TLS");
        serverSsl.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverSsl));
        https.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        https.start();
        URI uri = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/");
        try {
            for (int i = 0; i < 20; i++) { // a new client each time: a new connection, a full handshake
                try (HttpClient c = HttpClient.newBuilder().sslContext(trusting(store.getCertificate("w"))).build()) {
                    c.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
                }
            }
        } finally {
            https.stop(0);
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
