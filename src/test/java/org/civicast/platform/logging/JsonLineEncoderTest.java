package org.civicast.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.civicast.platform.http.Json;
import org.junit.jupiter.api.Test;

class JsonLineEncoderTest {
    @Test
    void eachEventIsOneJsonObjectOnOneLine() throws Exception {
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("org.civicast.Test"), Level.WARN,
                "disk {}\nfull", new IllegalStateException("boom"), new Object[] {"/data"});
        String line = new String(new JsonLineEncoder().encode(event), StandardCharsets.UTF_8);
        assertEquals(line.length() - 1, line.indexOf('\n'), "exactly one line, even with newlines inside");
        JsonNode json = Json.MAPPER.readTree(line);
        assertEquals("WARN", json.get("level").asText());
        assertEquals("disk /data\nfull", json.get("message").asText());
        assertEquals("org.civicast.Test", json.get("logger").asText());
        assertTrue(json.get("exception").asText().contains("boom"));
        assertTrue(json.get("time").asText().endsWith("Z"));
    }
}
