package org.civicast.contacts;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A file's records, read and parsed on a thread of their own, a batch at a time: downloading,
 * decoding and splitting the CSV then overlaps with judging, encoding and copying the rows before
 * them, where one thread doing both kept the import's COPY waiting. At most a few batches wait,
 * so memory does not grow with the file.
 */
final class RecordBatches implements AutoCloseable {
    private static final int BATCH = 512;
    private static final List<CsvRecord> END = List.of();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
    private final Thread reader;

    RecordBatches(Iterator<CsvRecord> records) {
        reader = Thread.ofPlatform().daemon().name("contacts-read").start(() -> read(records));
    }

    private void read(Iterator<CsvRecord> records) {
        try {
            try {
                List<CsvRecord> batch = new ArrayList<>(BATCH);
                while (records.hasNext()) {
                    batch.add(records.next());
                    if (batch.size() == BATCH) {
                        queue.put(batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }
                if (!batch.isEmpty()) queue.put(batch);
                queue.put(END);
            } catch (RuntimeException | Error e) { // an undecodable byte, a broken download: the import's to report
                queue.put(e);
            }
        } catch (InterruptedException stopped) {
            // the import ended without reading on
        }
    }

    /** The next batch of records; an empty one at the end of the file. */
    @SuppressWarnings("unchecked")
    List<CsvRecord> next() {
        Object next;
        try {
            next = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the import was interrupted", e);
        }
        if (next instanceof RuntimeException e) throw e;
        if (next instanceof Error e) throw e;
        return (List<CsvRecord>) next;
    }

    /** Stops the reader if the import ends early; it may be blocked on the download, which its caller closes. */
    @Override
    public void close() {
        reader.interrupt();
        queue.clear();
    }
}
