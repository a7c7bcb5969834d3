//! What the regulators' documents are made from: the period's entries read as the bundle reads
//! them, the practice hours log, the plan, and the privacy findings over everything the
//! document will carry (the bundle's own check), found before anything is written.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::{practice_hours, Result, Store, StoreError};
use crate::bundle::PortfolioDocument;
use crate::bundle::{document_findings, text_findings, BundleSelection, DocumentFinding};
use crate::file_names::safe_file_name;
use crate::revalidation::records::{
    feedback_look_back_start, gmc_layout, gmc_summary, in_gmc_summary, in_nmc_records, nmc_layout,
    nmc_records, CheckItem, CycleFeedback, DocumentCheck, DocumentKind, DocumentRequest,
    GmcSummary, NmcRecords, WrittenDocument, DUAL_REGISTRATION_HOURS, PRACTICE_HOURS,
};
use crate::revalidation::{gmc_year, nmc_cycle, Period, PracticeHours};
use crate::typeset::{write_file, Layout};

/// The field a missing name is reported against.
pub const LEARNER_FIELD: &str = "learner";

impl Store {
    fn records_source(
        &self,
        period: Period,
        learner: &str,
        include_goals: bool,
        now: DateTime<Utc>,
    ) -> Result<(PortfolioDocument, Vec<PracticeHours>)> {
        if learner.trim().is_empty() {
            return Err(StoreError::field(
                LEARNER_FIELD,
                "Your name: write your name as it should appear on every page",
            ));
        }
        let selection = BundleSelection {
            from: Some(period.0.to_string()),
            to: Some(period.1.to_string()),
            entry_ids: None,
            include_goals,
            include_learning: false,
            learner: learner.to_owned(),
        };
        let (document, _) = self.read_document(&selection, "", now)?;
        let practice = practice_hours(&self.reader())?;
        Ok((document, practice))
    }

    /// The NMC record set for the cycle that ends on `cycle_end`, and every likely patient
    /// identifier in what it will carry.
    pub fn nmc_records(
        &self,
        cycle_end: NaiveDate,
        learner: &str,
        practice_target: f64,
        now: DateTime<Utc>,
    ) -> Result<(NmcRecords, Vec<DocumentFinding>)> {
        let period = nmc_cycle(cycle_end);
        let (mut document, practice) = self.records_source(period, learner, false, now)?;
        document.entries.retain(in_nmc_records);
        let findings = findings(&document, &practice, period, now);
        Ok((
            nmc_records(&document, &practice, period, practice_target),
            findings,
        ))
    }

    /// The GMC appraisal summary for the appraisal year that ends on `year_end`, and every
    /// likely patient identifier in what it will carry.
    pub fn gmc_summary(
        &self,
        year_end: NaiveDate,
        learner: &str,
        now: DateTime<Utc>,
    ) -> Result<(GmcSummary, Vec<DocumentFinding>)> {
        let period = gmc_year(year_end);
        let (mut document, practice) = self.records_source(period, learner, true, now)?;
        document.entries.retain(in_gmc_summary);
        let findings = findings(&document, &practice, period, now);
        let earlier = self.cycle_feedback(period.1)?;
        Ok((
            gmc_summary(&document, &practice, period, &earlier),
            findings,
        ))
    }

    /// The newest colleague and patient feedback outside the bin in the five-year look-back
    /// that ends on `year_end`.
    fn cycle_feedback(&self, year_end: NaiveDate) -> Result<CycleFeedback> {
        let conn = self.reader();
        let mut statement = conn.prepare(
            "SELECT feedback_source, max(entry_date) FROM entries
             WHERE deleted_at IS NULL AND kind = 'feedback'
               AND feedback_source IN ('colleague', 'patient')
               AND entry_date BETWEEN ?1 AND ?2
             GROUP BY feedback_source",
        )?;
        let mut earlier = CycleFeedback::default();
        let rows = statement.query_map(
            [
                feedback_look_back_start(year_end).to_string(),
                year_end.to_string(),
            ],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )?;
        for row in rows {
            let (source, date) = row?;
            if source == "colleague" {
                earlier.colleagues = Some(date);
            } else {
                earlier.patients = Some(date);
            }
        }
        Ok(earlier)
    }
}

impl Store {
    /// The document a request asks for, laid out, with its check and privacy findings.
    fn document(
        &self,
        request: &DocumentRequest,
        now: DateTime<Utc>,
    ) -> Result<(Layout, Vec<CheckItem>, Vec<DocumentFinding>)> {
        let ending = NaiveDate::parse_from_str(&request.ending, "%Y-%m-%d").map_err(|_| {
            StoreError::field(
                "ending",
                "Period ends: enter a real date, for example 30 4 2027",
            )
        })?;
        Ok(match request.kind {
            DocumentKind::Nmc => {
                let target = if request.dual_registration {
                    DUAL_REGISTRATION_HOURS
                } else {
                    PRACTICE_HOURS
                };
                let (records, findings) =
                    self.nmc_records(ending, &request.learner, target, now)?;
                (nmc_layout(&records), records.checklist, findings)
            }
            DocumentKind::Gmc => {
                let (summary, findings) = self.gmc_summary(ending, &request.learner, now)?;
                (gmc_layout(&summary), summary.checklist, findings)
            }
        })
    }

    /// What the learner sees before writing: the completeness check and the privacy findings.
    pub fn check_document(
        &self,
        request: &DocumentRequest,
        now: DateTime<Utc>,
    ) -> Result<DocumentCheck> {
        let (layout, checklist, findings) = self.document(request, now)?;
        Ok(DocumentCheck {
            title: layout.title,
            period: layout.period,
            checklist,
            findings,
        })
    }

    /// Writes the document into `exports` (created if need be) under a name that says what it
    /// is, whose and for when; a document of the same name is replaced only once the new one
    /// is whole.
    pub fn write_document(
        &self,
        request: &DocumentRequest,
        exports: &std::path::Path,
        now: DateTime<Utc>,
    ) -> Result<WrittenDocument> {
        let (layout, _, _) = self.document(request, now)?;
        let io = |context: String| move |source| StoreError::Io { context, source };
        std::fs::create_dir_all(exports)
            .map_err(io(format!("cannot make {}", exports.display())))?;
        let file_name = safe_file_name(&format!(
            "{} - {} - {}.{}",
            layout.title,
            layout.author,
            request.ending,
            request.format.extension()
        ));
        let path = exports.join(&file_name);
        write_file(&layout, request.format, &path).map_err(|e| StoreError::Io {
            context: format!("the document could not be written to {}", path.display()),
            source: std::io::Error::other(e.to_string()),
        })?;
        let bytes = std::fs::metadata(&path)
            .map_err(io(format!("cannot read {}", path.display())))?
            .len();
        Ok(WrittenDocument {
            file_name,
            path: path.display().to_string(),
            bytes,
        })
    }
}

/// The bundle's privacy check over the document, and over the practice hours' roles in the
/// period, which the document also prints.
fn findings(
    document: &PortfolioDocument,
    practice: &[PracticeHours],
    (start, end): Period,
    now: DateTime<Utc>,
) -> Vec<DocumentFinding> {
    let year = now.year();
    let mut found = document_findings(document, year);
    let (start, end) = (start.to_string(), end.to_string());
    for p in practice
        .iter()
        .filter(|p| p.start_date <= end && p.end_date >= start)
    {
        found.extend(text_findings(
            "Practice hours",
            "Work setting and scope",
            &p.role,
            year,
        ));
    }
    found
}
