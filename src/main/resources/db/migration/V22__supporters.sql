-- Supporters of the advocacy API (/v3): the people an account (an organization) keeps, with their
-- addresses and phones. Owned by the advocacy supporters feature (advocacy/supporters).
CREATE TABLE supporters (
    id                text PRIMARY KEY,
    organization_id   text NOT NULL REFERENCES organizations (id),
    first_name        text,
    last_name         text,
    middle_name       text,
    suffix            text,
    prefix            text,
    email             text,
    email_optin       text NOT NULL CHECK (email_optin IN
                          ('not_collected', 'no', 'yes', 'pending', 'unsubscribed', 'spam')),
    email_status      text NOT NULL CHECK (email_status IN
                          ('unknown', 'validated', 'opened', 'hard_bounce', 'soft_bounce', 'dns_fail')),
    custom_id         text,
    join_date         date NOT NULL,
    -- The House district of the first address's ZIP code, 'NY21' or 'AK0' (at large); null when
    -- there is no ZIP code, or it spans districts or is unknown.
    congress_district text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
-- An email (in any case) and a customId each name one supporter of an organization; two
-- organizations may share them. Supporters without one are not limited.
CREATE UNIQUE INDEX supporters_email ON supporters (organization_id, lower(email));
CREATE UNIQUE INDEX supporters_custom_id ON supporters (organization_id, custom_id);
CREATE INDEX supporters_organization ON supporters (organization_id, id);
CREATE INDEX supporters_district ON supporters (organization_id, congress_district);
CREATE INDEX supporters_updated ON supporters (organization_id, updated_at);
CREATE INDEX supporters_joined ON supporters (organization_id, join_date);
CREATE INDEX supporters_last_name ON supporters (organization_id, lower(last_name));

-- Position 0 is the primary address: the district and the city, state and ZIP searches read it.
CREATE TABLE supporter_addresses (
    supporter_id text NOT NULL REFERENCES supporters (id) ON DELETE CASCADE,
    position     integer NOT NULL CHECK (position >= 0),
    address_type text NOT NULL CHECK (address_type IN ('home', 'work', 'vacation', 'school', 'unknown')),
    street1      text,
    street2      text,
    street3      text,
    city         text,
    state        text CHECK (state ~ '^[A-Z]{2}$'),
    zipcode      text CHECK (zipcode ~ '^[0-9]{5}$'),
    zipplus      text CHECK (zipplus ~ '^[0-9]{4}$'),
    PRIMARY KEY (supporter_id, position)
);
CREATE INDEX supporter_addresses_primary_zipcode ON supporter_addresses (zipcode) WHERE position = 0;
CREATE INDEX supporter_addresses_primary_city ON supporter_addresses (lower(city)) WHERE position = 0;

-- A phone may belong to one of the supporter's addresses (a home or office line).
CREATE TABLE supporter_phones (
    supporter_id     text NOT NULL REFERENCES supporters (id) ON DELETE CASCADE,
    position         integer NOT NULL CHECK (position >= 0),
    telephone        text NOT NULL,
    address_position integer,
    PRIMARY KEY (supporter_id, position),
    FOREIGN KEY (supporter_id, address_position) REFERENCES supporter_addresses (supporter_id, position)
);
