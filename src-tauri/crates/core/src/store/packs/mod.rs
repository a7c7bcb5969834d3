//! Installing curriculum packs: one transaction that replaces a pack's modules and lessons
//! while keeping the learner's progress, and archiving lessons a new version dropped.

pub(super) mod import;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::json;

use super::{timestamp, Result, Store};
use crate::packs::{builtin_pack_files, parse_pack, Pack};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstallOutcome {
    /// The same content was already installed: nothing was written.
    Unchanged,
    Installed,
    Updated,
}

impl Store {
    /// Makes sure the curriculum that ships in the binary is installed and current. Cheap when
    /// nothing changed: one digest of the embedded files and one query.
    pub fn sync_builtin_pack(&self, now: DateTime<Utc>) -> Result<InstallOutcome> {
        let files = builtin_pack_files();
        let digest = files.content_sha256();
        let installed: Option<String> = self
            .reader()
            .query_row(
                "SELECT content_sha256 FROM packs WHERE builtin = 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if installed.as_deref() == Some(digest.as_str()) {
            return Ok(InstallOutcome::Unchanged);
        }
        let pack = parse_pack(&files)?;
        self.install_pack(&pack, true, now)
    }

    /// Installs or upgrades a parsed pack in one transaction. Progress is keyed by lesson id,
    /// so it stays with every lesson that survives; lessons the pack no longer has are kept,
    /// marked archived.
    pub fn install_pack(
        &self,
        pack: &Pack,
        builtin: bool,
        now: DateTime<Utc>,
    ) -> Result<InstallOutcome> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let outcome = write_pack(&tx, pack, builtin, &timestamp(now))?;
        tx.commit()?;
        Ok(outcome)
    }
}

pub(super) fn write_pack(
    tx: &Transaction<'_>,
    pack: &Pack,
    builtin: bool,
    now: &str,
) -> Result<InstallOutcome> {
    let m = &pack.manifest;
    let existing: Option<String> = tx
        .query_row(
            "SELECT content_sha256 FROM packs WHERE id = ?1",
            [&m.id],
            |r| r.get(0),
        )
        .optional()?;
    if existing.as_deref() == Some(pack.content_sha256.as_str()) {
        return Ok(InstallOutcome::Unchanged);
    }
    let position: i64 = if builtin {
        0
    } else {
        tx.query_row(
            "SELECT COALESCE(MAX(position), 0) + 1 FROM packs",
            [],
            |r| r.get(0),
        )?
    };
    tx.execute(
        "INSERT INTO packs (id, version, title, publisher, licence, language, framework, description,
                            builtin, content_sha256, position, installed_at, updated_at, pass_mark)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)
         ON CONFLICT (id) DO UPDATE SET
            version = excluded.version, title = excluded.title, publisher = excluded.publisher,
            licence = excluded.licence, language = excluded.language, framework = excluded.framework,
            description = excluded.description, builtin = excluded.builtin,
            content_sha256 = excluded.content_sha256, updated_at = excluded.updated_at,
            pass_mark = excluded.pass_mark",
        params![
            m.id, m.version, m.title, m.publisher, m.licence, m.language, m.framework, m.description,
            builtin, pack.content_sha256, position, now, m.pass_mark
        ],
    )?;
    tx.execute("DELETE FROM modules WHERE pack_id = ?1", [&m.id])?;
    tx.execute(
        "UPDATE lessons SET archived = 1 WHERE pack_id = ?1",
        [&m.id],
    )?;
    let mut insert_module = tx.prepare(
        "INSERT INTO modules (pack_id, id, position, title, summary) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut upsert_lesson = tx.prepare(
        "INSERT INTO lessons (pack_id, id, module_id, position, title, minutes, body_md, details_json,
                              source_path, archived)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0)
         ON CONFLICT (pack_id, id) DO UPDATE SET
            module_id = excluded.module_id, position = excluded.position, title = excluded.title,
            minutes = excluded.minutes, body_md = excluded.body_md,
            details_json = excluded.details_json, source_path = excluded.source_path, archived = 0",
    )?;
    for (module_position, module) in (0_i64..).zip(&pack.modules) {
        let mm = &module.manifest;
        insert_module.execute(params![m.id, mm.id, module_position, mm.title, mm.summary])?;
        for (lesson_position, lesson) in (0_i64..).zip(&module.lessons) {
            let meta = &lesson.meta;
            let details = json!({
                "checked": meta.checked,
                "reviewBy": meta.review_by,
                "outcomes": meta.outcomes,
                "behaviours": meta.behaviours,
                "reflection": meta.reflection,
                "activity": meta.activity,
                "questions": meta.questions,
            });
            upsert_lesson.execute(params![
                m.id,
                meta.id,
                mm.id,
                lesson_position,
                meta.title,
                meta.minutes,
                lesson.body,
                details.to_string(),
                lesson.path,
            ])?;
        }
    }
    tx.execute("DELETE FROM pack_assets WHERE pack_id = ?1", [&m.id])?;
    let mut insert_asset = tx.prepare(
        "INSERT INTO pack_assets (pack_id, path, media_type, bytes) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (path, asset) in &pack.assets {
        insert_asset.execute(params![m.id, path, asset.media_type, asset.bytes])?;
    }
    super::learning::search::reindex_pack(tx, &m.id)?;
    Ok(if existing.is_some() {
        InstallOutcome::Updated
    } else {
        InstallOutcome::Installed
    })
}
