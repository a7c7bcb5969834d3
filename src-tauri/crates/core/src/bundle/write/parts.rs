//! The bundle's two large files, written as the entries stream past: `portfolio.json` and
//! `portfolio.html`. Neither is ever held whole, so writing a bundle takes the same memory
//! for a hundred entries as for a hundred thousand.
//!
//! What comes around the entries (the cover's totals, coverage, the frameworks carried) needs
//! every entry first, so [`BundlePlan::read`] makes one pass that keeps only each entry's uid
//! and rating ids; the JSON and the page then each read the entries again from the same
//! snapshot.

use std::io::{self, Write};

use chrono::{DateTime, Utc};

use super::{io_failed, ExportError};
use crate::bundle::html::{render_page, PageTotals};
use crate::bundle::{
    BundleEntry, BundleRating, BundleSelection, PortfolioDocument, HTML_PATH, PORTFOLIO_PATH,
};
use crate::store::{BundleSource, PlannedAttachment, Store, StoreError};

/// What is known before the large files are written: everything around the entries, the
/// cover's totals, and every attachment to copy, in order.
pub(super) struct BundlePlan {
    /// The document with no entries: what comes before and after them.
    pub around: PortfolioDocument,
    pub totals: PageTotals,
    pub attachments: Vec<PlannedAttachment>,
}

impl BundlePlan {
    /// One pass over the entries. What it keeps per entry is its uid and the ids of its
    /// ratings (for the coverage and the frameworks carried), nothing of its text.
    pub(super) fn read(
        store: &Store,
        source: &BundleSource<'_>,
        selection: &BundleSelection,
        bundle_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Self, StoreError> {
        let mut rated = Vec::new();
        let mut totals = PageTotals::default();
        let mut attachments = Vec::new();
        source.each_entry(|entry, files| {
            totals.add(&entry);
            attachments.extend(files);
            rated.push(ratings_only(entry));
            Ok(())
        })?;
        let around =
            store.document_around(selection, bundle_id, now, &rated, source.frameworks())?;
        Ok(Self {
            around,
            totals,
            attachments,
        })
    }
}

/// An entry reduced to what coverage and the carried frameworks read: its uid and, for each
/// rating, the framework and item ids.
fn ratings_only(entry: BundleEntry) -> BundleEntry {
    let behaviours = entry
        .behaviours
        .into_iter()
        .map(|b| BundleRating {
            framework_id: b.framework_id,
            framework_title: String::new(),
            behaviour_id: b.behaviour_id,
            statement: String::new(),
            domain_title: String::new(),
            rating: b.rating,
            rating_label: String::new(),
            justification: String::new(),
        })
        .collect();
    BundleEntry {
        uid: entry.uid,
        version: entry.version,
        kind: String::new(),
        kind_label: String::new(),
        title: String::new(),
        date: String::new(),
        body: String::new(),
        reflection: None,
        tags: Vec::new(),
        clinical_minutes: 0,
        management_minutes: 0,
        participatory: false,
        feedback_source: None,
        shadowing: None,
        behaviours,
        lessons: Vec::new(),
        attachments: Vec::new(),
        from_study: false,
    }
}

/// The key the entries follow in `portfolio.json` when the list is empty; the fields before
/// it are all single values, so its first appearance is the document's own.
const EMPTY_ENTRIES: &str = "\"entries\":[]";

/// Writes `portfolio.json` into `out`, byte for byte what `serde_json::to_writer` makes of the
/// whole document, one entry at a time: the document around the entries is serialised once
/// with none, and the entries are written into its empty list as they are read.
pub(super) fn write_portfolio_json(
    out: &mut impl Write,
    plan: &BundlePlan,
    source: &BundleSource<'_>,
) -> Result<(), ExportError> {
    let failed = |e: io::Error| io_failed(PORTFOLIO_PATH, e);
    let around = serde_json::to_string(&plan.around).map_err(|e| failed(e.into()))?;
    let Some(at) = around.find(EMPTY_ENTRIES) else {
        return Err(failed(io::Error::other(
            "the document has no list of entries",
        )));
    };
    let open = at + EMPTY_ENTRIES.len() - 1;
    out.write_all(&around.as_bytes()[..open]).map_err(failed)?;
    let mut stopped = None;
    let mut first = true;
    let streamed = source.each_entry(|entry, _| {
        let written = (if first { Ok(()) } else { out.write_all(b",") })
            .and_then(|()| serde_json::to_writer(&mut *out, &entry).map_err(io::Error::from));
        first = false;
        written.map_err(|e| stop(&mut stopped, e))
    });
    finish_stream(streamed, stopped, failed)?;
    out.write_all(&around.as_bytes()[open..]).map_err(failed)
}

/// Writes `portfolio.html` into `out` as it is made, one entry at a time.
pub(super) fn write_page(
    out: &mut impl Write,
    plan: &BundlePlan,
    source: &BundleSource<'_>,
) -> Result<(), ExportError> {
    let mut stopped = None;
    let each_entry = |visit: &mut dyn FnMut(&BundleEntry)| {
        source.each_entry(|entry, _| {
            visit(&entry);
            Ok(())
        })
    };
    let rendered = render_page(&plan.around, &plan.totals, each_entry, |part| {
        if stopped.is_none() {
            if let Err(e) = out.write_all(part.as_bytes()) {
                stopped = Some(e);
            }
        }
    });
    finish_stream(rendered, stopped, |e| io_failed(HTML_PATH, e))
}

/// Keeps the write error that stopped a pass over the entries, and stops the pass.
fn stop(stopped: &mut Option<io::Error>, error: io::Error) -> StoreError {
    let message = error.to_string();
    *stopped = Some(error);
    StoreError::Invalid(message)
}

/// A pass over the entries that a failed write stopped is reported as that write's failure;
/// any other failure is the store's.
fn finish_stream(
    result: Result<(), StoreError>,
    stopped: Option<io::Error>,
    failed: impl FnOnce(io::Error) -> ExportError,
) -> Result<(), ExportError> {
    match (stopped, result) {
        (Some(e), _) => Err(failed(e)),
        (None, result) => Ok(result?),
    }
}
