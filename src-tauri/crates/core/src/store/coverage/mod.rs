//! Framework coverage: how much evidence each behaviour and domain has and how recent it is,
//! with the lessons that teach each one; and the framework outlines and lesson list the entry
//! editor offers.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Deserialize;

use super::{Result, Store, StoreError};
use crate::coverage::{
    coverage, Coverage, FrameworkOutline, OutlineDomain, OutlineItem, OutlineRetired, Rated,
    ScaleLevel,
};
use crate::frameworks::Framework;
use crate::portfolio::{
    accepted_extensions, static_options, EditorOptions, LessonChoice, LinkedLesson,
    MAX_ATTACHMENT_BYTES,
};

/// The framework coverage opens on when none is chosen: the app's own.
pub const DEFAULT_FRAMEWORK: &str = "cmpf";

impl Store {
    /// Coverage of `framework_id` (or the default) by entries outside the bin; "recent" means
    /// dated in the 12 months up to `today`.
    pub fn coverage(&self, framework_id: Option<&str>, today: NaiveDate) -> Result<Coverage> {
        let id = framework_id.unwrap_or(DEFAULT_FRAMEWORK);
        let installed = self.frameworks();
        let fw = installed
            .iter()
            .find(|f| f.id == id)
            .ok_or_else(|| StoreError::NotFound(format!("framework `{id}`")))?;
        let conn = self.reader();
        // Newest first, so each behaviour's first row is its latest evidence.
        let rated: Vec<Rated> = conn
            .prepare(
                "SELECT b.behaviour_id, e.id, e.entry_date, b.rating
                 FROM entry_behaviours b JOIN entries e ON e.id = b.entry_id
                 WHERE b.framework_id = ?1 AND e.deleted_at IS NULL
                 ORDER BY e.entry_date DESC, e.id DESC",
            )?
            .query_map([&fw.id], |r| {
                Ok(Rated {
                    behaviour_id: r.get(0)?,
                    entry_id: r.get(1)?,
                    date: r.get(2)?,
                    rating: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let teaching = lessons_by_behaviour(&conn)?;
        drop(conn);
        Ok(coverage(fw, &installed, &rated, &teaching, today))
    }

    pub fn editor_options(&self) -> Result<EditorOptions> {
        let (kinds, templates, code_themes) = static_options();
        let conn = self.reader();
        let mut statement = conn.prepare(
            "SELECT l.pack_id, l.id, l.title, m.title FROM lessons l
             JOIN packs p ON p.id = l.pack_id
             JOIN modules m ON m.pack_id = l.pack_id AND m.id = l.module_id
             WHERE l.archived = 0 ORDER BY p.position, m.position, l.position",
        )?;
        let lessons = statement
            .query_map([], |r| {
                Ok(LessonChoice {
                    pack_id: r.get(0)?,
                    lesson_id: r.get(1)?,
                    title: r.get(2)?,
                    module_title: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(EditorOptions {
            kinds,
            templates,
            code_themes,
            frameworks: self.frameworks().iter().map(outline).collect(),
            lessons,
            accepted_extensions: accepted_extensions()
                .into_iter()
                .map(String::from)
                .collect(),
            max_attachment_bytes: u32::try_from(MAX_ATTACHMENT_BYTES).unwrap_or(u32::MAX),
        })
    }
}

fn outline(fw: &Framework) -> FrameworkOutline {
    let items = fw.items();
    FrameworkOutline {
        id: fw.id.clone(),
        title: fw.title.clone(),
        scale_name: fw.scale().name.clone(),
        scale: fw
            .scale()
            .levels
            .iter()
            .map(|l| ScaleLevel {
                value: l.value,
                label: l.label.clone(),
                description: l.description.clone(),
            })
            .collect(),
        domains: fw
            .domains()
            .map(|d| OutlineDomain {
                id: d.id.clone(),
                title: d.title.clone(),
                items: items
                    .iter()
                    .filter(|i| i.domain.id == d.id)
                    .map(|i| OutlineItem {
                        id: i.id.into(),
                        element_title: i.element.title.clone(),
                        statement: i.statement.into(),
                    })
                    .collect(),
            })
            .collect(),
        retired: fw
            .retired
            .iter()
            .map(|r| OutlineRetired {
                id: r.id.clone(),
                title: r.title.clone(),
                removed_in: r.removed_in.clone(),
            })
            .collect(),
    }
}

/// Installed lessons keyed by each behaviour (or element) they say they teach.
fn lessons_by_behaviour(conn: &Connection) -> Result<HashMap<String, Vec<LinkedLesson>>> {
    #[derive(Deserialize)]
    struct Details {
        #[serde(default)]
        behaviours: Vec<String>,
    }
    let mut statement = conn.prepare(
        "SELECT l.pack_id, l.id, l.title, l.details_json FROM lessons l
         JOIN packs p ON p.id = l.pack_id
         JOIN modules m ON m.pack_id = l.pack_id AND m.id = l.module_id
         WHERE l.archived = 0 ORDER BY p.position, m.position, l.position",
    )?;
    let mut map: HashMap<String, Vec<LinkedLesson>> = HashMap::new();
    let rows = statement.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (pack_id, lesson_id, title, details) = row?;
        let Ok(details) = serde_json::from_str::<Details>(&details) else {
            continue;
        };
        for behaviour in details.behaviours {
            map.entry(behaviour).or_default().push(LinkedLesson {
                pack_id: pack_id.clone(),
                lesson_id: lesson_id.clone(),
                title: Some(title.clone()),
            });
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests;
