package org.civicast.advocacy.supporters;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import org.civicast.platform.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/** SQL for the supporters, supporter_addresses and supporter_phones tables. */
final class SupporterStore {
    /** A stored supporter and the organization it belongs to. */
    record Owned(String organizationId, Supporter supporter) {}

    private static final String SELECT = """
            SELECT s.*
            FROM supporters s JOIN organizations o ON o.id = s.organization_id
            """;

    /** A search within the subtree matched by {@code :like}; each filter applies when bound to a value. */
    private static final String SEARCH = """
            FROM supporters s JOIN organizations o ON o.id = s.organization_id
            WHERE o.path LIKE :like
              AND (CAST(:email AS text) IS NULL OR lower(s.email) = lower(:email))
              AND (CAST(:firstName AS text) IS NULL OR lower(s.first_name) = lower(:firstName))
              AND (CAST(:lastName AS text) IS NULL OR lower(s.last_name) = lower(:lastName))
              AND (CAST(:customId AS text) IS NULL OR s.custom_id = :customId)
              AND (CAST(:updatedSince AS timestamptz) IS NULL OR s.updated_at >= :updatedSince)
              AND (CAST(:joinedFrom AS date) IS NULL OR s.join_date >= :joinedFrom)
              AND (CAST(:joinedTo AS date) IS NULL OR s.join_date <= :joinedTo)
              AND (CAST(:optinStatus AS text) IS NULL OR s.email_optin = :optinStatus)
              AND (CAST(:congressDistrict AS text) IS NULL OR s.congress_district = :congressDistrict)
              AND (CAST(:city AS text) IS NULL AND CAST(:state AS text) IS NULL AND CAST(:zipCode AS text) IS NULL
                   OR EXISTS (SELECT 1 FROM supporter_addresses a WHERE a.supporter_id = s.id AND a.position = 0
                                AND (CAST(:city AS text) IS NULL OR lower(a.city) = lower(:city))
                                AND (CAST(:state AS text) IS NULL OR a.state = :state)
                                AND (CAST(:zipCode AS text) IS NULL OR a.zipcode = :zipCode)))
            """;

    static long count(Handle h, String like, SupporterQuery query) {
        return h.createQuery("SELECT count(*) " + SEARCH)
                .bind("like", like)
                .bindMethods(query)
                .mapTo(Long.class)
                .one();
    }

    /** One page of a search, in id order (creation order). */
    static List<Supporter> search(Handle h, String like, SupporterQuery query, int offset, int limit) {
        List<Owned> rows = h.createQuery("SELECT s.* " + SEARCH + " ORDER BY s.id LIMIT :limit OFFSET :offset")
                .bind("like", like)
                .bindMethods(query)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> map(rs))
                .list();
        return withContacts(h, rows).stream().map(Owned::supporter).toList();
    }

    /** A supporter of an organization in the subtree matched by {@code like}. */
    static Optional<Owned> find(Handle h, String like, String id) {
        return one(h, h.createQuery(SELECT + " WHERE s.id = :id AND o.path LIKE :like")
                .bind("id", id).bind("like", like).map((rs, ctx) -> map(rs)).findOne());
    }

    /** Any supporter, whichever organization it belongs to: for callers that have scoped the id already. */
    static Optional<Owned> get(Handle h, String id) {
        return one(h, h.createQuery("SELECT s.* FROM supporters s WHERE s.id = :id")
                .bind("id", id).map((rs, ctx) -> map(rs)).findOne());
    }

    /** The organization's supporter with this email, in any case. */
    static Optional<Owned> byEmail(Handle h, String organizationId, String email) {
        return one(h, h.createQuery("SELECT s.* FROM supporters s WHERE s.organization_id = :org AND lower(s.email) = lower(:email)")
                .bind("org", organizationId).bind("email", email).map((rs, ctx) -> map(rs)).findOne());
    }

    static Optional<Owned> byCustomId(Handle h, String organizationId, String customId) {
        return one(h, h.createQuery("SELECT s.* FROM supporters s WHERE s.organization_id = :org AND s.custom_id = :customId")
                .bind("org", organizationId).bind("customId", customId).map((rs, ctx) -> map(rs)).findOne());
    }

    /** A supporter in the subtree, locked until the transaction ends. */
    static Optional<Owned> lock(Handle h, String like, String id) {
        return one(h, h.createQuery(SELECT + " WHERE s.id = :id AND o.path LIKE :like FOR NO KEY UPDATE OF s")
                .bind("id", id).bind("like", like).map((rs, ctx) -> map(rs)).findOne());
    }

    /** The organization's supporter with this email, locked until the transaction ends. */
    static Optional<Owned> lockByEmail(Handle h, String organizationId, String email) {
        return one(h, h.createQuery("""
                SELECT s.* FROM supporters s WHERE s.organization_id = :org AND lower(s.email) = lower(:email)
                FOR NO KEY UPDATE""")
                .bind("org", organizationId).bind("email", email).map((rs, ctx) -> map(rs)).findOne());
    }

    private static final String INSERT_ROW = """
            INSERT INTO supporters (id, organization_id, first_name, last_name, middle_name, suffix, prefix,
              email, email_optin, email_status, custom_id, join_date, congress_district, created_at, updated_at)
            """;
    private static final String ROW_VALUES = """
            :id, :organizationId, :firstName, :lastName, :middleName, :suffix, :prefix,
              :email, :emailOptin, :emailStatus, :customId, :joinDate, :district, :now, :now
            """;
    /** The addresses and phones of the row that CTE {@code s} inserted, if it did. */
    private static final String INSERT_CONTACTS = """
            a AS (
              INSERT INTO supporter_addresses (supporter_id, position, address_type, street1, street2, street3,
                city, state, zipcode, zipplus)
              SELECT s.id, a.ord - 1, a.address_type, a.street1, a.street2, a.street3, a.city, a.state,
                a.zipcode, a.zipplus
              FROM s, unnest(:aTypes, :aStreet1, :aStreet2, :aStreet3, :aCities, :aStates, :aZipcodes, :aZipplus)
                WITH ORDINALITY AS a(address_type, street1, street2, street3, city, state, zipcode, zipplus, ord)),
            p AS (
              INSERT INTO supporter_phones (supporter_id, position, telephone, address_position)
              SELECT s.id, p.ord - 1, p.telephone, p.address_position
              FROM s, unnest(:pTelephones, :pAddresses) WITH ORDINALITY AS p(telephone, address_position, ord))
            """;

    /**
     * Inserts a supporter with its addresses and phones, unless the organization already has one
     * with its email (then nothing is written, and false answered). A taken customId is refused
     * by the database as a unique violation.
     */
    static boolean insert(Handle h, String id, String organizationId, SupporterValues v, String district,
                          Instant now) {
        // One statement for the row and its addresses and phones: their foreign keys are checked at
        // its end, and they are written only when the row was.
        return bindRow(h.createQuery("WITH s AS (" + INSERT_ROW + "VALUES (" + ROW_VALUES + """
                ) ON CONFLICT (organization_id, lower(email)) DO NOTHING RETURNING id),
                """ + INSERT_CONTACTS + "SELECT count(*) FROM s"), id, organizationId, v, district, now)
                .mapTo(Long.class).one() == 1;
    }

    private static Query bindRow(Query insert, String id, String organizationId, SupporterValues v, String district,
                                 Instant now) {
        List<Supporter.Address> addresses = v.addresses();
        List<Supporter.Phone> phones = v.phones();
        return values(insert, v).bind("id", id)
                .bind("now", now)
                .bind("organizationId", organizationId)
                .bind("district", district)
                .bindArray("aTypes", String.class, addresses.stream().map(Supporter.Address::addressType).toList())
                .bindArray("aStreet1", String.class, addresses.stream().map(Supporter.Address::street1).toList())
                .bindArray("aStreet2", String.class, addresses.stream().map(Supporter.Address::street2).toList())
                .bindArray("aStreet3", String.class, addresses.stream().map(Supporter.Address::street3).toList())
                .bindArray("aCities", String.class, addresses.stream().map(Supporter.Address::city).toList())
                .bindArray("aStates", String.class, addresses.stream().map(Supporter.Address::state).toList())
                .bindArray("aZipcodes", String.class, addresses.stream().map(Supporter.Address::zipcode).toList())
                .bindArray("aZipplus", String.class, addresses.stream().map(Supporter.Address::zipplus).toList())
                .bindArray("pTelephones", String.class, phones.stream().map(Supporter.Phone::telephone).toList())
                .bindArray("pAddresses", Integer.class, phones.stream().map(Supporter.Phone::addressIndex).toList());
    }

    /** Writes every value of a supporter; its addresses and phones too when {@code contacts}. */
    static void update(Handle h, String id, SupporterValues v, String district, boolean contacts, Instant now) {
        values(h.createUpdate("""
                UPDATE supporters SET first_name = :firstName, last_name = :lastName, middle_name = :middleName,
                  suffix = :suffix, prefix = :prefix, email = :email, email_optin = :emailOptin,
                  email_status = :emailStatus, custom_id = :customId, join_date = :joinDate,
                  congress_district = :district, updated_at = :now
                WHERE id = :id"""), v)
                .bind("id", id)
                .bind("now", now)
                .bind("district", district)
                .execute();
        if (contacts) {
            h.createUpdate("DELETE FROM supporter_phones WHERE supporter_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM supporter_addresses WHERE supporter_id = :id").bind("id", id).execute();
            insertContacts(h, id, v);
        }
    }

    /** Binds each value by its name: {@code :firstName} … {@code :joinDate}. */
    private static <S extends SqlStatement<S>> S values(S statement, SupporterValues v) {
        return statement.bind("firstName", v.firstName())
                .bind("lastName", v.lastName())
                .bind("middleName", v.middleName())
                .bind("suffix", v.suffix())
                .bind("prefix", v.prefix())
                .bind("email", v.email())
                .bind("emailOptin", v.emailOptin())
                .bind("emailStatus", v.emailStatus())
                .bind("customId", v.customId())
                .bind("joinDate", v.joinDate());
    }

    static boolean existAt(Handle h, String organizationId) {
        return Sql.exists(h, "SELECT 1 FROM supporters WHERE organization_id = :org", "org", organizationId);
    }

    private static void insertContacts(Handle h, String id, SupporterValues v) {
        if (!v.addresses().isEmpty()) {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO supporter_addresses (supporter_id, position, address_type, street1, street2, street3,
                      city, state, zipcode, zipplus)
                    VALUES (:id, :position, :addressType, :street1, :street2, :street3, :city, :state, :zipcode,
                      :zipplus)""");
            for (int i = 0; i < v.addresses().size(); i++) {
                batch.bind("id", id).bind("position", i).bindMethods(v.addresses().get(i)).add();
            }
            batch.execute();
        }
        if (!v.phones().isEmpty()) {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO supporter_phones (supporter_id, position, telephone, address_position)
                    VALUES (:id, :position, :telephone, :addressIndex)""");
            for (int i = 0; i < v.phones().size(); i++) {
                batch.bind("id", id).bind("position", i).bindMethods(v.phones().get(i)).add();
            }
            batch.execute();
        }
    }

    private static Optional<Owned> one(Handle h, Optional<Owned> row) {
        return row.map(r -> withContacts(h, List.of(r)).getFirst());
    }

    /** The rows with their addresses and phones, read in two statements for the whole list. */
    private static List<Owned> withContacts(Handle h, List<Owned> rows) {
        if (rows.isEmpty()) return rows;
        List<String> ids = rows.stream().map(r -> r.supporter().id()).toList();
        Map<String, List<Supporter.Address>> addresses = h.createQuery("""
                SELECT * FROM supporter_addresses WHERE supporter_id = ANY(:ids) ORDER BY supporter_id, position""")
                .bindArray("ids", String.class, ids)
                .map((rs, ctx) -> Map.entry(rs.getString("supporter_id"), new Supporter.Address(
                        rs.getString("address_type"), rs.getString("street1"), rs.getString("street2"),
                        rs.getString("street3"), rs.getString("city"), rs.getString("state"), rs.getString("zipcode"),
                        rs.getString("zipplus"))))
                .collect(bySupporter());
        Map<String, List<Supporter.Phone>> phones = h.createQuery("""
                SELECT * FROM supporter_phones WHERE supporter_id = ANY(:ids) ORDER BY supporter_id, position""")
                .bindArray("ids", String.class, ids)
                .map((rs, ctx) -> Map.entry(rs.getString("supporter_id"), new Supporter.Phone(
                        rs.getString("telephone"), rs.getObject("address_position", Integer.class))))
                .collect(bySupporter());
        return rows.stream().map(r -> {
            Supporter s = r.supporter();
            return new Owned(r.organizationId(), new Supporter(s.id(), s.firstName(), s.lastName(), s.middleName(),
                    s.suffix(), s.prefix(), s.email(), s.emailOptin(), s.emailStatus(), s.customId(),
                    List.copyOf(addresses.getOrDefault(s.id(), List.of())),
                    List.copyOf(phones.getOrDefault(s.id(), List.of())), s.congressDistrict(), s.joinDate(),
                    s.createdAt(), s.updatedAt()));
        }).toList();
    }

    /** Rows of (supporter id, item) as each supporter's items, in the order read. */
    private static <T> Collector<Map.Entry<String, T>, ?, Map<String, List<T>>> bySupporter() {
        return Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList()));
    }

    /** A supporters row, its addresses and phones not yet read. */
    private static Owned map(ResultSet rs) throws SQLException {
        return new Owned(rs.getString("organization_id"), new Supporter(
                rs.getString("id"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("middle_name"),
                rs.getString("suffix"),
                rs.getString("prefix"),
                rs.getString("email"),
                rs.getString("email_optin"),
                rs.getString("email_status"),
                rs.getString("custom_id"),
                List.of(),
                List.of(),
                rs.getString("congress_district"),
                rs.getObject("join_date", java.time.LocalDate.class),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at")));
    }

    private SupporterStore() {}
}
