package org.civicast.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.civicast.testing.ApiClient;
import org.civicast.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports from a real HTTP source: kinds known from their bytes whatever the URL or the source
 * says, images fitted under the MMS budget with the original kept, and every way a source or a
 * file fails ending the file failed with a reason a person can act on.
 */
class MediaImportTest {
    static final long BUDGET = 100_000;
    static TestServer server;
    static SourceServer source;
    static ApiClient root;

    @BeforeAll
    static void start() throws IOException {
        source = SourceServer.start();
        server = TestServer.start(Imports.settings(Map.of(
                "CIVICAST_MEDIA_MMS_MAX_BYTES", Long.toString(BUDGET),
                "CIVICAST_MEDIA_MAX_SOURCE_BYTES", "5000000",
                "CIVICAST_MEDIA_FETCH_TIMEOUT_SECONDS", "1")), Clock.systemUTC());
        root = server.root();
    }

    @AfterAll
    static void stop() {
        server.close();
        source.close();
    }

    /** The bytes the file's public URL serves. */
    static byte[] served(JsonNode detail) {
        ApiClient.Response r = server.client(null).get(URI.create(detail.get("url").asText()).getPath());
        assertEquals(200, r.status(), r.toString());
        return r.raw();
    }

    @Test
    void kindsAreKnownFromTheBytesNotTheNameOrTheSourcesContentType() {
        byte[] jpeg = MediaSamples.jpeg(320, 240);
        byte[] png = MediaSamples.png(200, 100, false);
        byte[] gif = MediaSamples.gif(64, 48);
        byte[] mp4 = MediaSamples.mp4(640, 360, 20_000);
        byte[] vcard = MediaSamples.vcard();
        source.serve("/kinds/holiday.gif", "text/plain", jpeg)
                .serve("/kinds/logo.jpg", "image/jpeg", png)
                .serve("/kinds/animation.mp4", "application/octet-stream", gif)
                .serve("/kinds/clip.png", "image/png", mp4)
                .serve("/kinds/contact.txt", "text/plain", vcard);
        Object[][] expected = {
                {"/kinds/holiday.gif", "image/jpeg", ".jpg", 320, 240, jpeg},
                {"/kinds/logo.jpg", "image/png", ".png", 200, 100, png},
                {"/kinds/animation.mp4", "image/gif", ".gif", 64, 48, gif},
                {"/kinds/clip.png", "video/mp4", ".mp4", 640, 360, mp4},
                {"/kinds/contact.txt", "text/vcard", ".vcf", null, null, vcard}};
        for (Object[] e : expected) {
            JsonNode d = Imports.importAndWait(root, source.url((String) e[0]));
            assertEquals("ready", d.get("status").asText(), d.toString());
            assertEquals(e[1], d.get("content_type").asText(), d.toString());
            assertTrue(d.get("url").asText().endsWith(e[2].toString()), d.toString());
            assertEquals(e[3] == null ? "null" : e[3].toString(), d.get("width").toString(), d.toString());
            assertEquals(e[4] == null ? "null" : e[4].toString(), d.get("height").toString(), d.toString());
            byte[] bytes = (byte[]) e[5];
            assertEquals(bytes.length, d.get("file_size_bytes").asLong(), "within the budget it is served as it came");
            assertArrayEquals(bytes, served(d));
            assertTrue(d.get("optimized_at").asText().endsWith("Z"));
            assertTrue(d.get("failure_reason").isNull());
        }
    }

    @Test
    void aLargePngIsFittedUnderTheBudgetAndTheOriginalIsKept() throws IOException {
        byte[] png = MediaSamples.png(1400, 1000, false);
        assertTrue(png.length > 10 * BUDGET, "a PNG far over the budget: " + png.length);
        source.serve("/large/poster.png", "image/png", png);
        JsonNode d = Imports.importAndWait(root, source.url("/large/poster.png"));
        assertEquals("ready", d.get("status").asText(), d.toString());
        assertEquals("image/jpeg", d.get("content_type").asText(), "an opaque PNG is fitted as JPEG");
        assertTrue(d.get("url").asText().endsWith("/poster.jpg"), d.toString());
        long size = d.get("file_size_bytes").asLong();
        assertTrue(size <= BUDGET && size > 0, d.toString());
        assertEquals(png.length, d.get("original_file_size_bytes").asLong());
        assertEquals("image/png", d.get("original_content_type").asText());

        byte[] served = served(d);
        assertEquals(size, served.length);
        BufferedImage fitted = ImageIO.read(new ByteArrayInputStream(served));
        assertEquals(d.get("width").asInt(), fitted.getWidth());
        assertEquals(d.get("height").asInt(), fitted.getHeight());
        assertEquals(1.4, (double) fitted.getWidth() / fitted.getHeight(), 0.02, "the shape is kept");

        String folder = d.get("storage_key").asText().replaceFirst("[^/]+$", "");
        assertArrayEquals(png, Files.readAllBytes(server.dataDir().resolve("objects").resolve(folder + "original/poster.png")),
                "the original stays, byte for byte, under its own key");
    }

    @Test
    void aPngWithTransparencyStaysPngAndAJpegIsTurnedTheWayItsExifSays() throws IOException {
        byte[] clear = MediaSamples.png(900, 900, true);
        assertTrue(clear.length > BUDGET);
        source.serve("/large/badge.png", "image/png", clear);
        JsonNode badge = Imports.importAndWait(root, source.url("/large/badge.png"));
        assertEquals("image/png", badge.get("content_type").asText(), badge.toString());
        String folder = server.dataDir().resolve("objects").resolve(badge.get("storage_key").asText()).getParent().toString();
        assertArrayEquals(clear, Files.readAllBytes(java.nio.file.Path.of(folder, "original", "badge.png")),
                "the fitted badge.png and the original badge.png do not overwrite each other");
        assertTrue(badge.get("file_size_bytes").asLong() <= BUDGET);
        assertTrue(ImageIO.read(new ByteArrayInputStream(served(badge))).getColorModel().hasAlpha());

        byte[] turned = MediaSamples.jpegTurnedByExif(1200, 800);
        assertTrue(turned.length > BUDGET, "over the budget, so it is re-encoded: " + turned.length);
        source.serve("/large/phone.jpg", "image/jpeg", turned);
        JsonNode phone = Imports.importAndWait(root, source.url("/large/phone.jpg"));
        assertEquals("ready", phone.get("status").asText(), phone.toString());
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(served(phone)));
        assertTrue(upright.getHeight() > upright.getWidth(), "stored landscape, shown portrait: " + phone);
        assertEquals(phone.get("width").asInt(), upright.getWidth());
        // The blue mark at the stored image's top left is at the top right once turned clockwise.
        int mark = upright.getRGB(upright.getWidth() - 5, 5);
        assertTrue((mark & 0xFF) > 150 && (mark >> 16 & 0xFF) < 100, Integer.toHexString(mark));
    }

    @Test
    void aFileOfAnotherKindFailsSayingWhatItIsAndWhatIsAccepted() {
        source.serve("/other/flyer.jpg", "image/jpeg", MediaSamples.pdf());
        JsonNode d = Imports.importAndWait(root, source.url("/other/flyer.jpg"));
        assertEquals("failed", d.get("status").asText());
        String reason = d.get("failure_reason").asText();
        assertTrue(reason.startsWith("a PDF document; MMS accepts JPEG, PNG and GIF images"), reason);
        assertTrue(d.get("url").isNull());
        assertTrue(d.get("storage_key").isNull());
        assertEquals(MediaSamples.pdf().length, d.get("original_file_size_bytes").asLong());

        source.serve("/other/page", "image/png", "<!DOCTYPE html><html><head><title>Drive</title>".getBytes());
        assertTrue(Imports.importAndWait(root, source.url("/other/page")).get("failure_reason").asText()
                .startsWith("a web page, not a media file"));
    }

    @Test
    void gifsAndVideoOverTheBudgetFailBecauseCivicastDoesNotTranscodeThem() {
        source.serve("/over/clip.mp4", "video/mp4", MediaSamples.mp4(1280, 720, (int) BUDGET + 1));
        JsonNode video = Imports.importAndWait(root, source.url("/over/clip.mp4"));
        assertEquals("failed", video.get("status").asText());
        assertTrue(video.get("failure_reason").asText().contains("over the MMS limit of 100 KB, and Civicast does not "
                + "re-encode video or audio"), video.toString());
        byte[] gif = MediaSamples.gif(1000, 800);
        assertTrue(gif.length > BUDGET);
        source.serve("/over/wave.gif", "image/gif", gif);
        assertTrue(Imports.importAndWait(root, source.url("/over/wave.gif")).get("failure_reason").asText()
                .contains("does not re-encode GIFs"));
    }

    @Test
    void aDamagedImageOverTheBudgetFailsAsUnreadable() {
        byte[] png = MediaSamples.png(1000, 800, false);
        byte[] cut = java.util.Arrays.copyOf(png, png.length / 2);
        source.serve("/broken/cut.png", "image/png", cut);
        JsonNode d = Imports.importAndWait(root, source.url("/broken/cut.png"));
        assertEquals("failed", d.get("status").asText());
        assertTrue(d.get("failure_reason").asText().startsWith("the file begins like a PNG image but cannot be read"),
                d.toString());
    }

    @Test
    void sourcesThatRefuseOrHaveNoFileFailWithoutRetrying() {
        source.answer("/gone/404.jpg", 404).answer("/gone/403.jpg", 403);
        JsonNode missing = Imports.importAndWait(root, source.url("/gone/404.jpg"));
        assertEquals("failed", missing.get("status").asText());
        assertTrue(missing.get("failure_reason").asText().startsWith("the source has no file at this URL (HTTP 404)"));
        JsonNode refused = Imports.importAndWait(root, source.url("/gone/403.jpg"));
        assertTrue(refused.get("failure_reason").asText().startsWith("the source refused access (HTTP 403)"));
        assertEquals(1, source.hits("/gone/404.jpg"), "a 404 is not asked again");
        assertEquals(0, missing.get("file_size_bytes").asLong(), "nothing was measured");
    }

    @Test
    void aSourceThatIsTooSlowIsTriedAgainThenFails() {
        source.slow("/slow/photo.png", Duration.ofSeconds(3), MediaSamples.png(10, 10, false));
        JsonNode d = Imports.importAndWait(root, source.url("/slow/photo.png"));
        assertEquals("failed", d.get("status").asText(), d.toString());
        assertEquals("gave up after 4 attempts; the last: the source did not send the whole file within 1 second",
                d.get("failure_reason").asText());
        assertEquals(MediaImportJob.ATTEMPTS, source.hits("/slow/photo.png"));
    }

    @Test
    void aSourceOverTheSizeLimitFails() {
        source.serve("/big/huge.jpg", "image/jpeg", new byte[5_000_001]);
        JsonNode d = Imports.importAndWait(root, source.url("/big/huge.jpg"));
        assertEquals("failed", d.get("status").asText());
        assertEquals("the file is larger than 5 MB, the most Civicast imports", d.get("failure_reason").asText());
        assertFalse(d.get("failure_reason").asText().contains("gave up"), "too large is final");
    }

    @Test
    void aServerErrorIsTriedAgainAndTheLastAnswerGiven() {
        source.answer("/flaky/500.jpg", 503);
        JsonNode d = Imports.importAndWait(root, source.url("/flaky/500.jpg"));
        assertEquals("gave up after 4 attempts; the last: the source answered HTTP 503 instead of the file",
                d.get("failure_reason").asText());
    }
}
