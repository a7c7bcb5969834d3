//! Installed frameworks: the shipped ones installed on first run, and any a scheme sends;
//! kept in the database with their items, read once into a shared set every screen uses,
//! and upgraded version to version without losing a link from the learner's evidence.

mod links;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, PoisonError};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;

use super::{timestamp, Result, Store, StoreError};
use crate::frameworks::{
    builtin, content_hash, plan_upgrade, retired_after, Framework, Item, ItemIndex, RetiredItem,
    Scale, UpgradePlan,
};

/// Where the shipped frameworks say they were installed from.
pub const BUILT_IN: &str = "built in";

/// An installed framework, as the Frameworks screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InstalledFramework {
    pub id: String,
    pub version: String,
    pub title: String,
    pub publisher: String,
    pub licence: String,
    pub description: String,
    pub source: Option<String>,
    pub installed_from: String,
    pub installed_at: String,
    /// The items evidence is rated against (the leaves).
    pub items: u32,
    /// The names of the levels, top first.
    pub levels: Vec<String>,
    /// Portfolio entries (outside the bin) rated against it.
    pub entries: u32,
}

impl Store {
    /// The installed frameworks, in the order they are offered. Cheap: a shared copy, read
    /// from the database when one is installed.
    pub fn frameworks(&self) -> Arc<Vec<Framework>> {
        Arc::clone(
            &self
                .frameworks
                .read()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }

    /// Installs each shipped framework that is missing or older than the one this app
    /// carries. A newer version the learner installed themselves is kept.
    pub(super) fn sync_builtin_frameworks(&self, now: DateTime<Utc>) -> Result<()> {
        let installed = self.frameworks();
        for fw in builtin() {
            let current = installed.iter().find(|f| f.id == fw.id);
            // Missing or older: install. The same, newer, or another publisher's: keep it.
            if plan_upgrade(current, fw).is_ok_and(|p| !p.unchanged) {
                self.install_framework(fw, BUILT_IN, now)?;
            }
        }
        Ok(())
    }

    /// What installing `fw` would do, with how many entries each changed item carries; or
    /// why it cannot be installed. Nothing is written.
    pub fn plan_framework(&self, fw: &Framework) -> Result<UpgradePlan> {
        let installed = self.frameworks();
        let current = installed.iter().find(|f| f.id == fw.id);
        let mut plan =
            plan_upgrade(current, fw).map_err(|e| StoreError::Conflict(e.to_string()))?;
        let uses = entries_by_item(&self.reader(), &fw.id)?;
        for change in plan
            .renamed
            .iter_mut()
            .chain(plan.moved.iter_mut())
            .chain(plan.removed.iter_mut())
        {
            change.entries = uses.get(&change.id).copied().unwrap_or(0);
        }
        Ok(plan)
    }

    /// Installs `fw` (new, or a newer version of an installed one) in one transaction; links
    /// from entries and goals to items it `replaces` move, removed items are kept as retired.
    pub fn install_framework(
        &self,
        fw: &Framework,
        installed_from: &str,
        now: DateTime<Utc>,
    ) -> Result<UpgradePlan> {
        let plan = self.plan_framework(fw)?;
        if plan.unchanged {
            return Ok(plan);
        }
        {
            let mut conn = self.writer();
            let tx = conn.transaction()?;
            let installed = self.frameworks();
            let current = installed.iter().find(|f| f.id == fw.id);
            write_framework(&tx, current, fw, &plan, installed_from, now)?;
            tx.commit()?;
        }
        self.reload_frameworks()?;
        Ok(plan)
    }

    /// The installed frameworks with where they came from, for the Frameworks screen.
    pub fn installed_frameworks(&self) -> Result<Vec<InstalledFramework>> {
        let conn = self.reader();
        let mut statement = conn.prepare(
            "SELECT f.id, f.installed_from, f.installed_at,
                    (SELECT COUNT(DISTINCT b.entry_id) FROM entry_behaviours b
                     JOIN entries e ON e.id = b.entry_id
                     WHERE b.framework_id = f.id AND e.deleted_at IS NULL)
             FROM frameworks f ORDER BY f.position",
        )?;
        let rows: Vec<(String, String, String, u32)> = statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let all = self.frameworks();
        Ok(rows
            .into_iter()
            .filter_map(|(id, installed_from, installed_at, entries)| {
                let fw = all.iter().find(|f| f.id == id)?;
                Some(InstalledFramework {
                    id,
                    version: fw.version.clone(),
                    title: fw.title.clone(),
                    publisher: fw.publisher.clone(),
                    licence: fw.licence.clone(),
                    description: fw.description.clone(),
                    source: fw.source.clone(),
                    installed_from,
                    installed_at,
                    items: u32::try_from(fw.items().len()).unwrap_or(u32::MAX),
                    levels: fw.levels.clone(),
                    entries,
                })
            })
            .collect())
    }

    pub(super) fn reload_frameworks(&self) -> Result<()> {
        let loaded = load_frameworks(&self.reader())?;
        *self
            .frameworks
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(loaded);
        Ok(())
    }
}

/// How many entries outside the bin rate each item of `framework_id`.
fn entries_by_item(conn: &Connection, framework_id: &str) -> Result<HashMap<String, u32>> {
    let mut statement = conn.prepare(
        "SELECT b.behaviour_id, COUNT(DISTINCT b.entry_id) FROM entry_behaviours b
         JOIN entries e ON e.id = b.entry_id
         WHERE b.framework_id = ?1 AND e.deleted_at IS NULL GROUP BY b.behaviour_id",
    )?;
    let rows = statement.query_map([framework_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn json<T: Serialize>(value: &T) -> String {
    // Lists, maps and plain structs of strings and numbers always serialise.
    serde_json::to_string(value).unwrap_or_default()
}

/// Writes `fw` over `current` as `plan` says, inside the caller's transaction.
pub(crate) fn write_framework(
    tx: &Transaction<'_>,
    current: Option<&Framework>,
    fw: &Framework,
    plan: &UpgradePlan,
    installed_from: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let position: i64 = match tx
        .query_row(
            "SELECT position FROM frameworks WHERE id = ?1",
            [&fw.id],
            |r| r.get(0),
        )
        .optional()?
    {
        Some(p) => p,
        None => tx.query_row(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM frameworks",
            [],
            |r| r.get(0),
        )?,
    };
    tx.execute(
        "INSERT INTO frameworks (id, version, title, publisher, licence, description, source,
             levels_json, scale_json, replaces_json, content_hash, installed_from, installed_at,
             position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, title = excluded.title,
             publisher = excluded.publisher, licence = excluded.licence,
             description = excluded.description, source = excluded.source,
             levels_json = excluded.levels_json, scale_json = excluded.scale_json,
             replaces_json = excluded.replaces_json, content_hash = excluded.content_hash,
             installed_from = excluded.installed_from, installed_at = excluded.installed_at",
        params![
            fw.id,
            fw.version,
            fw.title,
            fw.publisher,
            fw.licence,
            fw.description,
            fw.source,
            json(&fw.levels),
            fw.scale.as_ref().map(json),
            json(&fw.replaces),
            content_hash(fw),
            installed_from,
            timestamp(now),
            position,
        ],
    )?;
    tx.execute(
        "DELETE FROM framework_items WHERE framework_id = ?1",
        [&fw.id],
    )?;
    let mut insert = tx.prepare(
        "INSERT INTO framework_items (framework_id, id, parent_id, position, title, description,
             refs_json, source_id, removed_in)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (position, item) in (0_i64..).zip(&fw.items) {
        insert.execute(params![
            fw.id,
            item.id,
            item.parent,
            position,
            item.title,
            item.description,
            json(&item.refs),
            item.source_id,
            None::<String>,
        ])?;
    }
    let retired = current.map_or_else(Vec::new, |old| retired_after(old, fw, plan));
    let after = i64::try_from(fw.items.len()).unwrap_or(i64::MAX);
    for (position, item) in (after..).zip(&retired) {
        insert.execute(params![
            fw.id,
            item.id,
            None::<String>,
            position,
            item.title,
            "",
            "[]",
            None::<String>,
            item.removed_in,
        ])?;
    }
    for change in &plan.moved {
        if let Some(new_id) = &change.new_id {
            links::move_links(tx, &fw.id, &change.id, new_id)?;
        }
    }
    Ok(())
}

/// Every installed framework with its items and retired items, in order.
pub(crate) fn load_frameworks(conn: &Connection) -> Result<Vec<Framework>> {
    let mut statement = conn.prepare(
        "SELECT id, version, title, publisher, licence, description, source, levels_json,
                scale_json, replaces_json
         FROM frameworks ORDER BY position",
    )?;
    let mut frameworks: Vec<Framework> = statement
        .query_map([], |r| {
            let levels: String = r.get(7)?;
            let scale: Option<String> = r.get(8)?;
            let replaces: String = r.get(9)?;
            Ok(Framework {
                id: r.get(0)?,
                version: r.get(1)?,
                title: r.get(2)?,
                publisher: r.get(3)?,
                licence: r.get(4)?,
                description: r.get(5)?,
                source: r.get(6)?,
                levels: serde_json::from_str(&levels).unwrap_or_default(),
                scale: scale.and_then(|s| serde_json::from_str::<Scale>(&s).ok()),
                items: Vec::new(),
                replaces: serde_json::from_str::<BTreeMap<String, String>>(&replaces)
                    .unwrap_or_default(),
                retired: Vec::new(),
                index: ItemIndex::default(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<String, usize> = frameworks
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.clone(), i))
        .collect();
    let mut statement = conn.prepare(
        "SELECT framework_id, id, parent_id, title, description, refs_json, source_id, removed_in
         FROM framework_items ORDER BY framework_id, position",
    )?;
    let mut rows = statement.query([])?;
    while let Some(r) = rows.next()? {
        let framework_id: String = r.get(0)?;
        let Some(fw) = index.get(&framework_id).map(|i| &mut frameworks[*i]) else {
            continue;
        };
        let removed_in: Option<String> = r.get(7)?;
        match removed_in {
            Some(removed_in) => fw.retired.push(RetiredItem {
                id: r.get(1)?,
                title: r.get(3)?,
                removed_in,
            }),
            None => {
                let refs: String = r.get(5)?;
                fw.items.push(Item {
                    id: r.get(1)?,
                    parent: r.get(2)?,
                    title: r.get(3)?,
                    description: r.get(4)?,
                    refs: serde_json::from_str(&refs).unwrap_or_default(),
                    source_id: r.get(6)?,
                });
            }
        }
    }
    Ok(frameworks)
}

#[cfg(test)]
mod tests;
