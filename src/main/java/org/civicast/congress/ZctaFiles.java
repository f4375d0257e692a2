package org.civicast.congress;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.civicast.congress.ImportSources.Document;

/**
 * ZCTA → congressional district tables in either of two layouts, told apart by the header:
 *
 * <ul>
 *   <li>the Census Bureau's relationship file ({@code tab20_cd11920_zcta520_natl.txt}):
 *       pipe-delimited, with {@code GEOID_ZCTA5_20} and {@code GEOID_CD119_20} (state FIPS + two
 *       digits; {@code 00} at large, {@code 98} a delegate). Any Congress's file works: the
 *       columns are found by their pattern, not their number.
 *   <li>{@code zccd.csv} of OpenSourceActivismTech/us-zipcodes-congress:
 *       {@code state_fips,state_abbr,zcta,cd}, at-large seats as {@code 0}.
 * </ul>
 */
final class ZctaFiles {
    private static final Pattern ZCTA = Pattern.compile("\\d{5}");
    private static final Pattern CENSUS_ZCTA_COLUMN = Pattern.compile("GEOID_ZCTA5_\\d+");
    private static final Pattern CENSUS_CD_COLUMN = Pattern.compile("GEOID_CD\\d+_\\d+");
    private static final Pattern CENSUS_CD = Pattern.compile("(\\d{2})(\\d{2}|ZZ)");

    /** One pair of ZCTA and district it overlaps. */
    record Row(String zcta, String state, int district) {
    }

    static List<Row> parse(Document d) {
        String text = d.text();
        String header = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        Set<Row> rows = header.contains("|") ? census(d, text) : zccd(d, text);
        if (rows.isEmpty()) throw new ImportException(d.name() + ": no ZCTA rows");
        return new ArrayList<>(rows);
    }

    private static Set<Row> census(Document d, String text) {
        Set<Row> rows = new LinkedHashSet<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator('|').ofCsvRecord(text)) {
            boolean header = true;
            int zctaColumn = -1;
            int cdColumn = -1;
            for (CsvRecord r : reader) {
                long line = r.getStartingLineNumber();
                if (header) {
                    header = false;
                    zctaColumn = column(r, CENSUS_ZCTA_COLUMN);
                    cdColumn = column(r, CENSUS_CD_COLUMN);
                    if (zctaColumn < 0 || cdColumn < 0) {
                        throw lineError(d, line, "a Census relationship file needs "
                                + "GEOID_ZCTA5_nn and GEOID_CDnnn_nn columns");
                    }
                    continue;
                }
                if (r.getFieldCount() <= Math.max(zctaColumn, cdColumn)) throw lineError(d, line, "too few fields");
                String zcta = r.getField(zctaColumn).strip();
                // District area outside every ZCTA (mostly water) has an empty ZCTA.
                if (zcta.isEmpty()) continue;
                if (!ZCTA.matcher(zcta).matches()) throw lineError(d, line, "ZCTA '" + zcta + "' is not five digits");
                var cd = CENSUS_CD.matcher(r.getField(cdColumn).strip());
                if (!cd.matches()) throw lineError(d, line, "district '" + r.getField(cdColumn) + "' is not FIPS + 2 digits");
                String state = state(d, line, cd.group(1));
                // ZZ is area the state left out of every district (water); no one lives there.
                if (cd.group(2).equals("ZZ")) continue;
                int number = Integer.parseInt(cd.group(2));
                rows.add(new Row(zcta, state, number == 98 ? 0 : number));
            }
        } catch (CsvParseException e) {
            throw new ImportException(d.name() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Set<Row> zccd(Document d, String text) {
        Set<Row> rows = new LinkedHashSet<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(text)) {
            boolean header = true;
            int fips = -1;
            int abbr = -1;
            int zctaColumn = -1;
            int cd = -1;
            for (CsvRecord r : reader) {
                long line = r.getStartingLineNumber();
                if (header) {
                    header = false;
                    List<String> names = r.getFields().stream().map(String::strip).toList();
                    fips = names.indexOf("state_fips");
                    abbr = names.indexOf("state_abbr");
                    zctaColumn = names.indexOf("zcta");
                    cd = names.indexOf("cd");
                    if (fips < 0 || abbr < 0 || zctaColumn < 0 || cd < 0) {
                        throw lineError(d, line, "expected the header state_fips,state_abbr,zcta,cd"
                                + " (zccd.csv) or a pipe-delimited Census relationship file");
                    }
                    continue;
                }
                if (r.getFieldCount() < 4) throw lineError(d, line, "too few fields");
                String state = state(d, line, r.getField(fips).strip());
                if (!state.equals(r.getField(abbr).strip())) {
                    throw lineError(d, line, "state FIPS " + r.getField(fips) + " is " + state + ", not " + r.getField(abbr));
                }
                String zcta = r.getField(zctaColumn).strip();
                if (!ZCTA.matcher(zcta).matches()) throw lineError(d, line, "ZCTA '" + zcta + "' is not five digits");
                String number = r.getField(cd).strip();
                if (!number.matches("\\d{1,2}")) throw lineError(d, line, "district '" + number + "' is not a number");
                rows.add(new Row(zcta, state, Integer.parseInt(number)));
            }
        } catch (CsvParseException e) {
            throw new ImportException(d.name() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static int column(CsvRecord header, Pattern name) {
        for (int i = 0; i < header.getFieldCount(); i++) {
            if (name.matcher(header.getField(i).strip()).matches()) return i;
        }
        return -1;
    }

    private static String state(Document d, long line, String fips) {
        return States.byFips(fips).orElseThrow(() -> lineError(d, line, "unknown state FIPS code '" + fips + "'"));
    }

    private static ImportException lineError(Document d, long line, String problem) {
        return new ImportException(d.name() + " line " + line + ": " + problem);
    }

    private ZctaFiles() {}
}
