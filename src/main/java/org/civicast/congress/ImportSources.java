package org.civicast.congress;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * Reads what an operator names for an import: a local file, or an https URL fetched with the
 * JDK's client. Downloads are bounded in time and size, and only ever follow redirects to https,
 * so a refresh cannot be steered onto plain HTTP or fill the memory.
 */
final class ImportSources {
    /** Far above every upstream file (the Census national ZCTA file is about 9 MB). */
    static final long DEFAULT_MAX_BYTES = 64L << 20;
    private static final int MAX_REDIRECTS = 5;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    /** A file's name (for messages and format detection) and its bytes. */
    record Document(String name, byte[] bytes) {
        /** The text as strict UTF-8, without the byte order mark the Census files start with. */
        String text() {
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
                return text.startsWith("\uFEFF") ? text.substring(1) : text;
            } catch (CharacterCodingException e) {
                throw new ImportException(name + ": not UTF-8 text");
            }
        }

        String lowerName() {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    private final SSLContext ssl;
    private final long maxBytes;

    ImportSources(SSLContext ssl, long maxBytes) {
        this.ssl = ssl;
        this.maxBytes = maxBytes;
    }

    static ImportSources standard() {
        return new ImportSources(null, DEFAULT_MAX_BYTES);
    }

    static boolean isUrl(String source) {
        return source.contains("://");
    }

    long maxBytes() {
        return maxBytes;
    }

    /** A file or an https URL; a directory is the caller's business. */
    Document read(String source) {
        return isUrl(source) ? fetch(source) : readFile(Path.of(source));
    }

    Document readFile(Path file) {
        try {
            if (!Files.isRegularFile(file)) throw new ImportException(file + ": no such file");
            if (Files.size(file) > maxBytes) throw new ImportException(file + ": larger than " + maxBytes + " bytes");
            return new Document(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    Document fetch(String url) {
        URI uri = httpsUri(url, url);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null) builder.sslContext(ssl);
        try (HttpClient client = builder.build()) {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                        .header("User-Agent", "Civicast congress data import").GET().build();
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    int status = response.statusCode();
                    if (status >= 300 && status < 400) {
                        String location = response.headers().firstValue("Location")
                                .orElseThrow(() -> new ImportException(url + ": redirect without a Location"));
                        uri = httpsUri(uri.resolve(location).toString(), url);
                        continue;
                    }
                    if (status != 200) throw new ImportException(url + ": HTTP " + status + " from " + uri.getHost());
                    long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                    if (declared > maxBytes) throw tooLarge(url);
                    return new Document(nameOf(uri), readCapped(body, url));
                }
            }
            throw new ImportException(url + ": more than " + MAX_REDIRECTS + " redirects");
        } catch (IOException e) {
            throw new ImportException(url + ": cannot fetch: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException(url + ": interrupted", e);
        }
    }

    private byte[] readCapped(InputStream body, String url) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) throw tooLarge(url);
        return bytes;
    }

    private ImportException tooLarge(String url) {
        return new ImportException(url + ": larger than " + maxBytes + " bytes");
    }

    private static URI httpsUri(String target, String asked) {
        try {
            URI uri = new URI(target);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new ImportException(asked + ": only https URLs are fetched"
                        + (target.equals(asked) ? "" : " (redirected to " + target + ")"));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ImportException(asked + ": not a URL: " + e.getMessage());
        }
    }

    private static String nameOf(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isEmpty() ? uri.getHost() : last;
    }
}
