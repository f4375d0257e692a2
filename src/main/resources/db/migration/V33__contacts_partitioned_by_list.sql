-- Each contact list's contacts become a partition of their own, made by the import that fills it:
-- created, filled by one INSERT … SELECT without an index to update row by row, indexed in one sorted
-- pass, and attached, all in the import's transaction (on a server whose wal_level is minimal, such
-- a table is written once and synced instead of also being logged row by row). Deleting a list drops
-- its partition. Existing contacts move to partitions of their lists.
ALTER TABLE contacts RENAME TO contacts_before_partitions;
ALTER TABLE contacts_before_partitions RENAME CONSTRAINT contacts_pkey TO contacts_before_partitions_pkey;

CREATE TABLE contacts (
    list_key       bigint NOT NULL,
    phone          bigint NOT NULL,
    line_no        integer NOT NULL,
    first_name     text,
    last_name      text,
    address        text,
    address_line_2 text,
    city           text,
    state          text,
    zip            text,
    custom         text[],
    line_type      text CHECK (line_type IN ('mobile', 'landline', 'voip', 'invalid')),
    carrier        text,
    lrn            text,
    ported         boolean,
    looked_up_at   timestamptz,
    PRIMARY KEY (list_key, phone)
) PARTITION BY LIST (list_key);

DO $$
DECLARE k bigint;
BEGIN
    FOR k IN SELECT DISTINCT list_key FROM contacts_before_partitions LOOP
        EXECUTE format('CREATE TABLE contacts_%s PARTITION OF contacts FOR VALUES IN (%s)', k, k);
        EXECUTE format('INSERT INTO contacts_%s SELECT * FROM contacts_before_partitions WHERE list_key = %s', k, k);
    END LOOP;
END $$;

DROP TABLE contacts_before_partitions;
