package org.civicast.sending.gateway.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The simulated network's own record of what it took: one line per message, {@code message id,
 * provider id, from, to, segments of text}, appended before the acceptance is answered, so it
 * outlives a crash of the server right after. Read back at start to recognise a message submitted
 * again. It is the evidence a test holds the sending engine to: every recipient once.
 *
 * <p>Beside it, {@code receipted.tsv} lists the provider ids whose receipt the server
 * acknowledged; at start, every message taken and not acknowledged is owed a receipt again.
 */
final class SimulatorRecord implements AutoCloseable {
    static final String FILE = "accepted.tsv";
    static final String RECEIPTED = "receipted.tsv";

    private final FileChannel out;
    private final FileChannel receipted;
    private final LongSet taken = new LongSet();
    /** Messages taken whose receipt was never acknowledged: {message id, provider id}. */
    private final List<String[]> owed = new java.util.ArrayList<>();

    SimulatorRecord(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE);
            Path acknowledged = dir.resolve(RECEIPTED);
            LongSet done = new LongSet();
            if (Files.exists(acknowledged)) {
                try (Stream<String> lines = Files.lines(acknowledged, StandardCharsets.UTF_8)) {
                    lines.filter(l -> l.endsWith("\t.")).forEach(l -> done.add(key(l.substring(0, l.indexOf('\t')))));
                }
            }
            if (Files.exists(file)) {
                try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                    // A line cut short by a crash names no whole message: it was not answered, so it was not taken.
                    lines.filter(l -> l.endsWith("\t.")).forEach(l -> {
                        String[] fields = l.split("\t");
                        taken.add(key(fields[0]));
                        if (!done.contains(key(fields[1]))) owed.add(new String[] {fields[0], fields[1]});
                    });
                }
            }
            out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            receipted = FileChannel.open(acknowledged, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("the carrier simulator cannot keep its record in " + dir, e);
        }
    }

    /** Whether the message was taken before (and so is not taken again). */
    synchronized boolean taken(String messageId) {
        return taken.contains(key(messageId));
    }

    /** The messages taken before this start whose receipt the server never acknowledged. */
    synchronized List<String[]> owedReceipts() {
        List<String[]> copy = List.copyOf(owed);
        owed.clear();
        return copy;
    }

    /** Records that the server acknowledged these messages' receipts (by provider id). */
    synchronized void receipted(List<String> providerIds) {
        if (providerIds.isEmpty() || !receipted.isOpen()) return; // stopped: told again after the restart
        StringBuilder text = new StringBuilder();
        for (String id : providerIds) text.append(id).append("\t.\n");
        write(receipted, text);
    }

    /** Records newly taken messages, each line ending in "." so a torn last line is recognisable. */
    synchronized void record(List<String[]> lines) {
        StringBuilder text = new StringBuilder();
        for (String[] fields : lines) {
            text.append(String.join("\t", fields)).append("\t.\n");
            taken.add(key(fields[0]));
        }
        write(out, text);
    }

    private static void write(FileChannel channel, StringBuilder text) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) channel.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 64-bit fingerprint of an id: a set of them costs 16 bytes a message, not a string each. */
    static long key(String messageId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < messageId.length(); i++) {
            h ^= messageId.charAt(i);
            h *= 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
            receipted.close();
        } catch (IOException ignored) {
            // the record is written; closing frees the descriptor only
        }
    }

    /** An open-addressing set of non-zero longs. */
    static final class LongSet {
        private long[] slots = new long[1 << 16];
        private int size;

        boolean contains(long key) {
            int mask = slots.length - 1;
            for (int i = (int) mix(key) & mask; ; i = (i + 1) & mask) {
                if (slots[i] == 0) return false;
                if (slots[i] == key) return true;
            }
        }

        void add(long key) {
            if (size * 2 >= slots.length) grow();
            int mask = slots.length - 1;
            for (int i = (int) mix(key) & mask; ; i = (i + 1) & mask) {
                if (slots[i] == key) return;
                if (slots[i] == 0) {
                    slots[i] = key;
                    size++;
                    return;
                }
            }
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            size = 0;
            for (long k : old) if (k != 0) add(k);
        }

        private static long mix(long k) {
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            return k ^ (k >>> 33);
        }
    }
}
