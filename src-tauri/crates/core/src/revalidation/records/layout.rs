//! The records laid out as documents (`typeset::Layout`): our own headings and labels, in the
//! order the regulator asks for the records, with the completeness check first.

use super::{
    date_in_words, hours_text, CheckItem, CheckStatus, GmcItem, GmcSummary, GoalRow, NmcRecords,
};
use crate::revalidation::Period;
use crate::typeset::{Block, CheckMark, Layout, Section};

fn period_words((start, end): Period) -> String {
    format!(
        "{} to {}",
        date_in_words(&start.to_string()),
        date_in_words(&end.to_string())
    )
}

/// A document's frame: its title, whose it is, the period, and the introduction that says
/// nothing has been sent (`sent_to`: "to the NMC", "anywhere").
fn document(
    title: &str,
    learner: &str,
    period: Period,
    period_label: &str,
    sent_to: &str,
    sections: Vec<Section>,
) -> Layout {
    Layout {
        title: title.into(),
        author: learner.into(),
        period: period_words(period),
        intro: vec![
            format!("Prepared for {learner}."),
            format!("{period_label} {}.", period_words(period)),
            format!(
                "Written by Ward to Board from the portfolio. Nothing has been sent {sent_to}."
            ),
        ],
        sections,
    }
}

fn paragraph(text: impl Into<String>) -> Block {
    Block::Paragraph(text.into())
}

fn field(label: &str, value: impl Into<String>) -> Block {
    Block::Field {
        label: label.into(),
        value: value.into(),
    }
}

fn listed(items: &[String]) -> String {
    if items.is_empty() {
        "None".into()
    } else {
        items.join("; ")
    }
}

fn yes_no(value: bool) -> String {
    if value { "Yes" } else { "No" }.into()
}

fn checks(items: &[CheckItem]) -> Section {
    Section {
        heading: "Where you stand".into(),
        blocks: items
            .iter()
            .map(|c| Block::Check {
                mark: match c.status {
                    CheckStatus::Complete => CheckMark::Done,
                    CheckStatus::Missing => CheckMark::Missing,
                    CheckStatus::ForYou => CheckMark::ForYou,
                },
                label: c.label.clone(),
                detail: c.detail.clone(),
            })
            .collect(),
    }
}

fn nothing_yet(blocks: &mut Vec<Block>, what: &str) {
    blocks.push(paragraph(format!(
        "No {what} in the portfolio for this period yet."
    )));
}

/// The NMC record set as a document.
pub fn nmc_layout(records: &NmcRecords) -> Layout {
    let mut practice = vec![paragraph(format!(
        "{} of the {} hours asked for in the cycle.",
        hours_text(records.practice_hours),
        hours_text(records.practice_target)
    ))];
    if records.practice.is_empty() {
        nothing_yet(&mut practice, "practice hours");
    } else {
        practice.push(Block::Table {
            headers: ["From", "To", "Work setting and scope", "Hours"]
                .map(Into::into)
                .into(),
            widths: vec![0.2, 0.2, 0.45, 0.15],
            rows: records
                .practice
                .iter()
                .map(|r| {
                    vec![
                        date_in_words(&r.from),
                        date_in_words(&r.to),
                        r.role.clone(),
                        hours_text(r.hours),
                    ]
                })
                .collect(),
        });
    }

    let mut cpd = vec![
        field("Total", format!("{} hours", hours_text(records.cpd_hours))),
        field(
            "Participatory",
            format!("{} hours", hours_text(records.participatory_hours)),
        ),
    ];
    if records.cpd.is_empty() {
        nothing_yet(&mut cpd, "CPD");
    } else {
        cpd.push(Block::Table {
            headers: [
                "Date",
                "Topic",
                "Method",
                "Hours",
                "With others",
                "Code themes",
                "Evidence",
            ]
            .map(Into::into)
            .into(),
            widths: vec![0.14, 0.22, 0.14, 0.08, 0.1, 0.16, 0.16],
            rows: records
                .cpd
                .iter()
                .map(|r| {
                    vec![
                        date_in_words(&r.date),
                        r.topic.clone(),
                        r.method.clone(),
                        hours_text(r.hours),
                        yes_no(r.participatory),
                        listed(&r.themes),
                        listed(&r.evidence),
                    ]
                })
                .collect(),
        });
    }

    let mut feedback = Vec::new();
    if records.feedback.is_empty() {
        nothing_yet(&mut feedback, "feedback");
    }
    for (n, f) in records.feedback.iter().enumerate() {
        feedback.push(Block::Subheading(format!(
            "Feedback {}: {}",
            n + 1,
            f.title
        )));
        feedback.push(field("Date", date_in_words(&f.date)));
        feedback.push(field("From", f.source.clone()));
        if !f.summary.is_empty() {
            feedback.push(paragraph(f.summary.clone()));
        }
        feedback.push(field("Evidence", listed(&f.evidence)));
    }

    let mut accounts = Vec::new();
    if records.accounts.is_empty() {
        nothing_yet(&mut accounts, "written reflective accounts");
    }
    for (n, a) in records.accounts.iter().enumerate() {
        accounts.push(Block::Subheading(format!("Account {}: {}", n + 1, a.title)));
        accounts.push(field("Date", date_in_words(&a.date)));
        for (title, text) in &a.parts {
            accounts.push(field(title, String::new()));
            accounts.push(paragraph(if text.trim().is_empty() {
                "(not written yet)".to_owned()
            } else {
                crate::markdown::plain_text(text)
            }));
        }
        accounts.push(field("Code themes", listed(&a.themes)));
    }

    let mut discussion = vec![paragraph(
        "Filled in with the NMC registrant you talked your written reflective accounts through \
         with.",
    )];
    discussion.extend(
        [
            "Their name",
            "Their NMC PIN",
            "Their email or work address",
            "Date of the discussion",
            "Their signature",
        ]
        .map(|l| Block::WriteIn(l.into())),
    );
    discussion.push(field(
        "Accounts discussed",
        listed(
            &records
                .accounts
                .iter()
                .map(|a| a.title.clone())
                .collect::<Vec<_>>(),
        ),
    ));

    let mut confirmation = vec![paragraph(
        "Your confirmer looks through these records with you and confirms you have met the \
         requirements. The app keeps no record of this: it is between you, your confirmer and \
         the NMC.",
    )];
    confirmation.extend(
        [
            "Confirmer's name",
            "Their role",
            "Their NMC PIN, or other professional registration",
            "Date of confirmation",
            "Their signature",
        ]
        .map(|l| Block::WriteIn(l.into())),
    );

    document(
        "NMC revalidation records",
        &records.learner,
        records.period,
        "Revalidation cycle",
        "to the NMC",
        vec![
            checks(&records.checklist),
            Section {
                heading: "Practice hours".into(),
                blocks: practice,
            },
            Section {
                heading: "Continuing professional development".into(),
                blocks: cpd,
            },
            Section {
                heading: "Practice-related feedback".into(),
                blocks: feedback,
            },
            Section {
                heading: "Written reflective accounts".into(),
                blocks: accounts,
            },
            Section {
                heading: "Reflective discussion".into(),
                blocks: discussion,
            },
            Section {
                heading: "Confirmation".into(),
                blocks: confirmation,
            },
        ],
    )
}

fn gmc_item(blocks: &mut Vec<Block>, item: &GmcItem) {
    blocks.push(Block::Subheading(item.title.clone()));
    blocks.push(field("Date", date_in_words(&item.date)));
    if let Some(hours) = item.hours {
        blocks.push(field("Hours", hours_text(hours)));
    }
    if !item.summary.is_empty() {
        blocks.push(paragraph(item.summary.clone()));
    }
    for (title, text) in &item.reflection {
        blocks.push(field(title, String::new()));
        blocks.push(paragraph(crate::markdown::plain_text(text)));
    }
    match &item.changed {
        Some((title, text)) => {
            blocks.push(field(&format!("What changed ({title})"), String::new()));
            blocks.push(paragraph(crate::markdown::plain_text(text)));
        }
        None => blocks.push(field("What changed", "No reflection written yet")),
    }
}

fn goal_table(goals: &[GoalRow], last: &str) -> Block {
    Block::Table {
        headers: ["Goal", "How you will know", "Due", "Status", last]
            .map(Into::into)
            .into(),
        widths: vec![0.26, 0.24, 0.14, 0.12, 0.24],
        rows: goals
            .iter()
            .map(|g| {
                vec![
                    g.title.clone(),
                    g.measure.clone(),
                    date_in_words(&g.due_date),
                    g.status.clone(),
                    g.last_review.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

/// The GMC appraisal summary as a document.
pub fn gmc_layout(summary: &GmcSummary) -> Layout {
    let mut sections = vec![checks(&summary.checklist)];
    let scope = if summary.roles.is_empty() {
        vec![paragraph(
            "No roles logged with practice hours in this year. List every role you work in, \
             management roles included, for your appraiser.",
        )]
    } else {
        summary.roles.iter().map(|r| paragraph(r.clone())).collect()
    };
    sections.push(Section {
        heading: "Scope of work".into(),
        blocks: scope,
    });
    for t in &summary.types {
        let mut blocks = Vec::new();
        if t.items.is_empty() {
            blocks.push(paragraph(
                "Nothing in the portfolio of this type for this year.",
            ));
        }
        for item in &t.items {
            gmc_item(&mut blocks, item);
        }
        sections.push(Section {
            heading: t.label.clone(),
            blocks,
        });
    }
    let mut plan = vec![Block::Subheading("Review of last year's plan".into())];
    if summary.plan_review.is_empty() {
        plan.push(paragraph("No goals marked achieved or dropped."));
    } else {
        plan.push(goal_table(&summary.plan_review, "Last review"));
    }
    plan.push(Block::Subheading("Plan for the coming year".into()));
    if summary.plan_ahead.is_empty() {
        plan.push(paragraph("No open goals in the plan."));
    } else {
        plan.push(goal_table(&summary.plan_ahead, "Last review"));
    }
    sections.push(Section {
        heading: "Personal development plan".into(),
        blocks: plan,
    });
    document(
        "GMC appraisal summary",
        &summary.learner,
        summary.period,
        "Appraisal year",
        "anywhere",
        sections,
    )
}
