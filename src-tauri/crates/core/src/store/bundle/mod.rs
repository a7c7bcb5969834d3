//! What a portfolio bundle holds, read from the store: the current version of each chosen
//! entry outside the bin, the development plan, and where each attachment goes in the archive.
//! Attachment bytes are not read here; the writer streams them one at a time.

mod learning;
mod names;
mod source;

pub use source::BundleSource;

use super::{timestamp, Result, Store, StoreError};
use crate::bundle::{
    bundled_frameworks, coverage_of, BundleAttachment, BundleEntry, BundleGoal, BundleGoalReview,
    BundleLesson, BundleRating, BundleReflection, BundleSection, BundleSelection, BundleShadowing,
    PortfolioDocument,
};
use crate::frameworks::Framework;
use crate::portfolio::{template_title, EntrySnapshot};
use chrono::{DateTime, NaiveDate, Utc};

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
            return Err(Self::nothing_to_share(selection));
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
        let (mut entries, mut planned) = (Vec::new(), Vec::new());
        let source = self.bundle_source(selection)?;
        source.each_entry(|entry, files| {
            entries.push(entry);
            planned.extend(files);
            Ok(())
        })?;
        let mut document =
            self.document_parts(selection, bundle_id, now, &entries, source.frameworks())?;
        document.entries = entries;
        Ok((document, planned))
    }

    fn nothing_to_share(selection: &BundleSelection) -> StoreError {
        StoreError::Invalid(format!(
            "nothing to share: {}. Choose a wider period or other entries",
            selection.describe_empty()
        ))
    }

    /// The portfolio document without its entries: what a bundle says around them (coverage,
    /// the plan, the frameworks carried). `rated` are the shared entries; only their uids and
    /// ratings are read, so a writer that streams entries passes those alone. A selection that
    /// matches no entry is refused.
    pub(crate) fn document_around(
        &self,
        selection: &BundleSelection,
        bundle_id: &str,
        now: DateTime<Utc>,
        rated: &[BundleEntry],
        frameworks: &[Framework],
    ) -> Result<PortfolioDocument> {
        if rated.is_empty() {
            return Err(Self::nothing_to_share(selection));
        }
        self.document_parts(selection, bundle_id, now, rated, frameworks)
    }

    /// What [`Self::document_around`] gives, for any number of entries, none included.
    fn document_parts(
        &self,
        selection: &BundleSelection,
        bundle_id: &str,
        now: DateTime<Utc>,
        rated: &[BundleEntry],
        frameworks: &[Framework],
    ) -> Result<PortfolioDocument> {
        let goals = if selection.include_goals {
            self.bundle_goals(now.date_naive())?
        } else {
            Vec::new()
        };
        let learning = if selection.include_learning {
            Some(self.learning_summary()?)
        } else {
            None
        };
        Ok(PortfolioDocument {
            format_version: crate::bundle::format_for(learning.as_deref()),
            bundle_id: bundle_id.to_owned(),
            created_at: timestamp(now),
            learner: selection.learner.trim().to_owned(),
            period_from: selection.from.clone(),
            period_to: selection.to.clone(),
            coverage: coverage_of(rated, frameworks),
            frameworks: bundled_frameworks(rated, frameworks),
            entries: Vec::new(),
            goals,
            learning,
        })
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
        source::copy_attachment(&self.reader(), attachment_id, sink)
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

pub(super) fn bundle_entry(
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
