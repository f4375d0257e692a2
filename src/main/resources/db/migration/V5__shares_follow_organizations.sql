-- A share of a phone number with an organization goes when that organization goes, so deleting an
-- (otherwise empty) organization needs nothing from the numbers feature.
ALTER TABLE phone_number_shares
    DROP CONSTRAINT phone_number_shares_organization_id_fkey,
    ADD CONSTRAINT phone_number_shares_organization_id_fkey
        FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE;
