use chrono::NaiveDate;

use super::*;
use crate::bundle::sample::bundle_entry;
use crate::bundle::{
    BundleAttachment, BundleGoal, BundleGoalReview, BundleReflection, BundleSection,
    PortfolioDocument,
};
use crate::revalidation::{nmc_cycle, PracticeHours};
use crate::typeset::{Block, CheckMark};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn document(entries: Vec<BundleEntry>, goals: Vec<BundleGoal>) -> PortfolioDocument {
    PortfolioDocument {
        format_version: 2,
        bundle_id: String::new(),
        created_at: "2027-03-01T09:00:00.000Z".into(),
        learner: "Siobhán Nguyễn".into(),
        period_from: None,
        period_to: None,
        entries,
        coverage: vec![],
        goals,
        frameworks: vec![],
        learning: None,
    }
}

fn cpd(uid: &str, date: &str, minutes: u32, participatory: bool) -> BundleEntry {
    BundleEntry {
        kind: "cpd".into(),
        kind_label: "CPD activity".into(),
        clinical_minutes: minutes,
        participatory,
        ..bundle_entry(uid, &format!("Course {uid}"), date)
    }
}

fn feedback(uid: &str, date: &str, source: &str) -> BundleEntry {
    BundleEntry {
        kind: "feedback".into(),
        feedback_source: Some(source.into()),
        body: format!("**Thanks** from the ward ({uid})."),
        ..bundle_entry(uid, &format!("Feedback {uid}"), date)
    }
}

fn reflection(uid: &str, date: &str, template: &str) -> BundleEntry {
    BundleEntry {
        reflection: Some(BundleReflection {
            template: template.into(),
            template_title: "NMC written reflective account".into(),
            sections: [
                "What happened",
                "What you learned",
                "How it changed your practice",
                "How it relates to the Code",
            ]
            .iter()
            .map(|t| BundleSection {
                title: (*t).into(),
                text: format!("{t} in {uid}."),
            })
            .collect(),
            code_themes: vec!["Prioritise people".into()],
        }),
        ..bundle_entry(uid, &format!("Account {uid}"), date)
    }
}

fn practice(start: &str, end: &str, hours: f64, role: &str) -> PracticeHours {
    PracticeHours {
        id: 1,
        start_date: start.into(),
        end_date: end.into(),
        hours,
        role: role.into(),
    }
}

#[test]
fn nmc_records_put_each_entry_in_its_log_and_count_what_is_missing() {
    let mut with_file = cpd("c1", "2026-05-01", 14 * 60, true);
    with_file.attachments.push(BundleAttachment {
        file_name: "certificate.pdf".into(),
        media_type: "application/pdf".into(),
        size: 10,
        sha256: String::new(),
        path: String::new(),
    });
    let entries = vec![
        with_file,
        cpd("c2", "2026-06-01", 10 * 60, false),
        cpd("old", "2024-03-31", 50 * 60, true),
        feedback("f1", "2026-07-01", "patient"),
        feedback("f2", "2026-07-02", "colleague"),
        reflection("r1", "2026-08-01", "nmc"),
        reflection("r2", "2026-08-02", "gibbs"),
        reflection("r3", "2026-08-03", "nmc"),
    ];
    let log = [
        practice(
            "2027-03-01",
            "2027-04-30",
            61.0,
            "Ward sister, acute medicine",
        ),
        practice("2025-01-01", "2025-12-31", 400.0, "Matron"),
        practice("2020-01-01", "2020-12-31", 999.0, "Before the cycle"),
    ];
    let records = nmc_records(
        &document(entries, vec![]),
        &log,
        nmc_cycle(d("2027-03-31")),
        PRACTICE_HOURS,
    );
    assert_eq!(records.period, (d("2024-04-01"), d("2027-03-31")));
    assert_eq!(
        records
            .cpd
            .iter()
            .map(|r| r.topic.as_str())
            .collect::<Vec<_>>(),
        ["Course c1", "Course c2"],
        "CPD dated before the cycle is left out"
    );
    assert_eq!(
        (records.cpd_hours, records.participatory_hours),
        (24.0, 14.0)
    );
    assert_eq!(
        records.cpd[0].evidence,
        ["certificate.pdf"],
        "evidence by name only"
    );
    assert_eq!(records.feedback.len(), 2);
    assert_eq!(records.feedback[0].source, "A patient or carer");
    assert_eq!(
        records.feedback[0].summary, "Thanks from the ward (f1).",
        "Markdown taken out"
    );
    assert_eq!(
        records
            .accounts
            .iter()
            .map(|a| a.title.as_str())
            .collect::<Vec<_>>(),
        ["Account r1", "Account r3"],
        "only NMC accounts, not Gibbs reflections"
    );
    assert_eq!(records.accounts[0].parts.len(), 4, "the four parts");
    assert_eq!(records.accounts[0].themes, ["Prioritise people"]);
    assert_eq!(
        records
            .practice
            .iter()
            .map(|p| (p.role.as_str(), p.hours))
            .collect::<Vec<_>>(),
        [("Matron", 400.0), ("Ward sister, acute medicine", 31.0)],
        "in date order, the stretch over the cycle's end pro rata, the old one left out"
    );
    let checks: Vec<(&str, CheckStatus, &str)> = records
        .checklist
        .iter()
        .map(|c| (c.label.as_str(), c.status, c.detail.as_str()))
        .collect();
    assert_eq!(
        checks[..5],
        [
            ("Practice hours", CheckStatus::Missing, "431 of 450 hours"),
            ("CPD", CheckStatus::Missing, "24 of 35 hours"),
            ("Participatory CPD", CheckStatus::Missing, "14 of 20 hours"),
            (
                "Practice-related feedback",
                CheckStatus::Missing,
                "2 of 5 pieces"
            ),
            (
                "Written reflective accounts",
                CheckStatus::Missing,
                "2 of 5 accounts"
            ),
        ],
        "each counted requirement, with its figures"
    );
    assert!(
        checks[5..].iter().all(|c| c.1 == CheckStatus::ForYou),
        "the discussion, declarations and confirmation are the nurse's to do"
    );
    let dual = nmc_records(
        &document(vec![], vec![]),
        &log,
        nmc_cycle(d("2027-03-31")),
        DUAL_REGISTRATION_HOURS,
    );
    assert_eq!(
        dual.checklist[0].detail, "431 of 900 hours",
        "a dual registrant needs 900"
    );
    assert!(
        dual.cpd.is_empty() && dual.accounts.is_empty(),
        "an empty portfolio still gives the records"
    );
}

#[test]
fn the_nmc_layout_follows_the_regulators_order_with_the_check_first() {
    let records = nmc_records(
        &document(vec![reflection("r1", "2026-08-01", "nmc")], vec![]),
        &[],
        nmc_cycle(d("2027-03-31")),
        PRACTICE_HOURS,
    );
    let layout = nmc_layout(&records);
    assert_eq!(layout.author, "Siobhán Nguyễn");
    assert_eq!(layout.period, "1 April 2024 to 31 March 2027");
    assert_eq!(
        layout
            .sections
            .iter()
            .map(|s| s.heading.as_str())
            .collect::<Vec<_>>(),
        [
            "Where you stand",
            "Practice hours",
            "Continuing professional development",
            "Practice-related feedback",
            "Written reflective accounts",
            "Reflective discussion",
            "Confirmation",
        ]
    );
    assert!(matches!(
        &layout.sections[0].blocks[0],
        Block::Check { mark: CheckMark::Missing, label, .. } if label == "Practice hours"
    ));
    let discussion = &layout.sections[5].blocks;
    assert!(
        discussion.contains(&Block::WriteIn("Their NMC PIN".into())),
        "a place for the partner's PIN"
    );
    assert!(discussion.contains(&Block::Field {
        label: "Accounts discussed".into(),
        value: "Account r1".into()
    }));
}

#[test]
fn gmc_summary_groups_the_six_types_and_splits_the_plan() {
    let mut event = reflection("s1", "2026-09-01", "what_so_what");
    event.kind = "significant_event".into();
    let mut qi = bundle_entry("q1", "Audit of handover", "2026-10-01");
    qi.kind = "qi_project".into();
    let goal = |title: &str, status: &str| BundleGoal {
        title: title.into(),
        measure: "Measured".into(),
        achievable: String::new(),
        relevant: String::new(),
        due_date: "2027-01-01".into(),
        status: status.into(),
        behaviours: vec![],
        reviews: vec![BundleGoalReview {
            date: "2026-12-01".into(),
            note: "On track".into(),
        }],
    };
    let doc = document(
        vec![
            cpd("c1", "2026-05-01", 90, false),
            event,
            qi,
            feedback("f1", "2026-07-01", "colleague"),
            feedback("f2", "2026-07-02", "other"),
            feedback("old", "2025-01-01", "patient"),
            bundle_entry("m1", "A reflection of no type", "2026-06-01"),
        ],
        vec![
            goal("Lead the rota review", "achieved"),
            goal("Chair a meeting", "in_progress"),
        ],
    );
    let log = [practice(
        "2026-02-01",
        "2026-12-31",
        1200.0,
        "Clinical director",
    )];
    let summary = gmc_summary(
        &doc,
        &log,
        crate::revalidation::gmc_year(d("2027-01-15")),
        &CycleFeedback::default(),
    );
    let counts: Vec<(&str, usize)> = summary
        .types
        .iter()
        .map(|t| (t.label.as_str(), t.items.len()))
        .collect();
    assert_eq!(
        counts,
        [
            ("Continuing professional development", 1),
            ("Quality improvement activity", 1),
            ("Significant events", 1),
            ("Feedback from colleagues", 1),
            ("Feedback from patients", 0),
            ("Compliments and complaints", 0),
        ],
        "each entry in its type; feedback from elsewhere and the year before left out"
    );
    assert_eq!(summary.types[0].items[0].hours, Some(1.5));
    let event = &summary.types[2].items[0];
    assert_eq!(
        event.reflection.len(),
        3,
        "the reflection's parts but the last"
    );
    assert_eq!(
        event.changed.as_ref().map(|c| c.0.as_str()),
        Some("How it relates to the Code")
    );
    assert_eq!(summary.roles, ["Clinical director"]);
    assert_eq!(summary.plan_review[0].title, "Lead the rota review");
    assert_eq!(summary.plan_ahead[0].title, "Chair a meeting");
    assert_eq!(
        summary.plan_ahead[0].last_review.as_deref(),
        Some("1 December 2026: On track")
    );
    let patients = summary
        .checklist
        .iter()
        .find(|c| c.label == "Feedback from patients");
    assert_eq!(
        patients.map(|c| c.status),
        Some(CheckStatus::ForYou),
        "once per five-year cycle"
    );
    let complaints = summary
        .checklist
        .iter()
        .find(|c| c.label == "Compliments and complaints");
    assert_eq!(
        complaints.map(|c| c.status),
        Some(CheckStatus::Missing),
        "declare none"
    );
    let layout = gmc_layout(&summary);
    assert_eq!(layout.sections.len(), 9, "check, scope, six types, plan");
    assert_eq!(layout.sections[8].heading, "Personal development plan");
}

#[test]
fn hours_and_dates_read_as_people_write_them() {
    assert_eq!(hours_text(24.0), "24");
    assert_eq!(hours_text(1.25), "1.3");
    assert_eq!(hours_text(0.04), "0");
    assert_eq!(date_in_words("2027-04-30"), "30 April 2027");
    assert_eq!(date_in_words("not a date"), "not a date");
}

#[test]
fn feedback_from_earlier_in_the_five_years_completes_the_cycle_check() {
    let year = crate::revalidation::gmc_year(d("2027-01-15"));
    assert_eq!(
        feedback_look_back_start(d("2027-01-15")),
        d("2022-01-16"),
        "five years back, the day after"
    );
    let doc = document(vec![feedback("f1", "2026-07-01", "colleague")], vec![]);
    let earlier = CycleFeedback {
        colleagues: Some("2024-03-02".into()),
        patients: Some("2023-05-09".into()),
    };
    let summary = gmc_summary(&doc, &[], year, &earlier);
    let check = |label: &str| {
        summary
            .checklist
            .iter()
            .find(|c| c.label == label)
            .map(|c| (c.status, c.detail.clone()))
            .unwrap_or_else(|| panic!("{label} is checked"))
    };
    assert_eq!(
        check("Feedback from colleagues"),
        (CheckStatus::Complete, "1 this year".into()),
        "this year's own feedback is what the check names"
    );
    let (status, detail) = check("Feedback from patients");
    assert_eq!(status, CheckStatus::Complete);
    assert!(
        detail.contains("9 May 2023") && detail.contains("16 January 2022"),
        "says when the earlier feedback was and from when it counts: {detail}"
    );

    let none = gmc_summary(
        &document(vec![], vec![]),
        &[],
        year,
        &CycleFeedback::default(),
    );
    let patients = none
        .checklist
        .iter()
        .find(|c| c.label == "Feedback from patients")
        .map(|c| (c.status, c.detail.clone()));
    assert!(
        matches!(&patients, Some((CheckStatus::ForYou, detail)) if detail.contains("since 16 January 2022")),
        "with none in five years the doctor is asked to say when or plan it: {patients:?}"
    );
}
