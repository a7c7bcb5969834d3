//! The learner's side of the appraisal round trip: which bundles were exported (and which
//! version of each entry they held), importing the review an appraiser sends back, and showing
//! its comments and sign-off on the entries. A review is accepted only for a bundle exported
//! from this portfolio, unchanged; anything else is refused whole.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::signing::status_of;
use super::{timestamp, Result, Store, StoreError};
use crate::review::{read_review, SignOffOutcome};
use crate::signing::{PublicKey, SignatureStatus, Signer};

/// An entry as shared in a bundle: its stable id and the version sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedEntry {
    pub uid: String,
    pub version: u32,
}

/// A review imported back, as the learner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewView {
    #[ts(type = "number")]
    pub id: i64,
    pub bundle_id: String,
    /// When the bundle was exported.
    pub exported_at: String,
    pub reviewer_name: String,
    pub reviewer_role: String,
    pub summary: String,
    pub reviewed_at: String,
    pub sign_off: Option<SignOffView>,
    pub comments: u32,
    pub imported_at: String,
    /// Who signed the review file, and whether the learner trusts that key (as of now).
    pub signature: SignatureStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignOffView {
    pub outcome: SignOffOutcome,
    pub outcome_label: String,
    pub name: String,
    pub role: String,
    pub date: String,
}

/// An appraiser's comment on one entry, with the version it was about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryComment {
    #[ts(type = "number")]
    pub review_id: i64,
    pub reviewer_name: String,
    pub reviewer_role: String,
    pub reviewed_at: String,
    /// The entry's version in the bundle: later edits are newer versions, and this one
    /// stays viewable.
    pub entry_version: u32,
    pub comment: String,
    pub sign_off: Option<SignOffView>,
}

fn sign_off(
    outcome: Option<String>,
    name: Option<String>,
    role: Option<String>,
    date: Option<String>,
) -> Option<SignOffView> {
    let outcome = SignOffOutcome::parse(&outcome?)?;
    Some(SignOffView {
        outcome,
        outcome_label: outcome.label().into(),
        name: name.unwrap_or_default(),
        role: role.unwrap_or_default(),
        date: date.unwrap_or_default(),
    })
}

impl Store {
    /// Records a bundle written from this portfolio, so a review of it can come back.
    pub fn record_export(
        &self,
        bundle_id: &str,
        manifest_sha256: &str,
        file_name: &str,
        entries: &[SharedEntry],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let json = serde_json::to_string(entries)
            .map_err(|e| StoreError::Invalid(format!("the export cannot be recorded: {e}")))?;
        self.writer().execute(
            "INSERT INTO bundle_exports (bundle_id, manifest_sha256, created_at, file_name, entries_json)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![bundle_id, manifest_sha256, timestamp(now), file_name, json],
        )?;
        Ok(())
    }

    /// Imports a review file's bytes. Refused whole, with the reason, when the file is not a
    /// review, names a bundle not exported from here or a changed copy of one, comments on
    /// something the bundle did not hold, or was imported before.
    pub fn import_review(&self, bytes: &[u8], now: DateTime<Utc>) -> Result<ReviewView> {
        self.review_in_transaction(bytes, now, true)
    }

    /// What importing a review file would give, with every check the import makes, and
    /// nothing kept: for a file opened from the file manager, shown before the learner
    /// confirms.
    pub fn preview_review(&self, bytes: &[u8], now: DateTime<Utc>) -> Result<ReviewView> {
        self.review_in_transaction(bytes, now, false)
    }

    /// Checks and inserts the review in one transaction, committed only when `keep`: the
    /// preview and the import cannot disagree.
    fn review_in_transaction(
        &self,
        bytes: &[u8],
        now: DateTime<Utc>,
        keep: bool,
    ) -> Result<ReviewView> {
        let read = read_review(bytes).map_err(|why| {
            StoreError::Invalid(format!("This review cannot be imported: {why}."))
        })?;
        let review = read.review;
        let signed = signed_by(read.signer.as_ref());
        let file_sha = hex::encode(Sha256::digest(bytes));
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let export: Option<(String, String)> = tx
            .query_row(
                "SELECT manifest_sha256, entries_json FROM bundle_exports WHERE bundle_id = ?1",
                [&review.bundle_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((manifest_sha256, entries_json)) = export else {
            return Err(StoreError::Conflict(format!(
                "This review is for a bundle that was not exported from this portfolio (bundle {}).{signed} \
                 Check you chose the review of your own bundle; nothing was changed.",
                review.bundle_id
            )));
        };
        if manifest_sha256 != review.manifest_sha256 {
            return Err(StoreError::Conflict(format!(
                "This review is for a changed copy of your bundle: its contents do not match what \
                 you exported.{signed} Ask the appraiser to review the bundle exactly as you sent it; \
                 nothing was changed."
            )));
        }
        let shared: Vec<SharedEntry> = serde_json::from_str(&entries_json).unwrap_or_default();
        if let Some(stray) = review.comments.iter().find(|c| {
            !shared
                .iter()
                .any(|s| s.uid == c.entry_uid && s.version == c.entry_version)
        }) {
            return Err(StoreError::Conflict(format!(
                "This review comments on an entry the bundle did not hold (entry {} version {}), \
                 so it may have been altered. Ask the appraiser to save it again; nothing was changed.",
                stray.entry_uid, stray.entry_version
            )));
        }
        let already = tx
            .query_row(
                "SELECT 1 FROM reviews WHERE file_sha256 = ?1",
                [&file_sha],
                |_| Ok(()),
            )
            .optional()?;
        if already.is_some() {
            return Err(StoreError::Conflict(
                "This review has already been imported; its comments are on your entries.".into(),
            ));
        }
        let so = review.sign_off.as_ref();
        tx.execute(
            "INSERT INTO reviews (bundle_id, file_sha256, reviewer_name, reviewer_role, summary,
                                  reviewed_at, outcome, signed_name, signed_role, signed_date, imported_at,
                                  signer_key, signer_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                review.bundle_id,
                file_sha,
                review.reviewer.name.trim(),
                review.reviewer.role.trim(),
                review.summary,
                review.created_at,
                so.map(|s| s.outcome.as_str()),
                so.map(|s| s.name.trim()),
                so.map(|s| s.role.trim()),
                so.map(|s| s.date.as_str()),
                timestamp(now),
                read.signer.as_ref().map(|s| s.key.key_base64()),
                read.signer.as_ref().map(|s| s.name().to_owned()),
            ],
        )?;
        let id = tx.last_insert_rowid();
        for (position, c) in review.comments.iter().enumerate() {
            tx.execute(
                "INSERT INTO review_comments (review_id, position, entry_uid, entry_version, comment)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, position as i64, c.entry_uid, c.entry_version, c.comment],
            )?;
        }
        let view = review_views(&tx, Some(id))?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("review {id}")))?;
        if keep {
            tx.commit()?;
        }
        Ok(view)
    }

    /// Every imported review, newest first.
    pub fn reviews(&self) -> Result<Vec<ReviewView>> {
        review_views(&self.reader(), None)
    }

    /// The appraisers' comments on one entry, newest review first.
    pub fn entry_comments(&self, entry_id: i64) -> Result<Vec<EntryComment>> {
        let conn = self.reader();
        let uid: String = conn
            .query_row("SELECT uid FROM entries WHERE id = ?1", [entry_id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("entry {entry_id}")))?;
        let mut statement = conn.prepare(
            "SELECT r.id, r.reviewer_name, r.reviewer_role, r.reviewed_at, c.entry_version, c.comment,
                    r.outcome, r.signed_name, r.signed_role, r.signed_date
             FROM review_comments c JOIN reviews r ON r.id = c.review_id
             WHERE c.entry_uid = ?1 ORDER BY r.imported_at DESC, c.position",
        )?;
        let comments = statement
            .query_map([uid], |r| {
                Ok(EntryComment {
                    review_id: r.get(0)?,
                    reviewer_name: r.get(1)?,
                    reviewer_role: r.get(2)?,
                    reviewed_at: r.get(3)?,
                    entry_version: r.get(4)?,
                    comment: r.get(5)?,
                    sign_off: sign_off(r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(comments)
    }

    /// Keeps an appraiser's review in progress of someone else's bundle (the review page's
    /// own JSON), apart from their own portfolio.
    pub fn keep_review_draft(
        &self,
        bundle_id: &str,
        manifest_sha256: &str,
        json: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if json.len() > crate::review::MAX_REVIEW_BYTES {
            return Err(StoreError::Invalid(
                "the review is too long to keep; shorten the comments".into(),
            ));
        }
        self.writer().execute(
            "INSERT INTO review_drafts (bundle_id, manifest_sha256, draft_json, updated_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (bundle_id, manifest_sha256) DO UPDATE
             SET draft_json = excluded.draft_json, updated_at = excluded.updated_at",
            params![bundle_id, manifest_sha256, json, timestamp(now)],
        )?;
        Ok(())
    }

    pub fn review_draft(&self, bundle_id: &str, manifest_sha256: &str) -> Result<Option<String>> {
        Ok(self
            .reader()
            .query_row(
                "SELECT draft_json FROM review_drafts WHERE bundle_id = ?1 AND manifest_sha256 = ?2",
                params![bundle_id, manifest_sha256],
                |r| r.get(0),
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests;

/// Imported reviews, newest first: all of them, or the one with `only` as its id.
fn review_views(conn: &rusqlite::Connection, only: Option<i64>) -> Result<Vec<ReviewView>> {
    let mut statement = conn.prepare(
        "SELECT r.id, r.bundle_id, b.created_at, r.reviewer_name, r.reviewer_role, r.summary,
                r.reviewed_at, r.outcome, r.signed_name, r.signed_role, r.signed_date,
                (SELECT count(*) FROM review_comments c WHERE c.review_id = r.id), r.imported_at,
                r.signer_key, r.signer_name
         FROM reviews r JOIN bundle_exports b ON b.bundle_id = r.bundle_id
         WHERE ?1 IS NULL OR r.id = ?1
         ORDER BY r.imported_at DESC, r.id DESC",
    )?;
    let rows = statement
        .query_map([only], |r| {
            let signer: (Option<String>, Option<String>) = (r.get(13)?, r.get(14)?);
            let view = ReviewView {
                id: r.get(0)?,
                bundle_id: r.get(1)?,
                exported_at: r.get(2)?,
                reviewer_name: r.get(3)?,
                reviewer_role: r.get(4)?,
                summary: r.get(5)?,
                reviewed_at: r.get(6)?,
                sign_off: sign_off(r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?),
                comments: r.get(11)?,
                imported_at: r.get(12)?,
                signature: SignatureStatus::NotSigned,
            };
            Ok((view, signer))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(mut view, signer)| {
            let key = match signer {
                (Some(key), Some(name)) => {
                    Some(PublicKey::from_base64(&name, &key).map_err(|e| {
                        StoreError::Invalid(format!("a stored review signer is damaged: {e}"))
                    })?)
                }
                _ => None,
            };
            view.signature = status_of(conn, key.as_ref())?;
            Ok(view)
        })
        .collect()
}

/// A sentence for a refusal of a signed review: its signature holds, so the appraiser did
/// sign it, but for another bundle. Empty for an unsigned review.
fn signed_by(signer: Option<&Signer>) -> String {
    signer.map_or_else(String::new, |s| {
        format!(
            " It is signed by {} (fingerprint {}), and the signature holds, but what it signs is \
             a review of that bundle, not of yours: a signature never carries over to another bundle.",
            s.name(),
            s.fingerprint()
        )
    })
}
