package org.civicast;

import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.civicast.platform.StartupPhases;
import org.civicast.platform.config.Config;
import org.civicast.platform.config.ConfigException;
import org.civicast.platform.logging.Logging;

/** {@code java -jar civicast.jar} serves; {@code java -jar civicast.jar admin …} manages orgs and keys. */
public final class Main {
    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = Config.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println("civicast: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Logging.configure(config.logFormat());
        if (args.length == 0 || args[0].equals("serve")) {
            serve(config);
        } else if (args[0].equals("admin")) {
            System.exit(AdminCli.run(config, Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        } else {
            System.err.println("usage: java -jar civicast.jar [serve | admin …]   (admin help: civicast.jar admin help)");
            System.exit(2);
        }
    }

    private static void serve(Config config) throws InterruptedException {
        long started = System.nanoTime();
        Civicast server;
        try {
            server = Civicast.start(config, Clock.systemUTC());
        } catch (ConfigException e) {
            System.err.println("civicast: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            // Logged in full above this line by whoever failed; the operator needs the one-line reason.
            org.slf4j.LoggerFactory.getLogger(Main.class).error("Civicast could not start", e);
            System.err.println("civicast: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (server.createdRootKey().isEmpty() && config.bootstrapApiKey() != null) {
            System.out.println("CIVICAST_BOOTSTRAP_API_KEY ignored: the database already has its organizations.");
        }
        server.createdRootKey().ifPresent(created -> {
            if (config.bootstrapApiKey() != null) {
                System.out.println("Created the root organization " + created.apiKey().organizationId()
                        + " with the key from CIVICAST_BOOTSTRAP_API_KEY.");
            } else {
                System.out.println("""

                        ==========================================================================
                        Created the root organization %s and its API key (every scope).
                        The key is shown only this once; keep it in a secret manager:

                            %s

                        ==========================================================================
                        """.formatted(created.apiKey().organizationId(), created.key()));
            }
        });
        System.out.printf("Civicast %s ready on https port %d in %d ms%n", Civicast.VERSION, server.port(),
                (System.nanoTime() - started) / 1_000_000);
        StartupPhases.markReady();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    private Main() {}
}
