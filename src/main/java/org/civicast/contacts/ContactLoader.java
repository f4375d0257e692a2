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
 * parsed and its number normalised, with {@code COPY} into the list's new table, its staging until
 * the import commits; then one statement moves out every row not taken, with its reason (see
 * {@link ContactStaging}). Nothing is visible to others until the transaction commits, so a list
 * has all of its rows or none, whatever stops the import.
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
            ContactStaging.create(h, listKey);
            long rows = copy(h, listKey, records, columns, progress);
            return ContactStaging.settle(h, listKey, organizationId, (int) rows);
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

    private long copy(Handle h, long listKey, Iterator<CsvRecord> records, Columns columns, Progress progress)
            throws IOException {
        long rows = 0;
        // Rows are written to COPY in chunks of about 64 KiB: one encoding and one write per chunk.
        StringBuilder chunk = new StringBuilder(80 * 1024);
        try (OutputStream out = copyIn(h, ContactStaging.copyColumns(listKey))) {
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
        return rows;
    }

    private static OutputStream copyIn(Handle h, String table) {
        try {
            PGConnection pg = h.getConnection().unwrap(PGConnection.class);
            return new PGCopyOutputStream(pg, "COPY " + table + " FROM STDIN", 1 << 16);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into the staging table was refused", e);
        }
    }

    /**
     * One row in COPY's text format: line, number (a bad one staged as minus its line), the number
     * as written, the standard tags, and the custom fields as an array.
     */
    private void row(CsvRecord record, Columns columns, StringBuilder line) {
        String raw = field(record, columns.phone());
        long phone = phones.normalize(raw);
        long lineNo = record.getStartingLineNumber();
        line.append(lineNo).append('\t').append(phone > 0 ? phone : -lineNo).append('\t');
        text(line, raw);
        for (int at : columns.standard()) {
            line.append('\t');
            text(line, at < 0 ? null : field(record, at));
        }
        line.append('\t');
        if (columns.custom().length == 0) {
            line.append("\\N");
        } else {
            StringBuilder array = new StringBuilder("{");
            for (int i = 0; i < columns.custom().length; i++) {
                if (i > 0) array.append(',');
                String value = field(record, columns.custom()[i]);
                if (value == null) array.append("NULL");
                else array.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            text(line, array.append('}').toString());
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
