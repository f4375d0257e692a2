package org.civicast.congress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.postgresql.PGConnection;

/**
 * SQL for the congress tables. An import empties a table with DELETE, not TRUNCATE: TRUNCATE
 * would lock readers out until the import commits, where DELETE lets them read the old rows.
 */
final class CongressStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<ContactForm.Field>> FIELDS = new TypeReference<>() {};

    /** Imports (and the first-start load) take turns, whichever instance runs them. */
    static void lockImports(Handle h) {
        h.execute("SELECT pg_advisory_xact_lock(hashtext('civicast.congress.import'))");
    }

    static void replaceMembers(Handle h, List<Member> members) {
        h.execute("DELETE FROM congress_members");
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO congress_members (bioguide, first_name, last_name, official_full_name, chamber, state,
                    district, party, senate_class, state_rank, office_code, phone, address, url, contact_form_url)
                VALUES (:bioguide, :first, :last, :full, :chamber, :state, :district, :party, :class, :rank,
                    :office, :phone, :address, :url, :form)""");
        for (Member m : members) {
            batch.bind("bioguide", m.bioguide()).bind("first", m.firstName()).bind("last", m.lastName())
                    .bind("full", m.officialFullName()).bind("chamber", m.chamber().wireName())
                    .bind("state", m.state()).bind("district", m.district()).bind("party", m.party())
                    .bind("class", m.senateClass()).bind("rank", m.stateRank()).bind("office", m.officeCode())
                    .bind("phone", m.phone()).bind("address", m.address()).bind("url", m.url())
                    .bind("form", m.contactFormUrl()).add();
        }
        if (!members.isEmpty()) batch.execute();
    }

    static void replaceDistrictOffices(Handle h, Map<String, List<DistrictOffice>> byBioguide) {
        h.execute("DELETE FROM congress_district_offices");
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO congress_district_offices (bioguide, position, office_id, address, suite, building,
                    city, state, zip, phone, fax, latitude, longitude)
                VALUES (:bioguide, :position, :id, :address, :suite, :building, :city, :state, :zip, :phone, :fax,
                    :latitude, :longitude)""");
        int rows = 0;
        for (Map.Entry<String, List<DistrictOffice>> member : byBioguide.entrySet()) {
            int position = 0;
            for (DistrictOffice o : member.getValue()) {
                batch.bind("bioguide", member.getKey()).bind("position", position++).bind("id", o.id())
                        .bind("address", o.address()).bind("suite", o.suite()).bind("building", o.building())
                        .bind("city", o.city()).bind("state", o.state()).bind("zip", o.zip())
                        .bind("phone", o.phone()).bind("fax", o.fax()).bind("latitude", o.latitude())
                        .bind("longitude", o.longitude()).add();
                rows++;
            }
        }
        if (rows > 0) batch.execute();
    }

    static void replaceSocialAccounts(Handle h, Map<String, Map<String, String>> byBioguide) {
        h.execute("DELETE FROM congress_social_accounts");
        PreparedBatch batch = h.prepareBatch(
                "INSERT INTO congress_social_accounts (bioguide, service, account) VALUES (:bioguide, :service, :account)");
        int rows = 0;
        for (Map.Entry<String, Map<String, String>> member : byBioguide.entrySet()) {
            for (Map.Entry<String, String> account : member.getValue().entrySet()) {
                batch.bind("bioguide", member.getKey()).bind("service", account.getKey())
                        .bind("account", account.getValue()).add();
                rows++;
            }
        }
        if (rows > 0) batch.execute();
    }

    /** COPY rather than INSERT: the national table is some 42,000 rows. */
    static void replaceZctaDistricts(Handle h, Collection<ZctaFiles.Row> rows) {
        h.execute("DELETE FROM congress_zcta_districts");
        StringBuilder text = new StringBuilder(rows.size() * 12);
        for (ZctaFiles.Row r : rows) text.append(r.zcta()).append('\t').append(r.state()).append('\t').append(r.district()).append('\n');
        try {
            h.getConnection().unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY congress_zcta_districts (zcta, state, district) FROM STDIN", new StringReader(text.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("copying ZCTA districts failed: " + e.getMessage(), e);
        }
    }

    static void replaceContactForms(Handle h, List<ContactForm> forms) {
        h.execute("DELETE FROM congress_contact_forms");
        upsertContactForms(h, forms);
    }

    static void upsertContactForms(Handle h, List<ContactForm> forms) {
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO congress_contact_forms (bioguide, method, action, through_cwc, captcha, fields)
                VALUES (:bioguide, :method, :action, :cwc, :captcha, CAST(:fields AS jsonb))
                ON CONFLICT (bioguide) DO UPDATE SET method = EXCLUDED.method, action = EXCLUDED.action,
                    through_cwc = EXCLUDED.through_cwc, captcha = EXCLUDED.captcha, fields = EXCLUDED.fields""");
        for (ContactForm f : forms) {
            batch.bind("bioguide", f.bioguide()).bind("method", f.method()).bind("action", f.action())
                    .bind("cwc", f.throughCwc()).bind("captcha", f.captcha()).bind("fields", json(f.fields())).add();
        }
        if (!forms.isEmpty()) batch.execute();
    }

    static int countContactForms(Handle h) {
        return h.createQuery("SELECT count(*) FROM congress_contact_forms").mapTo(Integer.class).one();
    }

    static void recordImport(Handle h, ImportKind kind, String source, int rows, List<String> skipped, Instant at) {
        h.createUpdate("""
                INSERT INTO congress_imports (kind, source, imported_at, row_count, skipped, generation)
                VALUES (:kind, :source, :at, :rows, :skipped, nextval('congress_import_generation'))
                ON CONFLICT (kind) DO UPDATE SET source = EXCLUDED.source, imported_at = EXCLUDED.imported_at,
                    row_count = EXCLUDED.row_count, skipped = EXCLUDED.skipped, generation = EXCLUDED.generation""")
                .bind("kind", kind.wireName()).bind("source", source).bind("at", at).bind("rows", rows)
                .bindArray("skipped", String.class, skipped)
                .execute();
    }

    static Map<ImportKind, ImportStatus> imports(Handle h) {
        Map<ImportKind, ImportStatus> imports = new EnumMap<>(ImportKind.class);
        h.createQuery("SELECT * FROM congress_imports").map((rs, ctx) -> new ImportStatus(
                        ImportKind.fromWireName(rs.getString("kind")), rs.getString("source"),
                        Sql.instant(rs, "imported_at"), rs.getInt("row_count"),
                        Arrays.asList((String[]) rs.getArray("skipped").getArray()), rs.getLong("generation")))
                .forEach(s -> imports.put(s.kind(), s));
        return imports;
    }

    /** The newest import's generation: one tiny read that tells an instance its snapshot is current. */
    static long generation(Handle h) {
        return h.createQuery("SELECT coalesce(max(generation), 0) FROM congress_imports").mapTo(Long.class).one();
    }

    static List<Member> members(Handle h) {
        Map<String, List<DistrictOffice>> offices = new HashMap<>();
        h.createQuery("SELECT * FROM congress_district_offices ORDER BY bioguide, position")
                .map((rs, ctx) -> Map.entry(rs.getString("bioguide"), new DistrictOffice(rs.getString("office_id"),
                        rs.getString("address"), rs.getString("suite"), rs.getString("building"), rs.getString("city"),
                        rs.getString("state"), rs.getString("zip"), rs.getString("phone"), rs.getString("fax"),
                        rs.getObject("latitude", Double.class), rs.getObject("longitude", Double.class))))
                .forEach(e -> offices.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<String, Map<String, String>> social = new HashMap<>();
        h.createQuery("SELECT * FROM congress_social_accounts ORDER BY bioguide, service")
                .map((rs, ctx) -> List.of(rs.getString("bioguide"), rs.getString("service"), rs.getString("account")))
                .forEach(r -> social.computeIfAbsent(r.get(0), k -> new TreeMap<>()).put(r.get(1), r.get(2)));
        return h.createQuery("SELECT * FROM congress_members ORDER BY office_code")
                .map((rs, ctx) -> new Member(rs.getString("bioguide"), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getString("official_full_name"),
                        Chamber.fromWireName(rs.getString("chamber")), rs.getString("state"),
                        rs.getObject("district", Integer.class), rs.getString("party"),
                        rs.getObject("senate_class", Integer.class), rs.getString("state_rank"),
                        rs.getString("office_code"), rs.getString("phone"), rs.getString("address"),
                        rs.getString("url"), rs.getString("contact_form_url"), Map.of(), List.of()))
                .map(m -> m.withOfficesAndSocial(offices.getOrDefault(m.bioguide(), List.of()),
                        social.getOrDefault(m.bioguide(), Map.of())))
                .list();
    }

    static List<ZctaFiles.Row> zctaDistricts(Handle h) {
        return h.createQuery("SELECT zcta, state, district FROM congress_zcta_districts")
                .setFetchSize(10_000)
                .map((rs, ctx) -> new ZctaFiles.Row(rs.getString(1), rs.getString(2), rs.getInt(3)))
                .list();
    }

    static List<ContactForm> contactForms(Handle h) {
        return h.createQuery("SELECT * FROM congress_contact_forms")
                .map((rs, ctx) -> new ContactForm(rs.getString("bioguide"), rs.getString("method"),
                        rs.getString("action"), rs.getBoolean("through_cwc"), rs.getBoolean("captcha"),
                        fields(rs.getString("fields"))))
                .list();
    }

    private static String json(List<ContactForm.Field> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ContactForm.Field> fields(String json) {
        try {
            return JSON.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored contact form fields: " + e.getMessage(), e);
        }
    }

    private CongressStore() {}
}
