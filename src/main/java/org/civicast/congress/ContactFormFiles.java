package org.civicast.congress;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.civicast.congress.ContactForm.Field;
import org.civicast.congress.ContactForm.Option;
import org.civicast.congress.ImportSources.Document;

/**
 * unitedstates/contact-congress: {@code members/{bioguide}.yaml} web-form definitions and the named
 * option lists of {@code support/constants.yaml}. A source is the repository's directory (or its
 * {@code members} directory), a zip of it (GitHub's archive, as a file or an https URL), or one
 * member file.
 *
 * <p>Of a whole set, a member file that does not parse is left out and reported rather than
 * refusing the rest: the repository is edited by hand, one file in 790 is broken upstream today,
 * and refusing would keep every other office's form out of date. One file alone is all or nothing.
 */
final class ContactFormFiles {
    private static final Pattern MEMBER_ENTRY = Pattern.compile("(?:.*/)?members/[^/]+\\.ya?ml");
    private static final Pattern CONSTANTS_ENTRY = Pattern.compile("(?:.*/)?support/constants\\.ya?ml");
    private static final Pattern VARIABLE = Pattern.compile("\\$[A-Z][A-Z0-9_]*");
    private static final List<String> FIELD_STEPS = List.of("fill_in", "select", "choose", "check", "uncheck");
    static final String SHIPPED_CONSTANTS = "/congress/contact-congress/support/constants.yaml";

    /**
     * @param wholeSet true when the source was a directory or an archive, whose forms replace every
     *                 stored form; false for one member file, which replaces that member's form only
     */
    record Parsed(List<ContactForm> forms, List<String> skipped, boolean wholeSet) {
    }

    static Parsed read(ImportSources sources, String source) {
        if (!ImportSources.isUrl(source) && Files.isDirectory(Path.of(source))) return directory(sources, Path.of(source));
        Document d = sources.read(source);
        if (isZip(d)) return zip(d, sources.maxBytes());
        Path file = ImportSources.isUrl(source) ? null : Path.of(source).toAbsolutePath();
        Document constants = file == null ? null : siblingConstants(sources, file.getParent());
        ContactForm form = form(d, constants(constants));
        return new Parsed(List.of(form), List.of(), false);
    }

    static Parsed directory(ImportSources sources, Path root) {
        Path members = Files.isDirectory(root.resolve("members")) ? root.resolve("members") : root;
        Document constants = Files.isRegularFile(root.resolve("support/constants.yaml"))
                ? sources.readFile(root.resolve("support/constants.yaml"))
                : siblingConstants(sources, members);
        List<Document> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(members)) {
            for (Path p : list.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".yaml") || name.endsWith(".yml")) files.add(sources.readFile(p));
            }
        } catch (IOException e) {
            throw new ImportException(members + ": cannot list: " + e.getMessage(), e);
        }
        return whole(root.toString(), files, constants);
    }

    /** The constants of a contact-congress checkout, seen from its members directory. */
    private static Document siblingConstants(ImportSources sources, Path members) {
        Path candidate = members == null || members.getParent() == null ? null
                : members.getParent().resolve("support/constants.yaml");
        return candidate != null && Files.isRegularFile(candidate) ? sources.readFile(candidate) : null;
    }

    private static boolean isZip(Document d) {
        byte[] b = d.bytes();
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    private static Parsed zip(Document archive, long maxBytes) {
        List<Document> files = new ArrayList<>();
        Document constants = null;
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive.bytes()))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                boolean member = MEMBER_ENTRY.matcher(name).matches();
                boolean isConstants = CONSTANTS_ENTRY.matcher(name).matches();
                if (entry.isDirectory() || !(member || isConstants)) continue;
                byte[] bytes = readCapped(zip, maxBytes, archive.name() + "!" + name);
                total += bytes.length;
                // A small archive must not unpack into more than a file we would accept could hold.
                if (total > 4 * maxBytes) throw new ImportException(archive.name() + ": unpacks to more than " + 4 * maxBytes + " bytes");
                Document d = new Document(name.substring(name.lastIndexOf('/') + 1), bytes);
                if (member) files.add(d);
                else constants = d;
            }
        } catch (IOException e) {
            throw new ImportException(archive.name() + ": not a readable zip archive: " + e.getMessage(), e);
        }
        if (files.isEmpty()) throw new ImportException(archive.name() + ": no members/*.yaml in the archive");
        files.sort((a, b) -> a.name().compareTo(b.name()));
        return whole(archive.name(), files, constants);
    }

    private static byte[] readCapped(InputStream in, long maxBytes, String name) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) throw new ImportException(name + ": larger than " + maxBytes + " bytes");
        return bytes;
    }

    private static Parsed whole(String source, List<Document> files, Document constantsFile) {
        Map<String, List<Option>> constants = constants(constantsFile);
        Map<String, ContactForm> forms = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Document d : files) {
            try {
                ContactForm form = form(d, constants);
                if (forms.putIfAbsent(form.bioguide(), form) != null) {
                    skipped.add(d.name() + ": a second form for " + form.bioguide());
                }
            } catch (ImportException e) {
                skipped.add(e.getMessage());
            }
        }
        if (forms.isEmpty()) {
            throw new ImportException(source + ": no readable contact form" + (skipped.isEmpty() ? "" : "; first problem: " + skipped.getFirst()));
        }
        return new Parsed(List.copyOf(forms.values()), skipped, true);
    }

    /** support/constants.yaml: NAME → {description, value: list or label→value map}; the shipped one when none is given. */
    static Map<String, List<Option>> constants(Document file) {
        if (file == null) {
            try (InputStream in = ContactFormFiles.class.getResourceAsStream(SHIPPED_CONSTANTS)) {
                if (in == null) return Map.of();
                file = new Document("constants.yaml", in.readAllBytes());
            } catch (IOException e) {
                throw new ImportException("the shipped constants.yaml: " + e.getMessage(), e);
            }
        }
        JsonNode root = Trees.tree(file);
        if (!root.isObject()) throw new ImportException(file.name() + ": expected a mapping of named constants");
        Map<String, List<Option>> constants = new TreeMap<>();
        for (Map.Entry<String, JsonNode> constant : root.properties()) {
            JsonNode value = constant.getValue().get("value");
            List<Option> options = value == null ? null : options(value);
            if (options == null) throw new ImportException(file.name() + ": constant " + constant.getKey() + " has no list of values");
            constants.put(constant.getKey(), options);
        }
        return constants;
    }

    static ContactForm form(Document d, Map<String, List<Option>> constants) {
        JsonNode root = Trees.tree(d);
        String bioguide = Trees.text(root, "bioguide");
        if (bioguide == null || !bioguide.matches("[A-Za-z0-9]+")) throw new ImportException(d.name() + ": no bioguide");
        JsonNode form = root.get("contact_form");
        if (form == null || !form.isObject()) throw new ImportException(d.name() + ": no contact_form");
        JsonNode steps = form.get("steps");
        if (steps == null || !steps.isArray()) throw new ImportException(d.name() + ": contact_form has no list of steps");
        Map<String, Field> fields = new LinkedHashMap<>();
        boolean captcha = false;
        boolean throughCwc = false;
        int number = 0;
        for (JsonNode step : steps) {
            number++;
            if (!step.isObject()) throw new ImportException(d.name() + ": step " + number + " is not a mapping");
            for (Map.Entry<String, JsonNode> action : step.properties()) {
                String type = action.getKey();
                JsonNode value = action.getValue();
                if (type.equals("visit") && "stubforcwc".equals(value.asText().strip())) throughCwc = true;
                if (type.equals("recaptcha")) captcha = true;
                if (!FIELD_STEPS.contains(type)) continue;
                Iterable<JsonNode> items = value.isArray() ? value : List.of(value);
                for (JsonNode field : items) {
                    if (!field.isObject()) throw new ImportException(d.name() + ": step " + number + " (" + type + ") has a field that is not a mapping");
                    if (field.has("captcha_selector")) captcha = true;
                    String variable = Trees.text(field, "value");
                    if (variable == null || !VARIABLE.matcher(variable).matches()) continue;
                    if (variable.equals("$CAPTCHA_SOLUTION")) captcha = true;
                    Field parsed = field(d, type, variable, field, constants);
                    fields.merge(variable, parsed, ContactFormFiles::merge);
                }
            }
        }
        return new ContactForm(bioguide, Trees.text(form, "method"), Trees.text(form, "action"), throughCwc, captcha,
                List.copyOf(fields.values()));
    }

    private static Field field(Document d, String step, String variable, JsonNode field, Map<String, List<Option>> constants) {
        Integer maxLength = length(field.get("max_length"));
        List<Option> options = List.of();
        JsonNode given = field.get("options");
        if (given != null && !given.isNull()) {
            if (given.isTextual()) {
                options = constants.get(given.asText().strip());
                if (options == null) {
                    throw new ImportException(d.name() + ": " + variable + " names the unknown constant " + given.asText());
                }
            } else if (given.isObject() && (step.equals("fill_in") || given.has("max_length") || given.has("allows_plus"))) {
                // On a text field "options" holds hints (schema.md), not choices.
                if (maxLength == null) maxLength = length(given.get("max_length"));
            } else {
                options = options(given);
                if (options == null) throw new ImportException(d.name() + ": " + variable + " has options that are neither a list nor a mapping");
            }
        }
        return new Field(variable, Trees.flag(field.get("required")), options, maxLength);
    }

    /** A form that asks twice (an e-mail and its confirmation) asks once here, as strictly as either. */
    private static Field merge(Field a, Field b) {
        Integer max = a.maxLength() == null ? b.maxLength()
                : b.maxLength() == null ? a.maxLength() : Integer.valueOf(Math.min(a.maxLength(), b.maxLength()));
        return new Field(a.variable(), a.required() || b.required(), a.choice() ? a.options() : b.options(), max);
    }

    /**
     * A list (each label its own value) or a label → value mapping; null for anything else. The
     * community files carry stray spaces ("Mr. ") and empty placeholders (""): kept as they are,
     * such a value would never equal a supporter's trimmed answer, so values and labels are
     * stripped, and empty values and repeated choices dropped. Two labels may share a value
     * ("First Responders" and "Law Enforcement" both LAWENFORCEMENT): both stay.
     */
    private static List<Option> options(JsonNode node) {
        Map<String, Option> options = new java.util.LinkedHashMap<>();
        if (node.isArray()) {
            for (JsonNode o : node) {
                if (o.isContainerNode()) return null;
                add(options, o.asText(), o.asText());
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> o : node.properties()) {
                if (o.getValue().isContainerNode()) return null;
                add(options, o.getKey(), o.getValue().isNull() ? "" : o.getValue().asText());
            }
        } else {
            return null;
        }
        return new ArrayList<>(options.values());
    }

    private static void add(Map<String, Option> options, String label, String value) {
        String v = value.strip();
        String l = label.strip();
        if (v.isEmpty()) return;
        String shown = l.isEmpty() ? v : l;
        options.putIfAbsent(shown + "\u0000" + v, new Option(shown, v));
    }

    private static Integer length(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (node.isIntegralNumber()) return node.intValue();
        String text = node.asText().strip();
        return text.matches("\\d{1,7}") ? Integer.valueOf(text) : null;
    }

    private ContactFormFiles() {}
}
