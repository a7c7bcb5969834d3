//! Reading the learning path and lessons, and recording progress through them.

pub(super) mod search;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;

use super::{study, timestamp, Result, Store, StoreError};
use crate::learning::{
    LearningPath, LessonLink, LessonProgress, LessonSummary, LessonView, ModulePath, PackPath,
};
use crate::markdown::{self, LessonContext};
use crate::packs::Question;
use crate::study::{NoteView, DEFAULT_PASS_MARK};

/// The parts of `lessons.details_json` the reader shows.
#[derive(Deserialize)]
struct Details {
    /// YYYY-MM-DD; absent for packs installed before lessons carried dates.
    #[serde(default)]
    checked: Option<String>,
    #[serde(default, rename = "reviewBy")]
    review_by: Option<String>,
    #[serde(default)]
    outcomes: Vec<String>,
    reflection: Option<String>,
    activity: Option<String>,
    #[serde(default)]
    questions: Vec<Question>,
}

impl Store {
    pub fn learning_path(&self) -> Result<LearningPath> {
        let conn = self.reader();
        let mut packs: Vec<PackPath> = conn
            .prepare("SELECT id, title, version, publisher FROM packs ORDER BY position, title")?
            .query_map([], |r| {
                Ok(PackPath {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    version: r.get(2)?,
                    publisher: r.get(3)?,
                    modules: vec![],
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut module_query = conn.prepare(
            "SELECT id, title, summary FROM modules WHERE pack_id = ?1 ORDER BY position",
        )?;
        let mut lesson_query = conn.prepare(
            "SELECT l.id, l.title, l.minutes, p.completed_at IS NOT NULL,
                    p.completed_at IS NOT NULL AND (
                        COALESCE(json_array_length(l.details_json, '$.questions'), 0) = 0
                        OR EXISTS (SELECT 1 FROM quiz_attempts a
                                   WHERE a.pack_id = l.pack_id AND a.lesson_id = l.id
                                     AND a.finished_at IS NOT NULL
                                     AND a.score * 100 >= COALESCE(k.pass_mark, ?3) * a.questions)),
                    p.first_opened_at IS NOT NULL,
                    json_extract(l.details_json, '$.reviewBy')
             FROM lessons l
             JOIN packs k ON k.id = l.pack_id
             LEFT JOIN lesson_progress p ON p.pack_id = l.pack_id AND p.lesson_id = l.id
             WHERE l.pack_id = ?1 AND l.module_id = ?2 AND l.archived = 0 ORDER BY l.position",
        )?;
        let (mut total, mut completed, mut mastered) = (0, 0, 0);
        for pack in &mut packs {
            let modules: Vec<(String, String, String)> = module_query
                .query_map([&pack.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, title, summary) in modules {
                let lessons: Vec<LessonSummary> = lesson_query
                    .query_map(params![pack.id, id, DEFAULT_PASS_MARK], |r| {
                        Ok(LessonSummary {
                            id: r.get(0)?,
                            title: r.get(1)?,
                            minutes: r.get(2)?,
                            completed: r.get(3)?,
                            mastered: r.get(4)?,
                            opened: r.get(5)?,
                            review_by: r.get(6)?,
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                let done = count(lessons.iter().filter(|l| l.completed));
                let module_mastered = count(lessons.iter().filter(|l| l.mastered));
                total += count(lessons.iter());
                completed += done;
                mastered += module_mastered;
                let minutes = lessons.iter().map(|l| l.minutes).sum();
                pack.modules.push(ModulePath {
                    id,
                    title,
                    summary,
                    lessons,
                    lessons_completed: done,
                    lessons_mastered: module_mastered,
                    minutes,
                });
            }
        }
        let last_opened = conn
            .query_row(
                "SELECT l.pack_id, l.id, l.title FROM lesson_progress p
                 JOIN lessons l ON l.pack_id = p.pack_id AND l.id = p.lesson_id AND l.archived = 0
                 WHERE p.last_opened_at IS NOT NULL ORDER BY p.last_opened_at DESC LIMIT 1",
                [],
                |r| {
                    Ok(LessonLink {
                        pack_id: r.get(0)?,
                        id: r.get(1)?,
                        title: r.get(2)?,
                    })
                },
            )
            .optional()?;
        Ok(LearningPath {
            packs,
            lessons_total: total,
            lessons_completed: completed,
            lessons_mastered: mastered,
            last_opened,
        })
    }

    /// Returns a lesson ready to read and records that the learner opened it.
    pub fn open_lesson(
        &self,
        pack_id: &str,
        lesson_id: &str,
        now: DateTime<Utc>,
    ) -> Result<LessonView> {
        let view = self.lesson(pack_id, lesson_id)?;
        let now = timestamp(now);
        self.writer().execute(
            "INSERT INTO lesson_progress (pack_id, lesson_id, first_opened_at, last_opened_at)
             VALUES (?1, ?2, ?3, ?3)
             ON CONFLICT (pack_id, lesson_id) DO UPDATE SET last_opened_at = excluded.last_opened_at",
            params![pack_id, lesson_id, now],
        )?;
        Ok(view)
    }

    pub fn lesson(&self, pack_id: &str, lesson_id: &str) -> Result<LessonView> {
        // Everything is read first and the reader released before the Markdown is rendered,
        // so a long lesson never keeps another screen waiting for the reader.
        let conn = self.reader();
        let row = conn
            .query_row(
                "SELECT l.title, l.minutes, l.body_md, l.details_json, l.module_id, m.title, p.completed_at,
                        l.source_path, COALESCE(p.scroll_permille, 0), k.pass_mark
                 FROM lessons l
                 JOIN packs k ON k.id = l.pack_id
                 JOIN modules m ON m.pack_id = l.pack_id AND m.id = l.module_id
                 LEFT JOIN lesson_progress p ON p.pack_id = l.pack_id AND p.lesson_id = l.id
                 WHERE l.pack_id = ?1 AND l.id = ?2 AND l.archived = 0",
                params![pack_id, lesson_id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, u32>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, String>(7)?,
                        r.get::<_, u32>(8)?,
                        r.get::<_, Option<u8>>(9)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("lesson `{lesson_id}` in pack `{pack_id}`")))?;
        let (
            title,
            minutes,
            body,
            details,
            module_id,
            module_title,
            completed_at,
            source_path,
            scroll_permille,
            pass_mark,
        ) = row;
        let details: Details = serde_json::from_str(&details).map_err(|e| {
            StoreError::NotFound(format!("readable details for lesson `{lesson_id}` ({e})"))
        })?;

        // What the lesson's relative images and links can resolve to.
        let lessons: HashMap<String, String> = conn
            .prepare("SELECT source_path, id FROM lessons WHERE pack_id = ?1 AND archived = 0")?
            .query_map([pack_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let assets: HashSet<String> = conn
            .prepare("SELECT path FROM pack_assets WHERE pack_id = ?1")?
            .query_map([pack_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;

        // The pack's reading order: modules in order, lessons in order within each.
        let order: Vec<(String, String, String)> = conn
            .prepare(
                "SELECT l.id, l.title, l.module_id FROM lessons l
                 JOIN modules m ON m.pack_id = l.pack_id AND m.id = l.module_id
                 WHERE l.pack_id = ?1 AND l.archived = 0 ORDER BY m.position, l.position",
            )?
            .query_map([pack_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let index = order
            .iter()
            .position(|(id, ..)| id == lesson_id)
            .unwrap_or(0);
        let link = |i: usize| {
            order.get(i).map(|(id, title, _)| LessonLink {
                pack_id: pack_id.to_owned(),
                id: id.clone(),
                title: title.clone(),
            })
        };
        let in_module: Vec<&String> = order
            .iter()
            .filter(|(_, _, m)| *m == module_id)
            .map(|(id, ..)| id)
            .collect();
        let number_in_module = in_module
            .iter()
            .position(|id| *id == lesson_id)
            .map_or(1, |i| i + 1);

        let quiz = study::quiz_view(
            &conn,
            pack_id,
            lesson_id,
            &details.questions,
            pass_mark.unwrap_or(DEFAULT_PASS_MARK),
            completed_at.is_some(),
        )?;
        let note = study::note_row(&conn, pack_id, lesson_id)?;
        let studied_seconds = study::lesson_seconds(&conn, pack_id, lesson_id)?;
        drop(conn);

        let context = LessonContext {
            pack_id,
            lesson_path: &source_path,
            lessons: &lessons,
            assets: &assets,
        };
        let rendered = markdown::render_lesson(&body, &context);
        let note = note.map(NoteView::from_markdown);
        Ok(LessonView {
            pack_id: pack_id.to_owned(),
            id: lesson_id.to_owned(),
            title,
            minutes,
            module_id,
            module_title,
            number_in_module: u32::try_from(number_in_module).unwrap_or(u32::MAX),
            lessons_in_module: count(in_module.iter()),
            outcomes: details.outcomes,
            checked: details.checked,
            review_by: details.review_by,
            html: rendered.html,
            sections: rendered.sections,
            reflection: details.reflection,
            activity: details.activity,
            completed_at,
            previous: index.checked_sub(1).and_then(link),
            next: link(index + 1),
            quiz,
            note,
            scroll_permille,
            studied_seconds,
        })
    }

    /// Marks a lesson complete (keeping the first completion time) or not complete.
    pub fn set_lesson_complete(
        &self,
        pack_id: &str,
        lesson_id: &str,
        complete: bool,
        now: DateTime<Utc>,
    ) -> Result<LessonProgress> {
        let mut conn = self.writer();
        let tx = conn.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM lessons WHERE pack_id = ?1 AND id = ?2 AND archived = 0)",
            params![pack_id, lesson_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(StoreError::NotFound(format!(
                "lesson `{lesson_id}` in pack `{pack_id}`"
            )));
        }
        let stamp = complete.then(|| timestamp(now));
        tx.execute(
            "INSERT INTO lesson_progress (pack_id, lesson_id, completed_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (pack_id, lesson_id) DO UPDATE SET completed_at =
                CASE WHEN excluded.completed_at IS NULL THEN NULL
                     ELSE COALESCE(lesson_progress.completed_at, excluded.completed_at) END",
            params![pack_id, lesson_id, stamp],
        )?;
        let completed_at = tx.query_row(
            "SELECT completed_at FROM lesson_progress WHERE pack_id = ?1 AND lesson_id = ?2",
            params![pack_id, lesson_id],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(LessonProgress {
            pack_id: pack_id.to_owned(),
            lesson_id: lesson_id.to_owned(),
            completed_at,
        })
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}
