//! The privacy check before export: the core detector over every text a bundle would carry,
//! with each finding placed (which entry, which field) and shown in context, so the learner
//! can edit the entry or leave it out before anything is written.

use serde::Serialize;
use ts_rs::TS;

use super::{BundleEntry, PortfolioDocument};
use crate::privacy::{scan, PrivacyFinding};

/// Characters of text shown either side of a finding.
const CONTEXT_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentFinding {
    /// The entry the text is in, or `None` for the development plan.
    pub entry_uid: Option<String>,
    pub entry_title: String,
    /// Which part, in words ("Title", "Description", "Reflection: What?", "Goal: ...").
    pub field: String,
    pub finding: PrivacyFinding,
    /// The text around the finding, split so the page can mark the finding itself.
    pub before: String,
    pub after: String,
}

fn texts(entry: &BundleEntry) -> Vec<(String, &str)> {
    let mut texts = vec![
        ("Title".to_owned(), entry.title.as_str()),
        ("Description".to_owned(), entry.body.as_str()),
    ];
    if let Some(r) = &entry.reflection {
        texts.extend(
            r.sections
                .iter()
                .map(|s| (format!("Reflection: {}", s.title), s.text.as_str())),
        );
    }
    if let Some(s) = &entry.shadowing {
        texts.push(("Shadowing: partner's role".into(), s.partner_role.as_str()));
        texts.push(("Shadowing: what you learned".into(), s.i_learned.as_str()));
        texts.push((
            "Shadowing: what they learned".into(),
            s.they_learned.as_str(),
        ));
    }
    texts.extend(entry.tags.iter().map(|t| ("Tags".to_owned(), t.as_str())));
    texts.extend(entry.behaviours.iter().map(|b| {
        (
            format!("Behaviour: {}", b.statement),
            b.justification.as_str(),
        )
    }));
    texts.extend(
        entry
            .attachments
            .iter()
            .map(|a| ("Attachment name".to_owned(), a.file_name.as_str())),
    );
    texts
}

fn context(text: &str, start: usize, end: usize) -> (String, String) {
    let before: String = text[..start]
        .chars()
        .rev()
        .take(CONTEXT_CHARS)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[end..].chars().take(CONTEXT_CHARS).collect();
    (before, after)
}

/// Every likely patient identifier in one text outside any entry (`title` names where it is,
/// `field` which part), placed and shown in context like an entry's.
pub fn text_findings(title: &str, field: &str, text: &str, this_year: i32) -> Vec<DocumentFinding> {
    let mut findings = Vec::new();
    push_findings(&mut findings, None, title, field, text, this_year);
    findings
}

fn push_findings(
    findings: &mut Vec<DocumentFinding>,
    uid: Option<&str>,
    title: &str,
    field: &str,
    text: &str,
    this_year: i32,
) {
    for finding in scan(text, this_year) {
        let (before, after) = context(text, finding.start, finding.end);
        findings.push(DocumentFinding {
            entry_uid: uid.map(str::to_owned),
            entry_title: title.to_owned(),
            field: field.to_owned(),
            finding,
            before,
            after,
        });
    }
}

/// Every likely patient identifier in what the document would share.
pub fn document_findings(document: &PortfolioDocument, this_year: i32) -> Vec<DocumentFinding> {
    let mut findings = Vec::new();
    let mut push = |uid: Option<&str>, title: &str, field: String, text: &str| {
        push_findings(&mut findings, uid, title, &field, text, this_year);
    };
    for entry in &document.entries {
        for (field, text) in texts(entry) {
            push(Some(&entry.uid), &entry.title, field, text);
        }
    }
    for goal in &document.goals {
        for (field, text) in [
            ("Goal", &goal.title),
            ("Goal: measure", &goal.measure),
            ("Goal: achievable", &goal.achievable),
            ("Goal: relevant", &goal.relevant),
        ] {
            push(None, &goal.title, field.into(), text);
        }
        for review in &goal.reviews {
            push(None, &goal.title, "Goal: review note".into(), &review.note);
        }
    }
    if !document.learner.is_empty() {
        push(None, "Cover", "Your name".into(), &document.learner);
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::sample::bundle_entry;
    use crate::bundle::{BundleGoal, BundleReflection, BundleSection};

    fn entry(uid: &str, title: &str, body: &str) -> BundleEntry {
        BundleEntry {
            body: body.into(),
            ..bundle_entry(uid, title, "2026-11-20")
        }
    }

    fn document(entries: Vec<BundleEntry>, goals: Vec<BundleGoal>) -> PortfolioDocument {
        PortfolioDocument {
            format_version: 1,
            bundle_id: "0".repeat(32),
            created_at: "2026-11-23T21:00:00.000Z".into(),
            learner: "Sam Patel".into(),
            period_from: None,
            period_to: None,
            entries,
            coverage: vec![],
            goals,
            frameworks: vec![],
            learning: None,
        }
    }

    #[test]
    fn findings_name_the_entry_and_field_and_show_the_words_around_them() {
        let mut reflective = entry("e2", "Night shift", "Nothing identifying here.");
        reflective.reflection = Some(BundleReflection {
            template: "what_so_what".into(),
            template_title: "What? So what? Now what?".into(),
            sections: vec![BundleSection {
                title: "What?".into(),
                text: "The patient at SW1A 1AA fell twice.".into(),
            }],
            code_themes: vec![],
        });
        let doc = document(
            vec![
                entry(
                    "e1",
                    "Rota review",
                    "Discussed the patient 943 476 5919 with the team.",
                ),
                reflective,
            ],
            vec![BundleGoal {
                title: "Audit falls".into(),
                measure: String::new(),
                achievable: String::new(),
                relevant: String::new(),
                due_date: "2027-01-01".into(),
                status: "in_progress".into(),
                behaviours: vec![],
                reviews: vec![],
            }],
        );
        let found = document_findings(&doc, 2026);
        assert_eq!(
            found.len(),
            2,
            "an NHS number and a postcode, nothing else: {found:?}"
        );
        assert_eq!(
            found[0].entry_uid.as_deref(),
            Some("e1"),
            "the first is in the rota entry"
        );
        assert_eq!(found[0].field, "Description", "in its description");
        assert!(
            found[0].before.ends_with("the patient "),
            "the words before it are shown: {:?}",
            found[0].before
        );
        assert!(
            found[0].after.starts_with(" with the team"),
            "and after it: {:?}",
            found[0].after
        );
        assert_eq!(
            found[1].field, "Reflection: What?",
            "the second is in a reflection section"
        );
    }

    #[test]
    fn a_clean_document_has_no_findings() {
        let doc = document(
            vec![entry(
                "e1",
                "Budget meeting",
                "Month 6 variance was £4,200 on pay.",
            )],
            vec![],
        );
        assert!(
            document_findings(&doc, 2026).is_empty(),
            "money and dates of meetings are not patient details"
        );
    }
}
