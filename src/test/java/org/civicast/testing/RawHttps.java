package org.civicast.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Bytes on a socket, for requests no HTTP client would send: broken chunking, unknown protocol
 * versions, duplicate or oversized headers. Answers are read until the server closes or the
 * declared body has arrived.
 */
public final class RawHttps {
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static Answer send(int port, String request) {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1), true);
    }

    public static Answer send(int port, byte[] request, boolean tls) {
        try (Socket socket = tls ? tlsSocket(port, null) : new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS socket to the server trusting whatever certificate it shows; {@code suites} null for the defaults. */
    public static SSLSocket tlsSocket(int port, String[] suites) throws IOException {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String auth) {}
                public void checkServerTrusted(X509Certificate[] chain, String auth) {}
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port);
            if (suites != null) {
                socket.setEnabledProtocols(new String[] {"TLSv1.2"});
                socket.setEnabledCipherSuites(suites);
            }
            socket.startHandshake();
            return socket;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int end = -1;
        Map<String, String> headers = new LinkedHashMap<>();
        int status = 0;
        long wanted = -1;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                break; // the server closed the connection
            }
            if (n < 0) break;
            all.write(buffer, 0, n);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            if (end < 0 && (end = text.indexOf("\r\n\r\n")) >= 0) {
                String[] lines = text.substring(0, end).split("\r\n");
                status = Integer.parseInt(lines[0].split(" ")[1]);
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
                String length = headers.get("content-length");
                wanted = length == null ? -1 : Long.parseLong(length);
            }
            if (end >= 0 && wanted >= 0 && all.size() - end - 4 >= wanted) break;
        }
        byte[] bytes = all.toByteArray();
        String body = end < 0 ? "" : new String(bytes, end + 4, bytes.length - end - 4, StandardCharsets.UTF_8);
        return new Answer(status, headers, body);
    }

    private RawHttps() {}
}
