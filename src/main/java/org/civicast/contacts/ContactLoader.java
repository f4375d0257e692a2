package org.civicast.contacts;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Iterator;
import org.jdbi.v3.core.Handle;

/**
 * Loads one CSV file into a list inside the caller's transaction. Each row is judged as it is
 * parsed: a bad number, or a number an earlier line had, goes to {@code contact_rejects} with its
 * reason; the first row of each number goes, with {@code COPY}, into the list's new table.
 * Numbers that opted out are then moved out in one statement (see {@link ContactStaging}). Nothing
 * is visible to others until the transaction commits, so a list has all of its rows or none,
 * whatever stops the import.
 */
final class ContactLoader {
    /** Rows between two progress reports. */
    private static final int REPORT_EVERY = 20_000;
    /** About three million numbers: some 50 MB of heap at most for their first lines. */
    static final int NUMBERS_JUDGED_IN_MEMORY = 3 << 20;

    interface Progress {
        void rowsRead(long rows);
    }

    private final PhoneNormalizer phones;
    private final int numbersInMemory;

    ContactLoader(PhoneNormalizer phones) {
        this(phones, NUMBERS_JUDGED_IN_MEMORY);
    }

    /** With room for at most {@code numbersInMemory} numbers' first lines; duplicates of the rest are found by PostgreSQL. */
    ContactLoader(PhoneNormalizer phones, int numbersInMemory) {
        this.phones = phones;
        this.numbersInMemory = numbersInMemory;
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
            Copied copied = copy(h, listKey, records, columns, progress);
            return ContactStaging.settle(h, listKey, organizationId, copied.rows, copied.duplicatesLeft);
        } catch (UncheckedIOException e) {
            throw undecodable(e.getCause());
        } catch (IOException e) {
            throw undecodable(e);
        }
    }

    /** How many rows the file had, and whether the list's table may still hold duplicates. */
    private record Copied(int rows, boolean duplicatesLeft) {}

    private static RuntimeException undecodable(IOException e) {
        if (e instanceof CharacterCodingException) {
            return new ImportFailure("The file is not readable text: it started as UTF-8 but holds bytes that are "
                    + "not UTF-8 further on; save it again as UTF-8 CSV");
        }
        return new UncheckedIOException(e);
    }

    private Copied copy(Handle h, long listKey, Iterator<CsvRecord> records, Columns columns, Progress progress)
            throws IOException {
        int rows = 0;
        boolean duplicatesLeft = false;
        FirstLines firstLines = new FirstLines(numbersInMemory);
        // Contacts go out in chunks of about 64 KiB; rejected rows wait for a larger batch, as each
        // batch interrupts the contacts' COPY.
        BinaryRows contacts = new BinaryRows();
        BinaryRows rejects = new BinaryRows();
        try (CopyTargets copies = new CopyTargets(h, ContactStaging.copyContacts(listKey), ContactStaging.COPY_REJECTS);
             RecordBatches batches = new RecordBatches(records, r -> field(r, columns.phone()), phones)) {
            for (RecordBatches.Batch batch = batches.next(); !batch.isEmpty(); batch = batches.next()) {
                for (int i = 0; i < batch.records().size(); i++) {
                    CsvRecord record = batch.records().get(i);
                    String raw = batch.rawPhones()[i];
                    long phone = batch.phones()[i];
                    int line = Math.toIntExact(record.getStartingLineNumber());
                    if (phone < 0) {
                        reject(rejects, listKey, line, ContactStaging.BAD_NUMBER,
                                raw == null ? ContactStaging.NO_NUMBER : ContactStaging.NOT_A_NUMBER, raw);
                    } else {
                        int first = firstLines.remember(phone, line);
                        if (first > 0) {
                            reject(rejects, listKey, line, ContactStaging.DUPLICATE, ContactStaging.sameNumberAs(first), raw);
                        } else {
                            duplicatesLeft |= first < 0; // a number with no room to remember it
                            contact(contacts, record, columns, line, phone, raw);
                        }
                    }
                    if (contacts.size() >= 64 * 1024) copies.contacts(contacts);
                    if (rejects.size() >= 1 << 20) copies.rejects(rejects);
                    if (++rows % REPORT_EVERY == 0) progress.rowsRead(rows);
                }
            }
            copies.contacts(contacts);
            if (rejects.size() > 0) copies.rejects(rejects);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        progress.rowsRead(rows);
        return new Copied(rows, duplicatesLeft);
    }

    /** One contact, in the order of {@link ContactStaging#copyContacts}. */
    private static void contact(BinaryRows out, CsvRecord record, Columns columns, int line, long phone, String raw) {
        out.row(4 + columns.standard().length);
        out.int4(line);
        out.int8(phone);
        out.text(raw);
        for (int at : columns.standard()) out.text(at < 0 ? null : field(record, at));
        if (columns.custom().length == 0) {
            out.text(null);
        } else {
            out.startTextArray(columns.custom().length);
            for (int at : columns.custom()) out.text(field(record, at));
            out.endArray();
        }
    }

    /** One rejected row, in the order of {@link ContactStaging#COPY_REJECTS}. */
    private static void reject(BinaryRows out, long listKey, int line, String reason, String detail, String raw) {
        out.row(5);
        out.int8(listKey);
        out.int4(line);
        out.text(reason);
        out.text(detail);
        out.text(raw);
    }

    /** The field stripped of surrounding spaces, or null when absent or blank. */
    private static String field(CsvRecord record, int index) {
        if (index >= record.getFieldCount()) return null;
        String value = record.getField(index).strip();
        return value.isEmpty() ? null : value;
    }
}
