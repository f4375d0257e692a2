package org.civicast.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.civicast.testing.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loader on a file large enough that contacts and rejected rows each go out in several
 * batches, against the real database: every row must end where a plain reading of the rules puts
 * it (the first line of a number wins; all rows of an opted-out number are opted out; bad numbers
 * are bad), with its line in the file. Loaded twice: judged in memory, and with room for only a
 * few numbers, so that PostgreSQL finds the duplicates of the rest.
 */
class ContactLoaderTest {
    static final int ROWS = 60_000;
    static TestServer server;
    static Jdbi db;
    static String org;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        db = Jdbi.create(server.databaseUrl());
        org = server.createOrganization(server.rootOrganizationId(), "Loader test");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** A generated file and what the rules make of it, worked out row by row. */
    static final class Expected {
        final StringBuilder csv = new StringBuilder("Name,Phone,Ward\n");
        final List<String> contacts = new ArrayList<>();
        final StringBuilder rejects = new StringBuilder("line,reason,detail,phone\r\n");
        int bad, duplicates, optedOut;
    }

    static Expected generate(Set<Long> optOuts) {
        Random random = new Random(20261130);
        Expected e = new Expected();
        List<Long> earlier = new ArrayList<>();
        Map<Long, Integer> firstLine = new HashMap<>();
        int line = 2;
        for (int i = 0; i < ROWS; i++) {
            double roll = random.nextDouble();
            long national;
            String raw;
            if (roll < 0.06) {
                national = -1;
                raw = switch (random.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> "555-0199";
                    case 2 -> "call me";
                    default -> "(123) 555-0100";
                };
            } else {
                national = roll < 0.30 && !earlier.isEmpty() ? earlier.get(random.nextInt(earlier.size()))
                        : 2020000000L + (200 + random.nextInt(800)) * 10_000L + random.nextInt(10_000);
                String d = Long.toString(national);
                raw = switch (random.nextInt(4)) {
                    case 0 -> "(" + d.substring(0, 3) + ") " + d.substring(3, 6) + "-" + d.substring(6);
                    case 1 -> d.substring(0, 3) + "." + d.substring(3, 6) + "." + d.substring(6);
                    case 2 -> "+1 " + d;
                    default -> d;
                };
                earlier.add(national);
            }
            boolean twoLines = random.nextInt(20) == 0;
            String name = twoLines ? "Voter\n" + i : "Voter " + i;
            e.csv.append('"').append(name).append("\",").append(raw == null ? "" : " " + raw + " ").append(",W").append(i % 7)
                    .append('\n');
            long phone = 10_000_000_000L + national;
            if (national < 0) {
                e.bad++;
                reject(e, line, "bad_number", raw == null ? "no phone number" : "not a valid phone number", raw);
            } else if (optOuts.contains(phone)) {
                e.optedOut++;
                reject(e, line, "opted_out", "the number has opted out of this organization's texts", raw);
            } else if (firstLine.containsKey(phone)) {
                e.duplicates++;
                reject(e, line, "duplicate", "the same number as line " + firstLine.get(phone), raw);
            } else {
                firstLine.put(phone, line);
                e.contacts.add(phone + "|" + line + "|" + name + "|" + raw + "|W" + (i % 7));
            }
            line += twoLines ? 2 : 1;
        }
        e.contacts.sort(null);
        return e;
    }

    static void reject(Expected e, int line, String reason, String detail, String raw) {
        e.rejects.append(line).append(',').append(reason).append(',').append(detail).append(',')
                .append(raw == null ? "" : raw).append("\r\n");
    }

    /** Numbers that opted out: three the file has on several lines, one it has once, one it does not have. */
    static Set<Long> optOuts() {
        Expected plain = generate(Set.of());
        Set<Integer> repeated = new HashSet<>(); // first lines of numbers that come again
        for (String l : plain.rejects.toString().split("\r\n")) {
            if (l.contains(",the same number as line ")) {
                repeated.add(Integer.parseInt(l.substring(l.lastIndexOf("line ") + 5, l.lastIndexOf(','))));
            }
        }
        Set<Long> opted = new HashSet<>();
        int severalLines = 0, oneLine = 0;
        for (String row : plain.contacts) {
            String[] f = row.split("\\|");
            boolean again = repeated.contains(Integer.parseInt(f[1]));
            if (again ? severalLines++ < 3 : oneLine++ < 1) opted.add(Long.parseLong(f[0]));
        }
        opted.add(19995550100L);
        return opted;
    }

    @Test
    void everyRowEndsWhereTheRulesPutItJudgedInMemoryOrByPostgres() {
        Set<Long> opted = optOuts();
        db.useHandle(h -> {
            for (long phone : opted) {
                h.execute("INSERT INTO opt_outs VALUES (?, ?, 'api', now())", org, phone);
            }
        });
        Expected expected = generate(opted);
        assertTrue(expected.optedOut >= 7, "three opted-out numbers on two lines or more, one on one line");
        for (int room : new int[] {ContactLoader.NUMBERS_JUDGED_IN_MEMORY, 50}) {
            long key = newList();
            ContactLoader loader = new ContactLoader(new PhoneNormalizer(List.of("US", "CA")), room);
            MergeTags tags = new MergeTags(Map.of("first_name", "Name"), List.of(new MergeTags.CustomField("Ward", "ward")));
            ImportCounts counts = db.inTransaction(h -> loader.load(h, key, org, "Phone", tags,
                    new ByteArrayInputStream(expected.csv.toString().getBytes(StandardCharsets.UTF_8)), rows -> { }));
            String how = "room for " + room + " numbers";
            int clean = ROWS - expected.bad - expected.duplicates - expected.optedOut;
            assertEquals(new ImportCounts(ROWS, ROWS - expected.bad, clean, expected.duplicates, expected.bad,
                    expected.optedOut), counts, how);
            List<String> contacts = db.withHandle(h -> h.createQuery("SELECT phone || '|' || line_no || '|' || first_name "
                            + "|| '|' || phone_raw || '|' || custom[1] FROM contacts WHERE list_key = :key")
                    .bind("key", key).mapTo(String.class).list());
            contacts.sort(null);
            assertEquals(expected.contacts, contacts, how);
            String report = new String(db.withHandle(h -> RejectedRows.csv(h, key)), StandardCharsets.UTF_8);
            assertEquals(expected.rejects.toString(), report, how);
        }
    }

    static long newList() {
        return db.withHandle(h -> h.createQuery("""
                INSERT INTO contact_lists (id, organization_id, name, source, phone_column, merge_tags, custom_tags,
                                           imported_via_api, status, created_at, updated_at)
                VALUES (:id, :org, 'Loader test', 'https://example.org/voters.csv', 'Phone', '{}', '{ward}', true,
                        'processing', :now, :now)
                RETURNING list_key""")
                .bind("id", "cl_test" + System.nanoTime()).bind("org", org).bind("now", Instant.now())
                .mapTo(Long.class).one());
    }
}
