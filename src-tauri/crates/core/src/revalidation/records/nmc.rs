//! The NMC revalidation record set for one three-year cycle: the practice hours log, the CPD
//! log, the practice-related feedback log, the written reflective accounts, and the check of
//! what is complete, missing, or only the nurse or midwife can do.

use chrono::NaiveDate;

use super::{entry_hours, evidence_names, plain_body, CheckItem, CheckStatus};
use crate::bundle::{BundleEntry, PortfolioDocument};
use crate::revalidation::{practised_hours, Period, PracticeHours};

/// Practice hours the NMC asks for in a cycle, on one part of the register.
pub const PRACTICE_HOURS: f64 = 450.0;
/// Practice hours for a nurse and midwife registered as both.
pub const DUAL_REGISTRATION_HOURS: f64 = 900.0;
const CPD_HOURS: f64 = 35.0;
const PARTICIPATORY_HOURS: f64 = 20.0;
const FEEDBACK_PIECES: f64 = 5.0;
const REFLECTIVE_ACCOUNTS: f64 = 5.0;

/// A stretch of practice, with the hours that fall inside the cycle.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeRow {
    pub from: String,
    pub to: String,
    /// What the learner logged as the role: the setting and scope of the practice.
    pub role: String,
    pub hours: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CpdRow {
    pub date: String,
    pub topic: String,
    /// How the learning was done (the entry's kind).
    pub method: String,
    pub hours: f64,
    pub participatory: bool,
    /// The Code themes of the entry's NMC reflection, if it has one.
    pub themes: Vec<String>,
    /// The names of the files that evidence it.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackRow {
    pub date: String,
    pub title: String,
    /// Who it came from, in words.
    pub source: String,
    pub summary: String,
    pub evidence: Vec<String>,
}

/// A written reflective account in the NMC's four parts, with its Code themes.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRecord {
    pub date: String,
    pub title: String,
    /// (part's title, what the learner wrote), in the template's order.
    pub parts: Vec<(String, String)>,
    pub themes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NmcRecords {
    pub learner: String,
    pub period: Period,
    pub practice: Vec<PracticeRow>,
    pub practice_hours: f64,
    pub practice_target: f64,
    pub cpd: Vec<CpdRow>,
    pub cpd_hours: f64,
    pub participatory_hours: f64,
    pub feedback: Vec<FeedbackRow>,
    pub accounts: Vec<AccountRecord>,
    pub checklist: Vec<CheckItem>,
}

fn in_period(date: &str, (start, end): Period) -> bool {
    NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok_and(|d| d >= start && d <= end)
}

fn feedback_source(source: Option<&str>) -> String {
    match source {
        Some("colleague") => "A colleague",
        Some("patient") => "A patient or carer",
        Some("compliment_or_complaint") => "A compliment or complaint",
        Some("other") => "Somewhere else",
        Some(other) => other,
        None => "Not recorded",
    }
    .to_owned()
}

fn themes(entry: &BundleEntry) -> Vec<String> {
    entry
        .reflection
        .as_ref()
        .map(|r| r.code_themes.clone())
        .unwrap_or_default()
}

fn cpd_row(entry: &BundleEntry) -> CpdRow {
    CpdRow {
        date: entry.date.clone(),
        topic: entry.title.clone(),
        method: entry.kind_label.clone(),
        hours: entry_hours(entry),
        participatory: entry.participatory,
        themes: themes(entry),
        evidence: evidence_names(entry),
    }
}

fn feedback_row(entry: &BundleEntry) -> FeedbackRow {
    FeedbackRow {
        date: entry.date.clone(),
        title: entry.title.clone(),
        source: feedback_source(entry.feedback_source.as_deref()),
        summary: plain_body(entry),
        evidence: evidence_names(entry),
    }
}

fn account(entry: &BundleEntry) -> Option<AccountRecord> {
    let reflection = entry.reflection.as_ref().filter(|r| r.template == "nmc")?;
    Some(AccountRecord {
        date: entry.date.clone(),
        title: entry.title.clone(),
        parts: reflection
            .sections
            .iter()
            .map(|s| (s.title.clone(), s.text.clone()))
            .collect(),
        themes: reflection.code_themes.clone(),
    })
}

/// Whether an entry belongs in the record set: it has CPD time, is feedback, or is an NMC
/// written reflective account. Only these are checked for patient details before writing.
pub(crate) fn in_nmc_records(entry: &BundleEntry) -> bool {
    entry.clinical_minutes + entry.management_minutes > 0
        || entry.kind == "feedback"
        || account(entry).is_some()
}

/// The record set for `period` from the entries of `document` (only those dated inside it
/// count) and the practice hours log. `practice_target` is [`PRACTICE_HOURS`], or
/// [`DUAL_REGISTRATION_HOURS`] for a dual registrant.
pub fn nmc_records(
    document: &PortfolioDocument,
    practice: &[PracticeHours],
    period: Period,
    practice_target: f64,
) -> NmcRecords {
    let entries: Vec<&BundleEntry> = document
        .entries
        .iter()
        .filter(|e| in_period(&e.date, period))
        .collect();
    let cpd: Vec<CpdRow> = entries
        .iter()
        .filter(|e| e.clinical_minutes + e.management_minutes > 0)
        .map(|e| cpd_row(e))
        .collect();
    let feedback: Vec<FeedbackRow> = entries
        .iter()
        .filter(|e| e.kind == "feedback")
        .map(|e| feedback_row(e))
        .collect();
    let accounts: Vec<AccountRecord> = entries.iter().filter_map(|e| account(e)).collect();
    let mut practice_rows: Vec<PracticeRow> = practice
        .iter()
        .map(|p| PracticeRow {
            from: p.start_date.clone(),
            to: p.end_date.clone(),
            role: p.role.clone(),
            hours: practised_hours(std::slice::from_ref(p), period),
        })
        .filter(|r| r.hours > 0.0)
        .collect();
    practice_rows.sort_by(|a, b| a.from.cmp(&b.from));
    let practice_hours = practice_rows.iter().map(|r| r.hours).sum();
    let cpd_hours = cpd.iter().map(|r| r.hours).sum();
    let participatory_hours = cpd
        .iter()
        .filter(|r| r.participatory)
        .map(|r| r.hours)
        .sum();
    let checklist = vec![
        CheckItem::counted("Practice hours", practice_hours, practice_target, "hours"),
        CheckItem::counted("CPD", cpd_hours, CPD_HOURS, "hours"),
        CheckItem::counted(
            "Participatory CPD",
            participatory_hours,
            PARTICIPATORY_HOURS,
            "hours",
        ),
        CheckItem::counted(
            "Practice-related feedback",
            feedback.len() as f64,
            FEEDBACK_PIECES,
            "pieces",
        ),
        CheckItem::counted(
            "Written reflective accounts",
            accounts.len() as f64,
            REFLECTIVE_ACCOUNTS,
            "accounts",
        ),
        CheckItem::new(
            "Reflective discussion",
            CheckStatus::ForYou,
            "Talk through your five accounts with another NMC registrant; they fill in and sign \
             the discussion record in this document.",
        ),
        CheckItem::new(
            "Health and character, and indemnity",
            CheckStatus::ForYou,
            "You declare these yourself when you apply online.",
        ),
        CheckItem::new(
            "Confirmation",
            CheckStatus::ForYou,
            "Your confirmer, usually your line manager, checks these records with you and \
             signs the confirmation.",
        ),
    ];
    NmcRecords {
        learner: document.learner.clone(),
        period,
        practice: practice_rows,
        practice_hours,
        practice_target,
        cpd,
        cpd_hours,
        participatory_hours,
        feedback,
        accounts,
        checklist,
    }
}
