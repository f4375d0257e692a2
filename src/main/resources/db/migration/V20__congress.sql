-- Congress: members, their district offices and social accounts, ZCTA -> district, and the
-- contact forms of their offices. Owned by the congress feature, which serves them from memory;
-- other features ask its service and never read these tables. Each kind of data is replaced whole,
-- in one transaction, by an import (from the files shipped in the jar, a file or an https URL).

CREATE TABLE congress_members (
    bioguide           text PRIMARY KEY,
    first_name         text NOT NULL,
    last_name          text NOT NULL,
    official_full_name text,
    chamber            text NOT NULL CHECK (chamber IN ('house', 'senate')),
    state              text NOT NULL,
    -- House only; 0 is an at-large seat or a delegate.
    district           smallint CHECK (district >= 0),
    party              text,
    senate_class       smallint CHECK (senate_class BETWEEN 1 AND 3),
    state_rank         text,
    -- HVA04, HAK00, HDC00, SVT0…: one seat, one code.
    office_code        text NOT NULL UNIQUE,
    phone              text,
    address            text,
    url                text,
    contact_form_url   text
);

CREATE TABLE congress_district_offices (
    -- No foreign key: offices and members come from different files and are imported separately.
    bioguide  text NOT NULL,
    position  integer NOT NULL,
    office_id text,
    address   text,
    suite     text,
    building  text,
    city      text,
    state     text,
    zip       text,
    phone     text,
    fax       text,
    latitude  double precision,
    longitude double precision,
    PRIMARY KEY (bioguide, position)
);

CREATE TABLE congress_social_accounts (
    bioguide text NOT NULL,
    service  text NOT NULL,
    account  text NOT NULL,
    PRIMARY KEY (bioguide, service)
);

-- One row per ZCTA and district it overlaps: a ZCTA may span districts, and even states.
CREATE TABLE congress_zcta_districts (
    zcta     text NOT NULL CHECK (zcta ~ '^[0-9]{5}$'),
    state    text NOT NULL,
    district smallint NOT NULL CHECK (district >= 0),
    PRIMARY KEY (zcta, state, district)
);

-- The fields an office's web form asks for (variables such as $TOPIC, with options already
-- resolved from contact-congress's named constants), not the browser steps that fill it.
CREATE TABLE congress_contact_forms (
    bioguide    text PRIMARY KEY,
    method      text,
    action      text,
    through_cwc boolean NOT NULL,
    captcha     boolean NOT NULL,
    fields      jsonb NOT NULL
);

-- The last import of each kind. Every import takes a new generation; a server instance compares
-- the highest one with the generation of its in-memory snapshot to learn that another instance
-- (or the command line) imported newer data.
CREATE SEQUENCE congress_import_generation;

CREATE TABLE congress_imports (
    kind        text PRIMARY KEY,
    source      text NOT NULL,
    imported_at timestamptz NOT NULL,
    row_count   integer NOT NULL,
    skipped     text[] NOT NULL DEFAULT '{}',
    generation  bigint NOT NULL
);
