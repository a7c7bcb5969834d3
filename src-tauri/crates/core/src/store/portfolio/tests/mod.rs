//! Fixtures the portfolio store tests share: a data folder with the built-in curriculum, fixed
//! instants, drafts, and raw counts read past the store's own queries.

mod bin;
mod find;
mod saving;
mod search;
mod study;
mod validation;

use chrono::TimeZone;

use super::*;
use crate::portfolio::MAX_TITLE_CHARS;
use crate::portfolio::{
    BehaviourRating, EntryQuery, FeedbackSource, Reflection, ReflectionSection, ReflectionTemplate,
    Shadowing,
};
use crate::store::BUILTIN_PACK_ID;

/// A PDF as small as the attachment check accepts.
const PDF: &[u8] = b"%PDF-1.7\n% a small evidence file\n";

/// 2026-11-`day` at `hour`:00 UTC.
fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0)
        .single()
        .expect("valid time")
}

/// A store in a fresh data folder with the built-in curriculum installed, as on first run.
fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), at(1, 9)).expect("opens");
    store.sync_builtin_pack(at(1, 9)).expect("built-in pack");
    (dir, store)
}

/// The least a learner can save: a kind, a title and a date.
fn draft(kind: EntryKind, title: &str, date: &str) -> EntryDraft {
    EntryDraft::new(kind, title, date)
}

fn rating(behaviour: &str, value: u32) -> BehaviourRating {
    BehaviourRating {
        framework_id: "cmpf".into(),
        behaviour_id: behaviour.into(),
        rating: value,
        justification: format!("I showed {behaviour}"),
    }
}

fn lesson(id: &str) -> EntryLesson {
    EntryLesson {
        pack_id: BUILTIN_PACK_ID.into(),
        lesson_id: id.into(),
    }
}

/// A draft that uses every part of an entry, with an upload to attach.
fn full_draft(upload: i64) -> EntryDraft {
    EntryDraft {
        kind: EntryKind::Reflection,
        title: "  Changing the ward 7 handover  ".into(),
        date: "2026-11-20".into(),
        body: "We moved the handover to the **bedside**.".into(),
        reflection: Some(Reflection {
            template: ReflectionTemplate::Nmc,
            sections: vec![
                ReflectionSection {
                    id: "nature".into(),
                    text: "A near miss at *handover*.".into(),
                },
                ReflectionSection {
                    id: "learning".into(),
                    text: "Structure beats memory.".into(),
                },
            ],
            code_themes: vec!["preserve_safety".into(), "prioritise_people".into()],
        }),
        tags: vec![
            "Handover".into(),
            "handover".into(),
            " #Safety ".into(),
            "HANDOVER".into(),
            "rota".into(),
        ],
        cpd: CpdTime {
            clinical_minutes: 30,
            management_minutes: 90,
            participatory: true,
        },
        shadowing: Some(Shadowing {
            partner_role: "Deputy finance director".into(),
            i_learned: "How the ledger closes".into(),
            they_learned: "How a handover runs".into(),
        }),
        feedback_source: Some(FeedbackSource::Colleague),
        behaviours: vec![rating("cmpf.people.one-to-ones", 3)],
        lessons: vec![lesson("lm-one-to-ones"), lesson("lm-one-to-ones")],
        keep_attachments: vec![],
        new_uploads: vec![upload],
    }
}

/// `SELECT count(*)` of anything, through the store's reader.
fn count(store: &Store, from_where: &str) -> i64 {
    store
        .reader()
        .query_row(&format!("SELECT count(*) FROM {from_where}"), [], |r| {
            r.get(0)
        })
        .unwrap_or_else(|e| panic!("count {from_where}: {e}"))
}

/// The one field a refusal names, if it is a field error.
fn refused_field(error: &StoreError) -> Option<&str> {
    match error {
        StoreError::Fields(fields) => match fields.as_slice() {
            [one] => Some(one.field.as_str()),
            _ => None,
        },
        _ => None,
    }
}

fn query(text: &str) -> EntryQuery {
    EntryQuery {
        text: text.into(),
        ..EntryQuery::default()
    }
}

/// Finds entries; a query the store refuses fails the test.
fn find(store: &Store, q: EntryQuery) -> crate::portfolio::EntryPage {
    store
        .find_entries(&q)
        .unwrap_or_else(|e| panic!("{q:?}: {e}"))
}

fn titles(page: &crate::portfolio::EntryPage) -> Vec<&str> {
    page.entries.iter().map(|e| e.title.as_str()).collect()
}
