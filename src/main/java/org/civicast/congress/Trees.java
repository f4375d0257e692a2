package org.civicast.congress;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.civicast.congress.ImportSources.Document;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The YAML and JSON files of the unitedstates projects as Jackson trees, with the line each entry
 * starts on so a refusal can point into the file.
 */
final class Trees {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(yamlFactory());

    /** One element of a file's top-level list: its position, the line it starts on, its tree. */
    record Entry(int index, int line, JsonNode node) {
    }

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        // SnakeYAML's default cap (3 MB) is near the size of legislators-current.yaml already.
        options.setCodePointLimit((int) ImportSources.DEFAULT_MAX_BYTES);
        return YAMLFactory.builder()
                .loaderOptions(options)
                // YAML 1.1 reads an option labelled Yes or No as a boolean; keep the words people see.
                .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                .build();
    }

    static boolean isJson(Document d) {
        String name = d.lowerName();
        if (name.endsWith(".json")) return true;
        if (name.endsWith(".yaml") || name.endsWith(".yml")) return false;
        for (byte b : d.bytes()) {
            if (!Character.isWhitespace(b)) return b == '[' || b == '{';
        }
        return false;
    }

    private static ObjectMapper mapperFor(Document d) {
        return isJson(d) ? JSON : YAML;
    }

    /** The whole document as one tree. */
    static JsonNode tree(Document d) {
        try {
            JsonNode node = mapperFor(d).readTree(d.bytes());
            if (node == null || node.isMissingNode()) throw new ImportException(d.name() + ": empty");
            return node;
        } catch (JsonProcessingException e) {
            throw unreadable(d, e);
        } catch (IOException e) {
            throw new ImportException(d.name() + ": " + e.getMessage(), e);
        }
    }

    /** The elements of a document that is one top-level list. */
    static List<Entry> entries(Document d) {
        List<Entry> entries = new ArrayList<>();
        ObjectMapper mapper = mapperFor(d);
        try (JsonParser p = mapper.createParser(d.bytes())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new ImportException(d.name() + ": expected a list of entries at the top");
            }
            JsonToken token;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) throw new ImportException(d.name() + ": ends inside the list");
                int line = p.currentTokenLocation().getLineNr();
                entries.add(new Entry(entries.size() + 1, line, mapper.readTree(p)));
            }
            if (p.nextToken() != null) throw new ImportException(d.name() + ": more after the list of entries");
            return entries;
        } catch (JsonProcessingException e) {
            throw unreadable(d, e);
        } catch (IOException e) {
            throw new ImportException(d.name() + ": " + e.getMessage(), e);
        }
    }

    static ImportException unreadable(Document d, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at != null && at.getLineNr() > 0 ? " line " + at.getLineNr() : "";
        String kind = isJson(d) ? "JSON" : "YAML";
        // SnakeYAML's message quotes the source under each sentence; keep the sentences.
        String problem = e.getOriginalMessage().lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).collect(Collectors.joining("; "));
        return new ImportException(d.name() + where + ": not valid " + kind + ": " + problem, e);
    }

    /** A scalar as text, trimmed; null when absent, null or blank. */
    static String text(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) return null;
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** contact-congress writes true, Yes or yes for a set flag. */
    static boolean flag(JsonNode node) {
        if (node == null || node.isNull()) return false;
        if (node.isBoolean()) return node.booleanValue();
        return switch (node.asText().strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "on" -> true;
            default -> false;
        };
    }

    private Trees() {}
}
