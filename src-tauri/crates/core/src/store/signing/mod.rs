//! The trusted publishers the learner added, and the key that signed each installed pack
//! (schema 8, `migrations/0008_signing.sql`). The rules of what a signature means live in
//! `signing/`; this module only stores and looks up.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{timestamp, Result, Store, StoreError};
use crate::packs::Pack;
use crate::signing::{
    PublicKey, SignatureStatus, Signer, SignerChange, SignerView, TrustedPublisher,
};

/// The field the "add a publisher" form shows key errors beside.
pub const KEY_FIELD: &str = "publicKey";

impl Store {
    /// Every trusted publisher, by name.
    pub fn trusted_publishers(&self) -> Result<Vec<TrustedPublisher>> {
        let conn = self.reader();
        let mut query = conn.prepare(
            "SELECT name, public_key, added_at FROM trusted_publishers ORDER BY name, public_key",
        )?;
        let rows = query
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(name, key, added_at)| {
                let key = PublicKey::from_base64(&name, &key).map_err(|e| {
                    StoreError::Invalid(format!("a stored publisher key is damaged: {e}"))
                })?;
                Ok(view(&key, added_at))
            })
            .collect()
    }

    /// Adds a publisher's key, read from its text form (a pasted line or a `.pub` file's
    /// content). A key already trusted is refused, naming who it is trusted as.
    pub fn add_trusted_publisher(
        &self,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<TrustedPublisher> {
        let key = PublicKey::parse(text)
            .map_err(|e| StoreError::field(KEY_FIELD, sentence(&e.to_string())))?;
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let existing: Option<String> = tx
            .query_row(
                "SELECT name FROM trusted_publishers WHERE public_key = ?1",
                [key.key_base64()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(name) = existing {
            return Err(StoreError::field(
                KEY_FIELD,
                format!(
                    "This key (fingerprint {}) is already trusted, as {name}",
                    key.fingerprint()
                ),
            ));
        }
        let added_at = timestamp(now);
        tx.execute(
            "INSERT INTO trusted_publishers (public_key, name, added_at) VALUES (?1, ?2, ?3)",
            params![key.key_base64(), key.name, added_at],
        )?;
        tx.commit()?;
        Ok(view(&key, added_at))
    }

    /// Whether the learner (or appraiser) trusts the key that signed a file: a bundle, a
    /// review. `None` is an unsigned file.
    pub fn signature_status(&self, signer: Option<&Signer>) -> Result<SignatureStatus> {
        status_of(&self.reader(), signer.map(|s| &s.key))
    }

    /// Stops trusting a key. Packs it signed stay installed; they show as signed by a
    /// publisher the learner has not added.
    pub fn remove_trusted_publisher(&self, public_key: &str) -> Result<()> {
        let removed = self.writer().execute(
            "DELETE FROM trusted_publishers WHERE public_key = ?1",
            [public_key],
        )?;
        if removed == 0 {
            return Err(StoreError::NotFound("that trusted publisher".into()));
        }
        Ok(())
    }
}

/// A message shown on its own in a form starts with a capital letter, as NHS forms do.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn view(key: &PublicKey, added_at: String) -> TrustedPublisher {
    TrustedPublisher {
        name: key.name.clone(),
        fingerprint: key.fingerprint(),
        public_key: key.key_base64(),
        added_at,
    }
}

/// Whether the learner trusts the key that signed `pack`.
pub(super) fn pack_status(conn: &Connection, pack: &Pack) -> Result<SignatureStatus> {
    status_of(conn, pack.signer.as_ref().map(|s| &s.key))
}

/// Whether `key` (the key a file was signed with, under the name it carried) is one the
/// person added to their trusted keys; `None` is an unsigned file.
pub(super) fn status_of(conn: &Connection, key: Option<&PublicKey>) -> Result<SignatureStatus> {
    let Some(key) = key else {
        return Ok(SignatureStatus::NotSigned);
    };
    let trusted: Option<String> = conn
        .query_row(
            "SELECT name FROM trusted_publishers WHERE public_key = ?1",
            [key.key_base64()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match trusted {
        Some(name) => SignatureStatus::Trusted {
            name,
            fingerprint: key.fingerprint(),
        },
        None => SignatureStatus::Unknown {
            claimed_name: key.name.clone(),
            fingerprint: key.fingerprint(),
        },
    })
}

/// How `pack` is signed differently from the installed version of it, if it is: another key,
/// or none where the installed version was signed. A first install, or an installed version
/// that was not signed, is no change.
pub(super) fn signer_change(conn: &Connection, pack: &Pack) -> Result<Option<SignerChange>> {
    let installed: Option<(String, String)> = conn
        .query_row(
            "SELECT public_key, signer_name FROM pack_signers WHERE pack_id = ?1",
            [&pack.manifest.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((key, name)) = installed else {
        return Ok(None);
    };
    if pack.signer.as_ref().map(|s| s.key.key_base64()) == Some(key.clone()) {
        return Ok(None);
    }
    let fingerprint = PublicKey::from_base64(&name, &key)
        .map(|k| k.fingerprint())
        .map_err(|e| StoreError::Invalid(format!("a stored pack signer is damaged: {e}")))?;
    Ok(Some(SignerChange {
        installed: SignerView { name, fingerprint },
        incoming: pack.signer.as_ref().map(|s| SignerView {
            name: s.name().to_owned(),
            fingerprint: s.fingerprint(),
        }),
    }))
}

/// Records who signed the version of `pack` just installed (or that it was not signed), in
/// the import's transaction.
pub(super) fn record_pack_signer(conn: &Connection, pack: &Pack) -> Result<()> {
    match &pack.signer {
        Some(signer) => conn.execute(
            "INSERT INTO pack_signers (pack_id, public_key, signer_name) VALUES (?1, ?2, ?3)
             ON CONFLICT (pack_id) DO UPDATE SET public_key = excluded.public_key,
                 signer_name = excluded.signer_name",
            params![pack.manifest.id, signer.key.key_base64(), signer.name()],
        )?,
        None => conn.execute(
            "DELETE FROM pack_signers WHERE pack_id = ?1",
            [&pack.manifest.id],
        )?,
    };
    Ok(())
}

/// The message when an update's signer changed and the learner has not confirmed.
pub(super) fn change_refusal(pack: &Pack, change: &SignerChange) -> StoreError {
    let incoming = match &change.incoming {
        Some(s) => format!("is signed by {} (fingerprint {})", s.name, s.fingerprint),
        None => "is not signed".to_owned(),
    };
    StoreError::Conflict(format!(
        "the installed `{}` was signed by {} (fingerprint {}), and this file {incoming}. \
         Someone may be passing off their pack as the publisher's. Check with the publisher \
         before you confirm; nothing was installed.",
        pack.manifest.id, change.installed.name, change.installed.fingerprint
    ))
}

#[cfg(test)]
mod tests;
