-- Every request checks whether its key's organization or an ancestor is suspended; only the
-- few suspended rows are indexed, so the check stays one small index scan.
CREATE INDEX organizations_suspended ON organizations (path) WHERE status = 'suspended';
