package org.civicast.congress;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code civicast admin congress …}: import newer congress data, see what is loaded, try a ZIP.
 * Exit codes as the rest of the admin command line: 0 done, 1 refused or failed, 2 usage.
 */
public final class CongressCli {
    public static final String USAGE = """
              congress import legislators FILE_OR_URL…   (legislators-current, -district-offices, -social-media; YAML or JSON; or a directory of them)
              congress import districts FILE_OR_URL      (zccd.csv or the Census ZCTA relationship file)
              congress import contact-forms DIR_OR_FILE  (contact-congress checkout or its zip, file or https URL; or one member's file)
              congress status
              congress lookup ZIP
            """;

    /** @param args the words after {@code congress} */
    public static int run(CongressService congress, String[] args, PrintStream out, PrintStream err) {
        List<String> a = Arrays.asList(args);
        try {
            if (a.size() >= 3 && a.get(0).equals("import")) return importData(congress, a.get(1), a.subList(2, a.size()), out, err);
            if (a.size() == 1 && a.get(0).equals("status")) return status(congress, out);
            if (a.size() == 2 && a.get(0).equals("lookup")) return lookup(congress, a.get(1), out, err);
            if (a.size() == 1 && a.get(0).equals("help")) {
                out.print(USAGE);
                return 0;
            }
            return usage(err, a.isEmpty() ? "name a congress command" : "unknown or incomplete command: congress " + String.join(" ", a));
        } catch (ImportException e) {
            err.println("civicast admin congress: import refused, nothing changed: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (RuntimeException e) {
            err.println("civicast admin congress: failed: " + e.getMessage());
            return 1;
        }
    }

    private static int importData(CongressService congress, String kind, List<String> sources, PrintStream out,
                                  PrintStream err) {
        List<ImportResult> results;
        switch (kind) {
            case "legislators" -> results = congress.importLegislators(sources);
            case "districts", "contact-forms" -> {
                if (sources.size() != 1) return usage(err, "congress import " + kind + " takes one file, directory or URL");
                results = List.of(kind.equals("districts") ? congress.importDistricts(sources.getFirst())
                        : congress.importContactForms(sources.getFirst()));
            }
            default -> {
                return usage(err, "unknown kind of congress data " + kind + " (legislators, districts, contact-forms)");
            }
        }
        for (ImportResult r : results) {
            out.printf("%s\t%d rows\tfrom %s\t%d ms%n", r.kind().wireName(), r.rows(), r.source(), r.took().toMillis());
            for (String skipped : r.skipped()) out.println("\tskipped " + skipped);
        }
        return 0;
    }

    private static int status(CongressService congress, PrintStream out) {
        Map<ImportKind, ImportStatus> imports = congress.status().stream()
                .collect(Collectors.toMap(ImportStatus::kind, Function.identity()));
        for (ImportKind kind : ImportKind.values()) {
            ImportStatus s = imports.get(kind);
            if (s == null) {
                out.printf("%s\tnever imported%n", kind.wireName());
                continue;
            }
            out.printf("%s\t%d rows\timported %s\tfrom %s%s%n", kind.wireName(), s.rows(), s.importedAt(), s.source(),
                    s.skipped().isEmpty() ? "" : "\tskipped " + s.skipped().size());
            for (String skipped : s.skipped()) out.println("\tskipped " + skipped);
        }
        return 0;
    }

    private static int lookup(CongressService congress, String zip, PrintStream out, PrintStream err) {
        ZipLookup found = congress.lookup(zip);
        if (!found.found()) {
            boolean loaded = congress.status().stream().anyMatch(s -> s.kind() == ImportKind.DISTRICTS);
            err.println("civicast admin congress: " + (loaded
                    ? "ZIP " + found.zip() + " is no ZCTA in the loaded data (PO-box and single-company ZIPs have none)"
                    : "no district data yet: start the server once, or run congress import districts"));
            return 1;
        }
        out.printf("ZIP %s%s: %s, city %s, %d district%s%n", found.zip(), found.plus4() == null ? "" : "-" + found.plus4(),
                String.join(" and ", found.states()), found.city() == null ? "unknown" : found.city(),
                found.districts().size(), found.unambiguous() ? "" : "s (the address decides)");
        TreeSet<Member> senators = new TreeSet<>(Comparator.comparing(Member::officeCode));
        for (District d : found.districts()) {
            out.printf("%-6s %s%n", d.code(), congress.representative(d).map(CongressCli::describe)
                    .orElse(d.officeCode() + "  vacant"));
            senators.addAll(congress.senators(d.state()));
        }
        for (Member s : senators) out.printf("%-6s %s%n", "senate", describe(s));
        return 0;
    }

    private static String describe(Member m) {
        return "%s  %s  %s (%s)  %s".formatted(m.officeCode(), m.bioguide(), m.displayName(), m.party(),
                m.phone() == null ? "" : m.phone());
    }

    private static int usage(PrintStream err, String problem) {
        err.println("civicast admin congress: " + problem);
        err.print("usage: java -jar civicast.jar admin COMMAND\n" + USAGE);
        return 2;
    }

    private CongressCli() {}
}
