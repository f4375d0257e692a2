package org.civicast.platform.jobs;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code civicast admin jobs …}: what background work is queued, running, done or failed, with its
 * attempts and last error; and a failed job queued again. Exit codes: 0 done, 1 refused, 2 usage.
 */
public final class JobsCli {
    public static final String USAGE = """
              jobs list [--state queued|running|done|failed] [--kind KIND] [--limit N]   (newest first)
              jobs show JOB_ID
              jobs retry JOB_ID          (a failed job, with fresh attempts)
            """;

    private JobsCli() {}

    public static int run(Jobs jobs, String[] args, PrintStream out, PrintStream err) {
        List<String> a = Arrays.asList(args);
        if (a.isEmpty()) return usage(err, "name a jobs command");
        switch (a.get(0)) {
            case "list" -> {
                String state = option(a, "--state");
                if (state != null && !List.of("queued", "running", "done", "failed").contains(state)) {
                    return usage(err, "--state is queued, running, done or failed");
                }
                int limit = option(a, "--limit") == null ? 50 : Integer.parseInt(option(a, "--limit"));
                for (JobStatus j : jobs.recent(state, option(a, "--kind"), limit)) {
                    out.printf("%s\t%s\t%s\tattempt %d of %d\t%s\t%s%n", j.id(), j.kind(), j.state().name().toLowerCase(),
                            j.attempts(), j.maxAttempts(), j.createdAt(), oneLine(j.lastError()));
                }
                return 0;
            }
            case "show" -> {
                if (a.size() != 2) return usage(err, "jobs show JOB_ID");
                Optional<JobStatus> job = jobs.status(a.get(1));
                if (job.isEmpty()) {
                    err.println("civicast admin jobs: no job " + a.get(1));
                    return 1;
                }
                JobStatus j = job.get();
                out.printf("id\t%s%nkind\t%s%nstate\t%s%nattempts\t%d of %d%nrun at\t%s%nlocked by\t%s%nlocked until\t%s%n"
                                + "created\t%s%nfinished\t%s%nlast error\t%s%n", j.id(), j.kind(),
                        j.state().name().toLowerCase(), j.attempts(), j.maxAttempts(), j.runAt(), j.lockedBy(),
                        j.lockedUntil(), j.createdAt(), j.finishedAt(), j.lastError());
                return 0;
            }
            case "retry" -> {
                if (a.size() != 2) return usage(err, "jobs retry JOB_ID");
                if (!jobs.retry(a.get(1))) {
                    err.println("civicast admin jobs: " + a.get(1) + " is not a failed job");
                    return 1;
                }
                out.println(a.get(1) + "\tqueued again");
                return 0;
            }
            default -> {
                return usage(err, "unknown jobs command: " + a.get(0));
            }
        }
    }

    private static String option(List<String> a, String name) {
        int at = a.indexOf(name);
        return at >= 0 && at + 1 < a.size() ? a.get(at + 1) : null;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ').replace('\t', ' ');
    }

    private static int usage(PrintStream err, String why) {
        err.println("civicast admin jobs: " + why);
        err.print("usage: java -jar civicast.jar admin\n" + USAGE);
        return 2;
    }
}
