package org.civicast.contacts;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * A file's records, read and parsed on a thread of their own, a batch at a time: downloading,
 * decoding and splitting the CSV then overlaps with judging, encoding and copying the rows before
 * them, where one thread doing both kept the import's COPY waiting. The same thread normalizes
 * each row's number, which took a third of the other thread's time (and all of libphonenumber's
 * first answers about a file's new number blocks), while it had time to spare. At most a few
 * batches wait, so memory does not grow with the file.
 */
final class RecordBatches implements AutoCloseable {
    private static final int BATCH = 512;
    private static final Batch END = new Batch(List.of(), new String[0], new long[0]);

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
    private final Thread reader;

    /**
     * Records, each with its phone field (stripped; null when absent or blank) and that field's
     * number as {@link PhoneNormalizer#normalize} gives it.
     */
    record Batch(List<CsvRecord> records, String[] rawPhones, long[] phones) {
        boolean isEmpty() {
            return records.isEmpty();
        }
    }

    /** rawPhone: the record's phone field as the import stores it. */
    RecordBatches(Iterator<CsvRecord> records, Function<CsvRecord, String> rawPhone, PhoneNormalizer phones) {
        reader = Thread.ofPlatform().daemon().name("contacts-read").start(() -> read(records, rawPhone, phones));
    }

    private void read(Iterator<CsvRecord> records, Function<CsvRecord, String> rawPhone, PhoneNormalizer phones) {
        try {
            try {
                List<CsvRecord> batch = new ArrayList<>(BATCH);
                while (records.hasNext()) {
                    batch.add(records.next());
                    if (batch.size() == BATCH) {
                        queue.put(judged(batch, rawPhone, phones));
                        batch = new ArrayList<>(BATCH);
                    }
                }
                if (!batch.isEmpty()) queue.put(judged(batch, rawPhone, phones));
                queue.put(END);
            } catch (RuntimeException | Error e) { // an undecodable byte, a broken download: the import's to report
                queue.put(e);
            }
        } catch (InterruptedException stopped) {
            // the import ended without reading on
        }
    }

    private static Batch judged(List<CsvRecord> records, Function<CsvRecord, String> rawPhone, PhoneNormalizer phones) {
        String[] raw = new String[records.size()];
        long[] normalized = new long[records.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = rawPhone.apply(records.get(i));
            normalized[i] = phones.normalize(raw[i]);
        }
        return new Batch(records, raw, normalized);
    }

    /** The next batch of records; an empty one at the end of the file. */
    Batch next() {
        Object next;
        try {
            next = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the import was interrupted", e);
        }
        if (next instanceof RuntimeException e) throw e;
        if (next instanceof Error e) throw e;
        return (Batch) next;
    }

    /** Stops the reader if the import ends early; it may be blocked on the download, which its caller closes. */
    @Override
    public void close() {
        reader.interrupt();
        queue.clear();
    }
}
