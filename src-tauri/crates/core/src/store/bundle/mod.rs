//! What a portfolio bundle holds, read from the store: the current version of each chosen
//! entry outside the bin, the development plan, and where each attachment goes in the archive.
//! Attachment bytes are not read here; the writer streams them one at a time.

mod names;

use std::collections::HashMap;
use std::io::Read;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use self::names::AttachmentNames;
use super::portfolio::{entry_attachments, lesson_title};
use super::{timestamp, Result, Store, StoreError};
use crate::bundle::{
    bundled_frameworks, coverage_of, BundleAttachment, BundleEntry, BundleGoal, BundleGoalReview,
    BundleLesson, BundleRating, BundleReflection, BundleSection, BundleSelection, BundleShadowing,
    PortfolioDocument, BUNDLE_FORMAT_VERSION,
};
use crate::frameworks::Framework;
use crate::portfolio::{template_title, EntrySnapshot};

/// One attachment to copy into the bundle: which stored file, and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedAttachment {
    pub attachment_id: i64,
    /// `attachments/<n>-<safe name>`, as listed in `portfolio.json` and the manifest.
    pub path: String,
    pub media_type: String,
    /// As stored when the file was attached; the writer checks the bytes still match.
    pub size: u64,
    pub sha256: String,
}

impl Store {
    /// The portfolio document for `selection`, and the attachments to copy with it in the
    /// order they are listed. Entries are the current versions, outside the bin, ordered by
    /// date then id. A selection that matches no entry is refused.
    pub fn portfolio_document(
        &self,
        selection: &BundleSelection,
        bundle_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(PortfolioDocument, Vec<PlannedAttachment>)> {
        let read = self.read_document(selection, bundle_id, now)?;
        if read.0.entries.is_empty() {
            return Err(StoreError::Invalid(format!(
                "nothing to share: {}. Choose a wider period or other entries",
                selection.describe_empty()
            )));
        }
        Ok(read)
    }

    /// The same document, also when no entry matches (revalidation records still list what
    /// is missing).
    pub(crate) fn read_document(
        &self,
        selection: &BundleSelection,
        bundle_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(PortfolioDocument, Vec<PlannedAttachment>)> {
        selection
            .check_period()
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let frameworks = self.frameworks();
        let (entries, planned) = {
            let conn = self.reader();
            let tx = conn.unchecked_transaction()?;
            let read = read_entries(&tx, &frameworks, selection)?;
            tx.commit()?;
            read
        };
        let goals = if selection.include_goals {
            self.bundle_goals(now.date_naive())?
        } else {
            Vec::new()
        };
        let document = PortfolioDocument {
            format_version: BUNDLE_FORMAT_VERSION,
            bundle_id: bundle_id.to_owned(),
            created_at: timestamp(now),
            learner: selection.learner.trim().to_owned(),
            period_from: selection.from.clone(),
            period_to: selection.to.clone(),
            coverage: coverage_of(&entries, &frameworks),
            frameworks: bundled_frameworks(&entries, &frameworks),
            entries,
            goals,
        };
        Ok((document, planned))
    }

    /// `bytes` random bytes from SQLite's generator (seeded from the operating system), as
    /// lower-case hex: bundle ids and temporary names without another dependency.
    pub(crate) fn random_hex(&self, bytes: u32) -> Result<String> {
        Ok(self
            .reader()
            .query_row("SELECT lower(hex(randomblob(?1)))", [bytes], |r| r.get(0))?)
    }

    /// Streams a stored attachment's bytes into `sink` without holding the whole file, and
    /// returns how many bytes were copied.
    pub(crate) fn copy_attachment(
        &self,
        attachment_id: i64,
        sink: &mut dyn std::io::Write,
    ) -> Result<u64> {
        let conn = self.reader();
        let stored = conn
            .query_row(
                "SELECT 1 FROM attachments WHERE id = ?1",
                [attachment_id],
                |_| Ok(()),
            )
            .optional()?;
        if stored.is_none() {
            return Err(StoreError::Conflict(format!(
                "attachment {attachment_id} was deleted while the bundle was being written: \
                 write the bundle again"
            )));
        }
        let mut blob = conn.blob_open(
            rusqlite::MAIN_DB,
            c"attachments",
            c"data",
            attachment_id,
            true,
        )?;
        let io = |source| StoreError::Io {
            context: format!("cannot copy attachment {attachment_id}"),
            source,
        };
        let mut buffer = vec![0u8; 256 * 1024];
        let mut copied = 0u64;
        loop {
            let n = blob.read(&mut buffer).map_err(io)?;
            if n == 0 {
                return Ok(copied);
            }
            sink.write_all(&buffer[..n]).map_err(io)?;
            copied += n as u64;
        }
    }

    fn bundle_goals(&self, today: NaiveDate) -> Result<Vec<BundleGoal>> {
        Ok(self
            .goals(today)?
            .into_iter()
            .map(|g| {
                let mut reviews: Vec<BundleGoalReview> = g
                    .reviews
                    .into_iter()
                    .map(|r| BundleGoalReview {
                        date: r.date,
                        note: r.note,
                    })
                    .collect();
                // The plan shows the newest review first; a document reads forwards.
                reviews.reverse();
                BundleGoal {
                    title: g.draft.title,
                    measure: g.draft.measure,
                    achievable: g.draft.achievable,
                    relevant: g.draft.relevant,
                    due_date: g.draft.due_date,
                    status: g.draft.status.as_str().into(),
                    behaviours: g.behaviour_statements,
                    reviews,
                }
            })
            .collect())
    }
}

fn read_entries(
    conn: &Connection,
    frameworks: &[Framework],
    selection: &BundleSelection,
) -> Result<(Vec<BundleEntry>, Vec<PlannedAttachment>)> {
    let mut filters = vec!["e.deleted_at IS NULL".to_owned()];
    let mut args: Vec<Value> = Vec::new();
    if let Some(from) = &selection.from {
        filters.push("e.entry_date >= ?".into());
        args.push(Value::Text(from.clone()));
    }
    if let Some(to) = &selection.to {
        filters.push("e.entry_date <= ?".into());
        args.push(Value::Text(to.clone()));
    }
    if let Some(ids) = &selection.entry_ids {
        filters.push("e.id IN (SELECT value FROM json_each(?))".into());
        args.push(Value::Text(
            serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()),
        ));
    }
    let sql = format!(
        "SELECT e.id, e.uid, e.version, e.cpd_record_id IS NOT NULL, v.snapshot_json
         FROM entries e JOIN entry_versions v ON v.entry_id = e.id AND v.version = e.version
         WHERE {} ORDER BY e.entry_date, e.id",
        filters.join(" AND ")
    );
    let mut statement = conn.prepare(&sql)?;
    let mut rows = statement.query(params_from_iter(args.iter()))?;
    let mut lesson_titles: HashMap<(String, String), Option<String>> = HashMap::new();
    let mut names = AttachmentNames::default();
    let (mut entries, mut planned) = (Vec::new(), Vec::new());
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let version: u32 = row.get(2)?;
        let json: String = row.get(4)?;
        let snapshot: EntrySnapshot = serde_json::from_str(&json).map_err(|e| {
            StoreError::Invalid(format!(
                "version {version} of entry {id} cannot be read ({e}), so it cannot be shared. \
                 Open the entry and save it again, or leave it out of the bundle"
            ))
        })?;
        let mut attachments = Vec::new();
        for file in entry_attachments(conn, id, &snapshot.attachments)? {
            let path = names.next_path(&file.file_name);
            attachments.push(BundleAttachment {
                file_name: file.file_name,
                media_type: file.media_type.clone(),
                size: file.size,
                sha256: file.sha256.clone(),
                path: path.clone(),
            });
            planned.push(PlannedAttachment {
                attachment_id: file.id,
                path,
                media_type: file.media_type,
                size: file.size,
                sha256: file.sha256,
            });
        }
        let mut lessons = Vec::new();
        for l in &snapshot.lessons {
            let key = (l.pack_id.clone(), l.lesson_id.clone());
            let title = match lesson_titles.get(&key) {
                Some(title) => title.clone(),
                None => {
                    let title = lesson_title(conn, &l.pack_id, &l.lesson_id)?;
                    lesson_titles.insert(key, title.clone());
                    title
                }
            };
            lessons.push(BundleLesson {
                pack_id: l.pack_id.clone(),
                lesson_id: l.lesson_id.clone(),
                title,
            });
        }
        entries.push(bundle_entry(
            row.get(1)?,
            version,
            row.get(3)?,
            snapshot,
            lessons,
            attachments,
            frameworks,
        ));
    }
    Ok((entries, planned))
}

fn bundle_entry(
    uid: String,
    version: u32,
    from_study: bool,
    s: EntrySnapshot,
    lessons: Vec<BundleLesson>,
    attachments: Vec<BundleAttachment>,
    frameworks: &[Framework],
) -> BundleEntry {
    let reflection = s.reflection.as_ref().map(|r| BundleReflection {
        template: r.template.as_str().into(),
        template_title: template_title(r.template).into(),
        sections: r
            .section_texts()
            .map(|(t, text)| BundleSection {
                title: t.title.into(),
                text,
            })
            .collect(),
        code_themes: r.code_theme_titles(),
    });
    let behaviours = s
        .behaviours
        .iter()
        .map(|b| BundleRating::from(b.in_words(frameworks)))
        .collect();
    BundleEntry {
        uid,
        version,
        kind: s.kind.as_str().into(),
        kind_label: s.kind.label().into(),
        title: s.title,
        date: s.date,
        body: s.body,
        reflection,
        tags: s.tags,
        clinical_minutes: s.cpd.clinical_minutes,
        management_minutes: s.cpd.management_minutes,
        participatory: s.cpd.participatory,
        feedback_source: s.feedback_source.map(|f| f.as_str().into()),
        shadowing: s.shadowing.map(|sh| BundleShadowing {
            partner_role: sh.partner_role,
            i_learned: sh.i_learned,
            they_learned: sh.they_learned,
        }),
        behaviours,
        lessons,
        attachments,
        from_study,
    }
}
