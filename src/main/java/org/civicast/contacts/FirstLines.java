package org.civicast.contacts;

/**
 * Of each number seen so far in a file, the line it was first seen on: what decides, as the file
 * streams, that a later row is a duplicate. Numbers and lines are kept in two primitive arrays
 * (open addressing), twelve bytes a slot, rather than a map of boxed values: a million numbers
 * take about 24 MB instead of some 80. It holds at most {@code limit} numbers, so that a file of
 * tens of millions of rows cannot exhaust the heap; past that, {@link #remember} refuses and the
 * caller leaves the rest of the file to PostgreSQL.
 */
final class FirstLines {
    private static final int FIRST_CAPACITY = 1 << 14;

    private final int limit;
    private long[] numbers = new long[FIRST_CAPACITY]; // 0: an empty slot (no valid number is 0)
    private int[] lines = new int[FIRST_CAPACITY];
    private int size;

    FirstLines(int limit) {
        this.limit = limit;
    }

    /**
     * The line the number was first seen on, or 0 when this line is its first (and it is now
     * remembered), or -1 when it was not seen and there is no room to remember it.
     */
    int remember(long number, int line) {
        int mask = numbers.length - 1;
        for (int i = slot(number, mask); ; i = (i + 1) & mask) {
            long at = numbers[i];
            if (at == number) return lines[i];
            if (at == 0) {
                if (size >= limit) return -1;
                numbers[i] = number;
                lines[i] = line;
                if (++size > numbers.length / 4 * 3) grow();
                return 0;
            }
        }
    }

    private static int slot(long number, int mask) {
        long h = number * 0x9E3779B97F4A7C15L; // spreads numbers that differ only in their last digits
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldNumbers = numbers;
        int[] oldLines = lines;
        numbers = new long[oldNumbers.length * 2];
        lines = new int[oldNumbers.length * 2];
        int mask = numbers.length - 1;
        for (int j = 0; j < oldNumbers.length; j++) {
            if (oldNumbers[j] == 0) continue;
            int i = slot(oldNumbers[j], mask);
            while (numbers[i] != 0) i = (i + 1) & mask;
            numbers[i] = oldNumbers[j];
            lines[i] = oldLines[j];
        }
    }
}
