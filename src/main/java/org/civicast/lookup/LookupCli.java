package org.civicast.lookup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code civicast admin lookup …}: import the offline provider's prefix table, see what is loaded.
 * Exit codes as the rest of the admin command line: 0 done, 1 refused or failed, 2 usage.
 */
public final class LookupCli {
    public static final String USAGE = """
              lookup import FILE     (the offline provider's prefix table, CSV with header prefix,line_type[,carrier,ocn,lrn,ported]; replaces the whole table)
              lookup status
            """;

    /**
     * @param provider the configured provider's name, shown by {@code status}
     * @param args     the words after {@code lookup}
     */
    public static int run(PrefixTable table, String provider, String[] args, PrintStream out, PrintStream err) {
        List<String> a = Arrays.asList(args);
        try {
            if (a.size() == 2 && a.get(0).equals("import")) {
                PrefixImport done = table.importFile(Path.of(a.get(1)));
                out.printf("prefix table\t%d rows\tfrom %s%n", done.rows(), done.source());
                return 0;
            }
            if (a.size() == 1 && a.get(0).equals("status")) return status(table, provider, out);
            return usage(err, a.isEmpty() ? "name a lookup command" : "unknown or incomplete command: lookup " + String.join(" ", a));
        } catch (PrefixImportException e) {
            err.println("civicast admin lookup: import refused, nothing changed: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("civicast admin lookup: failed: " + e.getMessage());
            return 1;
        }
    }

    private static int status(PrefixTable table, String provider, PrintStream out) {
        out.println("provider\t" + provider);
        Optional<PrefixImport> last = table.lastImport();
        String use = provider.equals("offline") ? "" : "\t(read only by the offline provider)";
        out.println(last.map(i -> "prefix table\t%d rows\timported %s\tfrom %s%s".formatted(i.rows(), i.importedAt(), i.source(), use))
                .orElse("prefix table\tnever imported: numbers are typed by libphonenumber alone" + use));
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("civicast admin lookup: " + problem);
        err.print("usage: java -jar civicast.jar admin COMMAND\n" + USAGE);
        return 2;
    }

    private LookupCli() {}
}
