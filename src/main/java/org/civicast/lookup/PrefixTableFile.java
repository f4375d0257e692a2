package org.civicast.lookup;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The prefix table's CSV file (docs/lookup.md): a header naming the columns, in any order —
 * {@code prefix} and {@code line_type} required, {@code carrier}, {@code ocn}, {@code lrn} and
 * {@code ported} optional — then one row per prefix. Lines starting with {@code #} are comments.
 *
 * <p>Every line is checked before the import may commit; a file with bad lines is refused whole,
 * naming each (the first {@value #LINES_SHOWN}) by its line number.
 */
final class PrefixTableFile {
    static final int LINES_SHOWN = 20;
    private static final List<String> COLUMNS = List.of("prefix", "line_type", "carrier", "ocn", "lrn", "ported");
    /** NPA and NXX both start with 2–9; then optionally the thousands digit, or the line number. */
    private static final Pattern PREFIX = Pattern.compile("[2-9]\\d{2}[2-9]\\d{2}(\\d|\\d{4})?");
    private static final Pattern LRN = Pattern.compile("[2-9]\\d{2}[2-9]\\d{6}");
    private static final Pattern OCN = Pattern.compile("[0-9A-Za-z]{4}");
    private static final int LONGEST_CARRIER = 200;

    /** Hands each good row to {@code rows} and returns how many there were; refuses the file if any line is bad. */
    static int read(Path file, Consumer<PrefixEntry> rows) {
        List<String> problems = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        int count = 0;
        // Spreadsheets save CSV with a byte order mark, which would otherwise stick to the first column's name.
        try (CsvReader<CsvRecord> reader = CsvReader.builder().commentStrategy(CommentStrategy.SKIP).detectBomHeader(true)
                .allowExtraFields(true).allowMissingFields(true).ofCsvRecord(file)) {
            int[] columns = null;
            for (CsvRecord r : reader) {
                long line = r.getStartingLineNumber();
                if (columns == null) {
                    columns = header(file, r);
                    continue;
                }
                try {
                    PrefixEntry entry = entry(r, columns);
                    Long first = seen.putIfAbsent(entry.prefix(), line);
                    if (first != null) throw new IllegalArgumentException("prefix " + entry.prefix() + " repeats line " + first);
                    rows.accept(entry);
                    count++;
                } catch (IllegalArgumentException e) {
                    problems.add("line " + line + ": " + e.getMessage());
                }
            }
            if (columns == null) throw new PrefixImportException(file + ": empty; expected a header such as " + String.join(",", COLUMNS));
        } catch (CsvParseException e) {
            throw new PrefixImportException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new PrefixImportException(file + ": cannot read it: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new PrefixImportException(file + ": " + problems.size() + " bad line" + (problems.size() == 1 ? "" : "s")
                    + (problems.size() > LINES_SHOWN ? ", the first " + LINES_SHOWN : "") + ":\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(LINES_SHOWN, problems.size()))));
        }
        if (count == 0) throw new PrefixImportException(file + ": no rows under the header");
        return count;
    }

    /** Where each known column is (-1: absent); unknown or repeated columns refuse the file. */
    private static int[] header(Path file, CsvRecord r) {
        int[] at = new int[COLUMNS.size()];
        java.util.Arrays.fill(at, -1);
        for (int i = 0; i < r.getFieldCount(); i++) {
            String name = r.getField(i).strip().toLowerCase(Locale.ROOT);
            int known = COLUMNS.indexOf(name);
            if (known < 0 || at[known] >= 0) {
                throw new PrefixImportException(file + " line " + r.getStartingLineNumber() + ": "
                        + (known < 0 ? "unknown column '" + name + "'" : "column " + name + " twice")
                        + "; the columns are " + String.join(",", COLUMNS));
            }
            at[known] = i;
        }
        if (at[0] < 0 || at[1] < 0) {
            throw new PrefixImportException(file + " line " + r.getStartingLineNumber()
                    + ": the header needs prefix and line_type, such as " + String.join(",", COLUMNS));
        }
        return at;
    }

    private static PrefixEntry entry(CsvRecord r, int[] columns) {
        int used = 0;
        for (int at : columns) used = Math.max(used, at + 1);
        for (int i = used; i < r.getFieldCount(); i++) {
            if (!r.getField(i).isBlank()) throw new IllegalArgumentException("more fields than the header names");
        }
        String prefix = digits(field(r, columns[0]));
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix '" + field(r, columns[0])
                    + "' is not an NPA-NXX (6 digits), a thousands block (7) or a North American number (10)");
        }
        LineType type;
        try {
            type = LineType.fromWireName(field(r, columns[1]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line_type " + e.getMessage());
        }
        String carrier = blankToNull(field(r, columns[2]));
        if (carrier != null && carrier.length() > LONGEST_CARRIER) {
            throw new IllegalArgumentException("carrier is longer than " + LONGEST_CARRIER + " characters");
        }
        String ocn = blankToNull(field(r, columns[3]));
        if (ocn != null && !OCN.matcher(ocn).matches()) throw new IllegalArgumentException("ocn '" + ocn + "' is not 4 letters or digits");
        String lrn = blankToNull(field(r, columns[4]));
        if (lrn != null && !LRN.matcher(lrn = digits(lrn)).matches()) {
            throw new IllegalArgumentException("lrn '" + field(r, columns[4]) + "' is not a 10-digit North American number");
        }
        Boolean ported = ported(field(r, columns[5]));
        if ((lrn != null || ported != null) && prefix.length() != 10) {
            throw new IllegalArgumentException("lrn and ported belong to one number (10 digits), not to prefix " + prefix);
        }
        return new PrefixEntry(prefix, type, carrier, ocn == null ? null : ocn.toUpperCase(Locale.ROOT), lrn, ported);
    }

    private static String field(CsvRecord r, int at) {
        return at < 0 || at >= r.getFieldCount() ? "" : r.getField(at).strip();
    }

    /** Digits of a North American number or prefix as people write them: +1 202-555-0143, (202) 555. */
    private static String digits(String text) {
        String d = text.replaceAll("[\\s().-]", "");
        if (d.startsWith("+1")) return d.substring(2);
        return d.length() == 11 && d.startsWith("1") ? d.substring(1) : d;
    }

    private static Boolean ported(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "" -> null;
            case "true", "yes", "y" -> true;
            case "false", "no", "n" -> false;
            default -> throw new IllegalArgumentException("ported '" + text + "' is not true or false");
        };
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private PrefixTableFile() {}
}
