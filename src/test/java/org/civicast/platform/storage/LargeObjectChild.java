package org.civicast.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.civicast.platform.config.StorageSettings;

/**
 * A separate JVM with a small heap that stores one large generated object and reads it back:
 * an implementation that held a whole object in memory runs out of heap here.
 */
final class LargeObjectChild {
    record Result(int exitCode, String output) {}

    static Result run(List<String> storageArguments, long size, String heap) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), LargeObjectChild.class.getName(),
                Long.toString(size)));
        command.addAll(storageArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) process.destroyForcibly();
        return new Result(process.exitValue(), new String(output));
    }

    /** Arguments: size, then {@code local <dir>} or {@code s3 <endpoint> <bucket>}. */
    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        ObjectStorage storage = switch (args[1]) {
            case "local" -> LocalStorage.at(Path.of(args[2]));
            case "s3" -> ObjectStorage.configured(new StorageSettings(StorageSettings.Kind.S3, null, args[3],
                    "us-east-1", URI.create(args[2]), true, "any", "any", "large"));
            default -> throw new IllegalArgumentException(args[1]);
        };
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        storage.put("large/object.bin", new Generated(size, written), size, "application/octet-stream");
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        long length;
        long count = 0;
        try (StoredObject object = storage.open("large/object.bin").orElseThrow()) {
            length = object.length();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = object.content().read(buffer)) > 0; count += n) read.update(buffer, 0, n);
        }
        storage.delete("large/object.bin");
        boolean same = Arrays.equals(written.digest(), read.digest());
        System.out.println((same && length == size && count == size ? "OK " : "DIFFERENT ") + count + " bytes, "
                + "heap at most " + Runtime.getRuntime().maxMemory() + ", digest " + HexFormat.of().formatHex(read.digest()));
        System.exit(same && length == size && count == size ? 0 : 1);
    }

    /** Pseudo-random bytes made as they are read, digested on the way out. */
    private static final class Generated extends InputStream {
        private final SplittableRandom random = new SplittableRandom(42);
        private final MessageDigest digest;
        private long left;

        Generated(long size, MessageDigest digest) {
            this.left = size;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) return -1;
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) b[off + i] = (byte) random.nextInt(256);
            digest.update(b, off, n);
            left -= n;
            return n;
        }
    }

    private LargeObjectChild() {}
}
