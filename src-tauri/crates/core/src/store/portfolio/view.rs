//! Shows an entry, current or earlier: every version is read from its stored snapshot, so the
//! two can never disagree, and joined with the framework's words and lessons' titles.

use rusqlite::{params, Connection, OptionalExtension};

use super::snapshot_of;
use crate::frameworks::Framework;
use crate::markdown;
use crate::portfolio::{
    template_title, AttachmentView, EntrySnapshot, EntryView, LinkedLesson, ReflectionSectionView,
    ReflectionView,
};
use crate::store::{Result, StoreError};

/// An entry as read from the database, its Markdown not rendered yet. Rendering costs time
/// in proportion to the text (up to a megabyte), so it happens once the connection is given
/// back: a read connection or the writer is never held while Markdown is rendered.
pub(crate) struct UnrenderedEntry(EntryView);

impl UnrenderedEntry {
    /// The entry with its body and reflection sections rendered to sanitised HTML.
    pub(crate) fn rendered(self) -> EntryView {
        let mut view = self.0;
        view.body_html = markdown::render(&view.body);
        if let Some(reflection) = view.reflection.as_mut() {
            for section in &mut reflection.sections {
                section.html = markdown::render(&section.text);
            }
        }
        view
    }
}

pub(crate) fn entry_view(
    conn: &Connection,
    frameworks: &[Framework],
    id: i64,
    version: Option<u32>,
) -> Result<UnrenderedEntry> {
    struct Row {
        uid: String,
        latest: u32,
        from_study: bool,
        created_at: String,
        updated_at: String,
        deleted_at: Option<String>,
    }
    let row = conn
        .query_row(
            "SELECT uid, version, cpd_record_id IS NOT NULL, created_at, updated_at, deleted_at
             FROM entries WHERE id = ?1",
            [id],
            |r| {
                Ok(Row {
                    uid: r.get(0)?,
                    latest: r.get(1)?,
                    from_study: r.get(2)?,
                    created_at: r.get(3)?,
                    updated_at: r.get(4)?,
                    deleted_at: r.get(5)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("entry {id}")))?;
    let version = version.unwrap_or(row.latest);
    let s = snapshot_of(conn, id, version)?;
    let saved_at: String = conn.query_row(
        "SELECT saved_at FROM entry_versions WHERE entry_id = ?1 AND version = ?2",
        params![id, version],
        |r| r.get(0),
    )?;
    let attachments = entry_attachments(conn, id, &s.attachments)?;
    let lessons = s
        .lessons
        .iter()
        .map(|l| {
            Ok(LinkedLesson {
                pack_id: l.pack_id.clone(),
                lesson_id: l.lesson_id.clone(),
                title: lesson_title(conn, &l.pack_id, &l.lesson_id)?,
            })
        })
        .collect::<rusqlite::Result<_>>()?;
    let draft = s.to_draft();
    Ok(UnrenderedEntry(EntryView {
        id,
        uid: row.uid,
        version,
        latest_version: row.latest,
        kind: s.kind,
        kind_label: s.kind.label().into(),
        body_html: String::new(),
        reflection: reflection_view(&s),
        behaviours: s
            .behaviours
            .iter()
            .map(|b| b.in_words(frameworks))
            .collect(),
        lessons,
        attachments,
        from_study: row.from_study,
        created_at: row.created_at,
        // An earlier version shows when it was saved; the current one when last changed.
        updated_at: if version == row.latest {
            row.updated_at
        } else {
            saved_at
        },
        deleted_at: row.deleted_at,
        title: s.title,
        date: s.date,
        body: s.body,
        tags: s.tags,
        cpd: s.cpd,
        shadowing: s.shadowing,
        feedback_source: s.feedback_source,
        draft,
    }))
}

/// The files of `entry` that a version lists, in the order they were attached. The app's view
/// and a bundle both read them here, so a bundle lists exactly the files the entry shows.
pub(crate) fn entry_attachments(
    conn: &Connection,
    entry: i64,
    ids: &[i64],
) -> Result<Vec<AttachmentView>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut statement = conn.prepare_cached(
        "SELECT id, file_name, media_type, size, sha256 FROM attachments
         WHERE entry_id = ?1 AND id IN (SELECT value FROM json_each(?2)) ORDER BY id",
    )?;
    let files = statement
        .query_map(
            params![entry, serde_json::to_string(ids).unwrap_or_default()],
            |r| {
                Ok(AttachmentView {
                    id: r.get(0)?,
                    file_name: r.get(1)?,
                    media_type: r.get(2)?,
                    size: r.get::<_, i64>(3)?.max(0) as u64,
                    sha256: r.get(4)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(files)
}

/// A linked lesson's title, or `None` when its pack is no longer installed.
pub(crate) fn lesson_title(
    conn: &Connection,
    pack_id: &str,
    lesson_id: &str,
) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT title FROM lessons WHERE pack_id = ?1 AND id = ?2")?
        .query_row(params![pack_id, lesson_id], |r| r.get(0))
        .optional()
}

fn reflection_view(s: &EntrySnapshot) -> Option<ReflectionView> {
    let r = s.reflection.as_ref()?;
    let sections = r
        .section_texts()
        .map(|(t, text)| ReflectionSectionView {
            id: t.id.into(),
            title: t.title.into(),
            html: String::new(),
            text,
        })
        .collect();
    Some(ReflectionView {
        template: r.template,
        template_title: template_title(r.template).into(),
        sections,
        code_themes: r.code_theme_titles(),
    })
}
