//! Finding entries (search, filters, orders, pages) and the tags in use.

use super::*;
use crate::portfolio::{EntrySort, TagCount};

/// An entry to save: kind, title, date, body, tags, rated behaviours, CPD minutes.
type Seed = (
    EntryKind,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    u32,
);

/// Six entries over five years, each findable in its own way.
fn portfolio(store: &Store) {
    let entries: [Seed; 6] = [
        (
            EntryKind::Cpd,
            "Budget forecast for ward 7",
            "2026-03-10",
            "Working through the forecast outturn with finance.",
            &["Finance"],
            &["cmpf.resources.forecasting"],
            60,
        ),
        (
            EntryKind::ManagementTask,
            "Agency spend review",
            "2025-06-01",
            "Agency spend was over budget; we agreed a recovery plan.",
            &["finance", "rota"],
            &["cmpf.resources.budget-ownership"],
            0,
        ),
        (
            EntryKind::Reflection,
            "Rota fairness",
            "2024-01-15",
            "Annual leave and fairness on the rota.",
            &["rota"],
            &["cmpf.resources.rostering"],
            0,
        ),
        (
            EntryKind::Shadowing,
            "Zebra crossing chat with the estates team",
            "2026-10-01",
            "Learned how the capital budget for estates is set.",
            &[],
            &[],
            0,
        ),
        (
            EntryKind::Feedback,
            "Appraisal with my matron",
            "2023-05-05",
            "Positive feedback on my one-to-ones.",
            &["appraisal"],
            &[],
            0,
        ),
        (
            EntryKind::Cpd,
            "Budget",
            "2022-01-01",
            "A short course.",
            &[],
            &[],
            30,
        ),
    ];
    for (i, (kind, title, date, body, tags, behaviours, minutes)) in entries.into_iter().enumerate()
    {
        let mut d = draft(kind, title, date);
        d.body = body.into();
        d.tags = tags.iter().map(|t| (*t).to_owned()).collect();
        d.behaviours = behaviours.iter().map(|b| rating(b, 2)).collect();
        d.cpd.management_minutes = minutes;
        let hour = 9 + u32::try_from(i).expect("small");
        store
            .save_entry(None, None, &d, at(22, hour))
            .expect("saves");
    }
}

#[test]
fn text_search_matches_words_and_prefixes_and_highlights_them() {
    let (_dir, store) = store();
    portfolio(&store);
    let page = find(&store, query("budget"));
    assert_eq!(
        titles(&page),
        [
            "Zebra crossing chat with the estates team",
            "Budget forecast for ward 7",
            "Agency spend review",
            "Budget",
        ],
        "every entry with the word in its title or text, newest first"
    );
    assert_eq!(page.total, 4, "the total counts every match");
    for entry in &page.entries {
        assert!(
            entry
                .snippet
                .iter()
                .any(|p| p.highlight && p.text.eq_ignore_ascii_case("budget")),
            "the snippet of {} highlights the word: {:?}",
            entry.title,
            entry.snippet
        );
    }
    assert_eq!(
        titles(&find(&store, query("forec"))),
        ["Budget forecast for ward 7"],
        "a word's start finds it, as the learner types"
    );
    assert_eq!(
        titles(&find(&store, query("zebra"))),
        ["Zebra crossing chat with the estates team"],
        "a rare word finds its one entry"
    );
    assert_eq!(
        titles(&find(&store, query("Agency RECOVERY"))),
        ["Agency spend review"],
        "every word must match, in any case"
    );
    assert_eq!(
        find(&store, query("budget\") *: -")).total,
        4,
        "search syntax is just text, never an error"
    );
    assert_eq!(
        find(&store, query("  *** ")).total,
        6,
        "no words means no text filter"
    );
    let ranked = find(
        &store,
        EntryQuery {
            sort: EntrySort::Relevance,
            ..query("budget")
        },
    );
    let mut best_two = titles(&ranked)[..2].to_vec();
    best_two.sort_unstable();
    assert_eq!(
        best_two,
        ["Budget", "Budget forecast for ward 7"],
        "by relevance, a match in the title ranks above one in the text"
    );
}

#[test]
fn filters_combine_with_search_and_each_other() {
    let (_dir, store) = store();
    portfolio(&store);
    assert_eq!(
        titles(&find(
            &store,
            EntryQuery {
                kinds: vec![EntryKind::Cpd],
                from: Some("2023-01-01".into()),
                ..query("budget")
            }
        )),
        ["Budget forecast for ward 7"],
        "words, kind and a start date together"
    );
    assert_eq!(
        titles(&find(
            &store,
            EntryQuery {
                to: Some("2025-06-01".into()),
                ..query("budget")
            }
        )),
        ["Agency spend review", "Budget"],
        "the end date is inclusive"
    );
    assert_eq!(
        titles(&find(
            &store,
            EntryQuery {
                kinds: vec![EntryKind::Feedback, EntryKind::Shadowing],
                ..EntryQuery::default()
            }
        )),
        [
            "Zebra crossing chat with the estates team",
            "Appraisal with my matron"
        ],
        "several kinds match any of them"
    );
    assert_eq!(
        titles(&find(
            &store,
            EntryQuery {
                behaviour: Some("cmpf.resources.budget-ownership".into()),
                ..EntryQuery::default()
            }
        )),
        ["Agency spend review"],
        "a behaviour finds the entries that rate it"
    );
    assert_eq!(
        titles(&find(
            &store,
            EntryQuery {
                tag: Some("ROTA".into()),
                ..EntryQuery::default()
            }
        )),
        ["Agency spend review", "Rota fairness"],
        "a tag matches in any case"
    );
    let err = store
        .find_entries(&EntryQuery {
            from: Some("last week".into()),
            ..EntryQuery::default()
        })
        .expect_err("not a date");
    assert!(
        matches!(err, StoreError::Invalid(_)),
        "a filter date that is not a date is refused: {err}"
    );
}

#[test]
fn entries_sort_and_page() {
    let (_dir, store) = store();
    portfolio(&store);
    let sorted = |sort| {
        titles(&find(
            &store,
            EntryQuery {
                sort,
                ..EntryQuery::default()
            },
        ))
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>()
    };
    assert_eq!(
        sorted(EntrySort::Oldest),
        [
            "Budget",
            "Appraisal with my matron",
            "Rota fairness",
            "Agency spend review",
            "Budget forecast for ward 7",
            "Zebra crossing chat with the estates team",
        ],
        "oldest first by the date it happened"
    );
    assert_eq!(
        sorted(EntrySort::Title),
        [
            "Agency spend review",
            "Appraisal with my matron",
            "Budget",
            "Budget forecast for ward 7",
            "Rota fairness",
            "Zebra crossing chat with the estates team",
        ],
        "by title, A to Z"
    );
    let mut newest = sorted(EntrySort::Oldest);
    newest.reverse();
    assert_eq!(
        sorted(EntrySort::Newest),
        newest,
        "newest first is oldest first reversed"
    );
    assert_eq!(
        sorted(EntrySort::Relevance),
        newest,
        "with no words, relevance is newest first"
    );

    let page = find(
        &store,
        EntryQuery {
            sort: EntrySort::Oldest,
            offset: 2,
            limit: 2,
            ..EntryQuery::default()
        },
    );
    assert_eq!(
        (titles(&page), page.total),
        (vec!["Rota fairness", "Agency spend review"], 6),
        "a page is a slice of the order, and the total counts them all"
    );
    let past_the_end = find(
        &store,
        EntryQuery {
            offset: 10,
            ..EntryQuery::default()
        },
    );
    assert_eq!(
        (past_the_end.entries.len(), past_the_end.total),
        (0, 6),
        "a page past the end is empty"
    );
    let first = &find(&store, query("forecast")).entries[0];
    assert_eq!(
        (first.cpd_minutes, first.behaviours, first.attachments),
        (60, 1, 0),
        "a listed entry counts its CPD time, ratings and files"
    );
    assert_eq!(
        (first.kind, first.kind_label.as_str(), first.from_study),
        (EntryKind::Cpd, "CPD activity", false),
        "and says what kind it is"
    );
}

#[test]
fn tags_in_use_are_counted_most_used_first() {
    let (_dir, store) = store();
    portfolio(&store);
    let tags: Vec<(String, u32)> = store
        .entry_tags()
        .expect("tags")
        .into_iter()
        .map(|TagCount { tag, entries }| (tag.to_lowercase(), entries))
        .collect();
    assert_eq!(
        tags,
        [
            ("finance".into(), 2),
            ("rota".into(), 2),
            ("appraisal".into(), 1)
        ],
        "Finance and finance are one tag; ties go A to Z"
    );
}
