//! Importing packs from other people, listing what is installed, removing a pack, and
//! serving a pack's images. An import is decided and written in one transaction, so what the
//! learner confirmed is what happens.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::write_pack;
use crate::frameworks::UpgradePlan;
use crate::packs::installed::{ImportAction, ImportPreview, InstalledPack};
use crate::packs::Pack;
use crate::signing::{SignatureStatus, SignerChange};
use crate::store::frameworks::write_framework;
use crate::store::signing::{change_refusal, pack_status, record_pack_signer, signer_change};
use crate::store::{disk_full, timestamp, InstallOutcome, Result, Store, StoreError};

/// What an import did: the decision it acted on (as the preview describes it) and what was
/// written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub preview: ImportPreview,
    pub outcome: InstallOutcome,
}

/// The built-in curriculum's id: no imported pack may take it.
pub const BUILTIN_PACK_ID: &str = "ward-to-board.core";

impl Store {
    /// What importing `pack` would do, without writing anything.
    pub fn preview_import(&self, pack: &Pack) -> Result<ImportPreview> {
        let (action, signing) = {
            let conn = self.reader();
            (decide(&conn, pack)?, signing(&conn, pack)?)
        };
        let frameworks = self.pack_framework_plans(pack)?;
        Ok(preview(pack, action, frameworks, signing))
    }

    /// What installing each framework `pack` carries will do; refused as the pack's own
    /// problem, naming the framework, when one cannot be installed.
    fn pack_framework_plans(&self, pack: &Pack) -> Result<Vec<UpgradePlan>> {
        pack.frameworks
            .iter()
            .map(|fw| {
                self.plan_framework(fw).map_err(|e| match e {
                    StoreError::Conflict(why) => StoreError::Conflict(format!(
                        "the pack carries the framework `{}`, which cannot be installed: {why}",
                        fw.id
                    )),
                    other => other,
                })
            })
            .collect()
    }

    /// Imports a checked pack. An older version than the one installed needs
    /// `allow_downgrade`; a pack that would take over the built-in curriculum or another
    /// publisher's pack is refused. Nothing is written unless the whole import succeeds.
    pub fn import_pack(
        &self,
        pack: &Pack,
        allow_downgrade: bool,
        now: DateTime<Utc>,
    ) -> Result<Imported> {
        let consent = ImportConsent {
            allow_downgrade,
            accept_new_signer: false,
        };
        self.import_pack_with(pack, consent, now)
    }

    /// [`Store::import_pack`], with what the learner confirmed: an older version, and an
    /// update signed differently from the installed version (see [`ImportPreview`]'s
    /// `signer_change`), which is refused unless confirmed.
    pub fn import_pack_with(
        &self,
        pack: &Pack,
        consent: ImportConsent,
        now: DateTime<Utc>,
    ) -> Result<Imported> {
        // A full disk stops the transaction, which SQLite rolls back: say so plainly.
        self.write_import(pack, consent, now)
            .map_err(|e| disk_full(e, "the pack was not installed"))
    }

    fn write_import(
        &self,
        pack: &Pack,
        consent: ImportConsent,
        now: DateTime<Utc>,
    ) -> Result<Imported> {
        let allow_downgrade = consent.allow_downgrade;
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let action = decide(&tx, pack)?;
        let signing = signing(&tx, pack)?;
        if let (Some(change), false) = (&signing.1, consent.accept_new_signer) {
            if !matches!(action, ImportAction::Refused { .. }) {
                return Err(change_refusal(pack, change));
            }
        }
        match &action {
            ImportAction::Refused { reason } => return Err(StoreError::Conflict(reason.clone())),
            ImportAction::Downgrade { from } if !allow_downgrade => {
                return Err(StoreError::Conflict(format!(
                    "version {from} of `{}` is installed and this file holds the older version {}. \
                     Confirm to install the older version.",
                    pack.manifest.id, pack.manifest.version
                )))
            }
            _ => {}
        }
        let plans = self.pack_framework_plans(pack)?;
        let installed = self.frameworks();
        let from = format!("pack {} {}", pack.manifest.id, pack.manifest.version);
        for (fw, plan) in pack.frameworks.iter().zip(&plans) {
            if !plan.unchanged {
                let current = installed.iter().find(|f| f.id == fw.id);
                write_framework(&tx, current, fw, plan, &from, now)?;
            }
        }
        let outcome = write_pack(&tx, pack, false, &timestamp(now))?;
        record_pack_signer(&tx, pack)?;
        tx.commit()?;
        drop(conn);
        self.reload_frameworks()?;
        Ok(Imported {
            preview: preview(pack, action, plans, signing),
            outcome,
        })
    }

    pub fn installed_packs(&self) -> Result<Vec<InstalledPack>> {
        let conn = self.reader();
        let mut query = conn.prepare(
            "SELECT p.id, p.title, p.publisher, p.version, p.licence, p.builtin, p.installed_at, p.updated_at,
                    (SELECT COUNT(*) FROM modules m WHERE m.pack_id = p.id),
                    (SELECT COUNT(*) FROM lessons l WHERE l.pack_id = p.id AND l.archived = 0)
             FROM packs p ORDER BY p.position, p.title",
        )?;
        let packs = query
            .query_map([], |r| {
                Ok(InstalledPack {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    publisher: r.get(2)?,
                    version: r.get(3)?,
                    licence: r.get(4)?,
                    builtin: r.get(5)?,
                    installed_at: r.get(6)?,
                    updated_at: r.get(7)?,
                    modules: r.get(8)?,
                    lessons: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(packs)
    }

    /// Removes an imported pack and its lessons. The learner's progress in it is kept, so
    /// importing the pack again brings it back.
    pub fn remove_pack(&self, pack_id: &str) -> Result<()> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let builtin: Option<bool> = tx
            .query_row("SELECT builtin FROM packs WHERE id = ?1", [pack_id], |r| {
                r.get(0)
            })
            .optional()?;
        match builtin {
            None => return Err(StoreError::NotFound(format!("pack `{pack_id}`"))),
            Some(true) => {
                return Err(StoreError::Conflict(
                    "the built-in curriculum is part of the app and cannot be removed".into(),
                ))
            }
            Some(false) => {}
        }
        tx.execute("DELETE FROM packs WHERE id = ?1", [pack_id])?;
        tx.execute("DELETE FROM lesson_search WHERE pack_id = ?1", [pack_id])?;
        tx.commit()?;
        Ok(())
    }

    /// An image of an installed pack: its media type and bytes.
    pub fn pack_asset(&self, pack_id: &str, path: &str) -> Result<Option<(String, Vec<u8>)>> {
        Ok(self
            .reader()
            .query_row(
                "SELECT media_type, bytes FROM pack_assets WHERE pack_id = ?1 AND path = ?2",
                params![pack_id, path],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }
}

/// What importing `pack` would do. Runs inside the import's own transaction, so the decision
/// and the write see the same state.
fn decide(conn: &Connection, pack: &Pack) -> Result<ImportAction> {
    let m = &pack.manifest;
    if m.id == BUILTIN_PACK_ID {
        return Ok(ImportAction::Refused {
            reason: format!("`{BUILTIN_PACK_ID}` is the id of the curriculum built into the app; a pack file cannot replace it"),
        });
    }
    let installed: Option<(String, String, String, bool)> = conn
        .query_row(
            "SELECT version, publisher, content_sha256, builtin FROM packs WHERE id = ?1",
            [&m.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((version, publisher, digest, builtin)) = installed else {
        return Ok(ImportAction::Install);
    };
    if builtin || publisher != m.publisher {
        return Ok(ImportAction::Refused {
            reason: format!(
                "a pack with the id `{}` from {publisher} is already installed, and this file says it is from {}. \
                 A pack cannot take over another publisher's pack: ask the publisher to check the pack's id.",
                m.id, m.publisher
            ),
        });
    }
    let parse = |v: &str| semver::Version::parse(v).ok();
    Ok(match (parse(&version), parse(&m.version)) {
        (Some(old), Some(new)) if new > old => ImportAction::Upgrade { from: version },
        (Some(old), Some(new)) if new < old => ImportAction::Downgrade { from: version },
        _ => ImportAction::Reinstall {
            unchanged: digest == pack.content_sha256,
        },
    })
}

/// What the learner confirmed when they chose to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportConsent {
    pub allow_downgrade: bool,
    /// The update is signed differently from the installed version, and the learner read the
    /// warning and still wants it.
    pub accept_new_signer: bool,
}

/// Who signed the pack as this learner sees it, and how that differs from the installed
/// version.
fn signing(conn: &Connection, pack: &Pack) -> Result<(SignatureStatus, Option<SignerChange>)> {
    Ok((pack_status(conn, pack)?, signer_change(conn, pack)?))
}

fn preview(
    pack: &Pack,
    action: ImportAction,
    frameworks: Vec<UpgradePlan>,
    (signature, signer_change): (SignatureStatus, Option<SignerChange>),
) -> ImportPreview {
    let m = &pack.manifest;
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    ImportPreview {
        id: m.id.clone(),
        title: m.title.clone(),
        publisher: m.publisher.clone(),
        version: m.version.clone(),
        modules: count(pack.modules.len()),
        lessons: count(pack.modules.iter().map(|md| md.lessons.len()).sum()),
        warnings: pack.warnings.iter().map(ToString::to_string).collect(),
        action,
        frameworks,
        signature,
        signer_change,
    }
}

#[cfg(test)]
mod tests;
