-- Signing (issue 21): the publishers whose keys the learner has chosen to trust, and the key
-- that signed each installed pack, so an update signed by a different key is caught (like
-- SSH's known hosts).

CREATE TABLE trusted_publishers (
    -- base64 of the 32-byte Ed25519 public key
    public_key TEXT PRIMARY KEY NOT NULL,
    -- the name the key carried when the learner added it
    name       TEXT NOT NULL,
    added_at   TEXT NOT NULL
) STRICT;

CREATE TABLE pack_signers (
    pack_id     TEXT PRIMARY KEY NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
    -- base64 of the key that signed the installed version, and the name it signed under
    public_key  TEXT NOT NULL,
    signer_name TEXT NOT NULL
) STRICT;
