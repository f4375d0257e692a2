package org.civicast.platform.outbound;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.civicast.platform.outbound.OutboundException.Reason;

/**
 * One HTTP/1.1 request and its response over a connection to an address chosen beforehand. The
 * name in the URL still goes into the Host header, the TLS server name (SNI) and the certificate
 * check; only the address lookup is taken out of the connection's hands.
 */
final class Http1Exchange {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final URI uri;
    private final OutboundPolicy policy;
    private final long deadline;

    private Http1Exchange(URI uri, OutboundPolicy policy) {
        this.uri = uri;
        this.policy = policy;
        this.deadline = System.nanoTime() + policy.connectTimeout().toNanos() + policy.timeout().toNanos();
    }

    static OutboundStream stream(OutboundRequest request, InetAddress address, OutboundPolicy policy)
            throws OutboundException {
        return new Http1Exchange(request.uri(), policy).open(request, address);
    }

    /** Connects, sends the request and reads the response head; the body is left on the connection. */
    private OutboundStream open(OutboundRequest request, InetAddress address) throws OutboundException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        Socket plain = new Socket();
        try {
            try {
                plain.connect(new InetSocketAddress(address, port), (int) policy.connectTimeout().toMillis());
            } catch (SocketTimeoutException e) {
                throw new OutboundException(Reason.TIMEOUT, uri, "no connection to " + where(address, port) + " within "
                        + policy.connectTimeout().toMillis() + " ms", e);
            } catch (IOException e) {
                throw new OutboundException(Reason.CONNECT_FAILED, uri, "cannot connect to " + where(address, port)
                        + ": " + e.getMessage(), e);
            }
            Socket connection = https ? secure(plain, port) : plain;
            return guarded(() -> {
                write(connection.getOutputStream(), request, port, https);
                return read(new BufferedInputStream(new DeadlineInput(connection), 64 * 1024), request.method(), connection);
            });
        } catch (OutboundException | RuntimeException e) {
            closeQuietly(plain);
            throw e;
        }
    }

    interface Io<T> {
        T run() throws IOException;
    }

    /** Runs socket work, naming what went wrong the way callers act on it. */
    <T> T guarded(Io<T> work) throws OutboundException {
        try {
            return work.run();
        } catch (OutboundException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            throw new OutboundException(Reason.TIMEOUT, uri, "no complete answer within "
                    + policy.timeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new OutboundException(Reason.BROKEN_RESPONSE, uri, "the connection failed: " + e.getMessage(), e);
        }
    }

    private Socket secure(Socket plain, int port) throws OutboundException {
        String host = OutboundPolicy.normalHost(uri.getHost());
        try {
            SSLContext context = policy.tls() != null ? policy.tls() : SSLContext.getDefault();
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            // The certificate must name the host of the URL, not the address connected to.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!isIpLiteral(host)) parameters.setServerNames(List.of(new SNIHostName(host)));
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(remainingMillis());
            tls.startHandshake();
            return tls;
        } catch (SocketTimeoutException e) {
            throw new OutboundException(Reason.TIMEOUT, uri, "the TLS handshake with " + host + " timed out", e);
        } catch (SSLException e) {
            throw new OutboundException(Reason.TLS_FAILED, uri, "TLS with " + host + " failed: " + e.getMessage(), e);
        } catch (IOException | java.security.NoSuchAlgorithmException | IllegalArgumentException e) {
            throw new OutboundException(Reason.TLS_FAILED, uri, "TLS with " + host + " failed: " + e, e);
        }
    }

    private void write(OutputStream out, OutboundRequest request, int port, boolean https) throws IOException {
        byte[] body = request.body();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        boolean defaultPort = port == (https ? 443 : 80);
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader()).append(defaultPort ? "" : ":" + port).append("\r\n")
                .append("Connection: close\r\n");
        if (!request.headers().keySet().stream().anyMatch("user-agent"::equalsIgnoreCase)) {
            head.append("User-Agent: Civicast\r\n");
        }
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) out.write(body);
        out.flush();
    }

    private String hostHeader() {
        String host = uri.getHost();
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private OutboundStream read(InputStream in, String method, Socket connection) throws IOException, OutboundException {
        while (true) {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
                throw broken("not an HTTP/1.x status line: " + abbreviate(statusLine));
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = headers(in);
            if (status >= 100 && status < 200) continue; // interim answers such as 100 Continue
            InputStream body;
            if (method.equals("HEAD") || status == 204 || status == 304) {
                body = InputStream.nullInputStream();
            } else if (headers.getOrDefault("transfer-encoding", List.of()).stream()
                    .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
                body = new Chunked(in);
            } else if (headers.containsKey("content-length")) {
                body = new Exactly(in, contentLength(headers.get("content-length")));
            } else {
                body = new UntilClose(in);
            }
            return new OutboundStream(status, headers, uri, new Guarded(body), connection);
        }
    }

    private Map<String, List<String>> headers(InputStream in) throws IOException, OutboundException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            String line = line(in);
            total += line.length() + 2;
            if (total > MAX_HEAD_BYTES) throw broken("the response headers exceed " + MAX_HEAD_BYTES + " bytes");
            if (line.isEmpty()) return headers;
            int colon = line.indexOf(':');
            if (colon <= 0) throw broken("a malformed header line: " + abbreviate(line));
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
    }

    private long contentLength(List<String> values) throws OutboundException {
        long length = -1;
        for (String value : values) {
            long parsed;
            try {
                parsed = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw broken("a malformed Content-Length: " + abbreviate(value));
            }
            if (parsed < 0 || (length != -1 && parsed != length)) throw broken("conflicting Content-Length values");
            length = parsed;
        }
        if (length > policy.maxResponseBytes()) throw tooLarge();
        return length;
    }

    /** A body stream whose bytes are read in blocks; a single byte is a block of one. */
    private abstract static class BodyInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }
    }

    /** A body of a known length; a shorter one is a broken response. */
    private final class Exactly extends BodyInput {
        private final InputStream in;
        private long left;

        Exactly(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left == 0) return -1;
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n == -1) throw broken("the body ended " + left + " bytes short of its Content-Length");
            left -= n;
            return n;
        }
    }

    /** A chunked body, counted against the size limit as it arrives; trailers are read and dropped. */
    private final class Chunked extends BodyInput {
        private final InputStream in;
        private long inChunk;
        private long total;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (done) return -1;
            if (inChunk == 0) {
                if (total > 0 && !line(in).isEmpty()) throw broken("a chunk is longer than its size says");
                inChunk = chunkSize(line(in));
                if (inChunk == 0) {
                    headers(in);
                    done = true;
                    return -1;
                }
                total += inChunk;
                if (total > policy.maxResponseBytes()) throw tooLarge();
            }
            int n = in.read(buffer, offset, (int) Math.min(length, inChunk));
            if (n == -1) throw broken("the body ended in the middle of a chunk");
            inChunk -= n;
            return n;
        }

        private long chunkSize(String sizeLine) throws OutboundException {
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw broken("a malformed chunk size: " + abbreviate(sizeLine));
            }
            if (size < 0) throw broken("a negative chunk size");
            return size;
        }
    }

    /** A body that ends when the server closes the connection, cut at the size limit. */
    private final class UntilClose extends BodyInput {
        private final InputStream in;
        private long total;

        UntilClose(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0 && (total += n) > policy.maxResponseBytes()) throw tooLarge();
            return n;
        }
    }

    /** The body as callers see it: a timeout or a broken connection is an {@link OutboundException} naming it. */
    private final class Guarded extends java.io.FilterInputStream {
        Guarded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return guarded(in::read);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return guarded(() -> in.read(buffer, offset, length));
        }
    }

    /** A CRLF-ended line (a bare LF is taken too), without its end. */
    private String line(InputStream in) throws IOException, OutboundException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c == -1) throw broken("the connection closed in the middle of the response head");
            if (c == '\n') break;
            line.write(c);
            if (line.size() > MAX_HEAD_BYTES) throw broken("a response line exceeds " + MAX_HEAD_BYTES + " bytes");
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private int remainingMillis() throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) throw new SocketTimeoutException("deadline passed");
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** Reads that give up at the exchange's deadline, however slowly the peer trickles bytes. */
    private final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream in;

        DeadlineInput(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(remainingMillis());
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            socket.setSoTimeout(remainingMillis());
            return in.read(buffer, offset, length);
        }
    }

    private OutboundException broken(String why) {
        return new OutboundException(Reason.BROKEN_RESPONSE, uri, "a broken response from " + uri.getHost() + ": " + why);
    }

    private OutboundException tooLarge() {
        return new OutboundException(Reason.TOO_LARGE, uri, "the response from " + uri.getHost() + " exceeds "
                + policy.maxResponseBytes() + " bytes");
    }

    private static String where(InetAddress address, int port) {
        return address.getHostAddress() + " port " + port;
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
