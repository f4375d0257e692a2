package org.civicast.contacts;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Iterator;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Loads one CSV file into a list inside the caller's transaction: every row is streamed, as it is
 * parsed and its number normalised, into an unlogged staging table with {@code COPY}; then one
 * statement keeps the first row of each number that has not opted out and records every other row
 * with its reason. Nothing is visible to others until the transaction commits, so a list has all
 * of its rows or none, whatever stops the import.
 */
final class ContactLoader {
    /** Rows between two progress reports. */
    private static final int REPORT_EVERY = 20_000;

    interface Progress {
        void rowsRead(long rows);
    }

    private final PhoneNormalizer phones;

    ContactLoader(PhoneNormalizer phones) {
        this.phones = phones;
    }

    ImportCounts load(Handle h, long listKey, String organizationId, String phoneColumn, MergeTags tags,
                      InputStream body, Progress progress) {
        try {
            CsvFile file = CsvFile.open(body);
            CsvReader<CsvRecord> csv = CsvReader.builder()
                    .fieldSeparator(file.delimiter).quoteCharacter('"').skipEmptyLines(true)
                    .allowExtraFields(true).allowMissingFields(true).allowExtraCharsAfterClosingQuote(true)
                    .ofCsvRecord(file.reader);
            Iterator<CsvRecord> records = csv.iterator();
            if (!records.hasNext()) throw new ImportFailure("The file is empty: it has no header line and no rows");
            Columns columns = Columns.resolve(records.next().getFields(), phoneColumn, tags);
            if (!records.hasNext()) throw new ImportFailure("The file has a header line but no rows");
            ContactStaging.create(h, listKey, tags.custom().size());
            copy(h, listKey, records, columns, progress);
            return ContactStaging.merge(h, listKey, organizationId, tags.custom().size());
        } catch (UncheckedIOException e) {
            throw undecodable(e.getCause());
        } catch (IOException e) {
            throw undecodable(e);
        }
    }

    private static RuntimeException undecodable(IOException e) {
        if (e instanceof CharacterCodingException) {
            return new ImportFailure("The file is not readable text: it started as UTF-8 but holds bytes that are "
                    + "not UTF-8 further on; save it again as UTF-8 CSV");
        }
        return new UncheckedIOException(e);
    }

    private void copy(Handle h, long listKey, Iterator<CsvRecord> records, Columns columns, Progress progress)
            throws IOException {
        long rows = 0;
        // Rows are written to COPY in chunks of about 64 KiB: one encoding and one write per chunk.
        StringBuilder chunk = new StringBuilder(80 * 1024);
        try (OutputStream out = copyIn(h, ContactStaging.staging(listKey))) {
            while (records.hasNext()) {
                row(records.next(), columns, chunk);
                if (chunk.length() >= 64 * 1024) {
                    out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                    chunk.setLength(0);
                }
                if (++rows % REPORT_EVERY == 0) progress.rowsRead(rows);
            }
            out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        progress.rowsRead(rows);
    }

    private static OutputStream copyIn(Handle h, String staging) {
        try {
            PGConnection pg = h.getConnection().unwrap(PGConnection.class);
            return new PGCopyOutputStream(pg, "COPY " + staging + " FROM STDIN", 1 << 16);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into the staging table was refused", e);
        }
    }

    /** One staging row in COPY's text format: line, number or \N, problem, the number as written, tags… */
    private void row(CsvRecord record, Columns columns, StringBuilder line) {
        String raw = field(record, columns.phone());
        long phone = phones.normalize(raw);
        line.append(record.getStartingLineNumber()).append('\t');
        if (phone > 0) line.append(phone).append("\t\\N"); else line.append("\\N\t").append(raw == null ? "no phone number" : "not a valid phone number");
        line.append('\t');
        text(line, raw);
        for (int at : columns.standard()) {
            line.append('\t');
            text(line, at < 0 ? null : field(record, at));
        }
        for (int at : columns.custom()) {
            line.append('\t');
            text(line, field(record, at));
        }
        line.append('\n');
    }

    /** The field stripped of surrounding spaces, or null when absent or blank. */
    private static String field(CsvRecord record, int index) {
        if (index >= record.getFieldCount()) return null;
        String value = record.getField(index).strip();
        return value.isEmpty() ? null : value;
    }

    /** A value escaped for COPY's text format; NUL, which PostgreSQL text cannot hold, is dropped. */
    private static void text(StringBuilder line, String value) {
        if (value == null) {
            line.append("\\N");
            return;
        }
        int i = 0;
        while (i < value.length() && value.charAt(i) >= ' ' && value.charAt(i) != '\\') i++;
        if (i == value.length()) {
            line.append(value); // the usual case: nothing to escape
            return;
        }
        line.append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\0' -> { }
                default -> line.append(c);
            }
        }
    }
}
