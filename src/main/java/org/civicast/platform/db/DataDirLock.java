package org.civicast.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OS lock on {@code civicast.lock} that says "this data directory belongs to a live process".
 *
 * <p>An OS lock rather than a marker file because the kernel drops it when the holder dies, even
 * by {@code kill -9}, so a crashed server never blocks the next start.
 */
final class DataDirLock implements AutoCloseable {

    /**
     * Lock files this JVM holds. Java's file locks are POSIX record locks on Linux, and closing
     * <em>any</em> descriptor of the file in this process drops them, so we must never open a
     * file we already hold, not even to read the PID in it.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock and writes our PID into it, or returns null when someone else holds it. */
    static DataDirLock tryAcquire(Path lockFile) {
        Path file = lockFile.toAbsolutePath().normalize();
        if (!HELD_HERE.add(file)) {
            return null;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // some other code in this JVM locked it without going through us
            }
            if (lock == null) {
                channel.close();
                HELD_HERE.remove(file);
                return null;
            }
            // Truncate only once we own it: the previous holder's PID is what a loser reports.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new DataDirLock(file, channel, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            HELD_HERE.remove(file);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot lock " + file, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The PID written by whoever holds (or last held) the lock, if it can be read. */
    static OptionalLong holderPid(Path lockFile) {
        Path file = lockFile.toAbsolutePath().normalize();
        if (HELD_HERE.contains(file)) {
            return OptionalLong.of(ProcessHandle.current().pid());
        }
        // The holder writes its PID just after locking; a reader can land in between.
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (!text.isEmpty()) {
                    return OptionalLong.of(Long.parseLong(text));
                }
            } catch (IOException | NumberFormatException e) {
                // unreadable or half-written: try again, then give up
            }
            Sleep.millis(50);
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                // Clear the PID before unlocking so nobody later reads us as the holder.
                channel.truncate(0);
                lock.release();
            }
        } catch (IOException e) {
            // the close below releases the lock anyway
        } finally {
            closeQuietly(channel);
            HELD_HERE.remove(file);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more we can do; the OS drops the lock when we exit
        }
    }
}
