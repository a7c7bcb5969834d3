//! Search in a portfolio with more matches than are ranked: the best of the newest matches
//! first, then the rest newest added first; an estimated total above the exact-count limit;
//! filters and date orders still exact; words being typed matched as prefixes.

use super::super::search::{two_figures, typed_query, RANKED};
use super::*;
use crate::portfolio::{EntryPage, EntrySort};

/// `n` entries whose body mentions "handover", the entry `i` dated `i` days after the first
/// of January 2020, every tenth a CPD entry tagged "finance" and every 250th with
/// "handover" in its title too. Saved in one transaction per entry, as the app saves them.
fn many(store: &Store, n: usize) {
    let first = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("date");
    for i in 0..n {
        let kind = if i % 10 == 0 {
            EntryKind::Cpd
        } else {
            EntryKind::Reflection
        };
        let title = if i % 250 == 0 {
            format!("Handover review {i}")
        } else {
            format!("Shift note {i}")
        };
        let date = first + chrono::Duration::days(i64::try_from(i).expect("small"));
        let mut d = draft(kind, &title, &date.format("%Y-%m-%d").to_string());
        d.body = "The night handover ran late on the ward.".into();
        if i % 10 == 0 {
            d.tags = vec!["finance".into()];
            d.cpd.management_minutes = 30;
        }
        store.save_entry(None, None, &d, at(20, 9)).expect("saves");
    }
}

fn search(store: &Store, q: EntryQuery) -> EntryPage {
    store.find_entries(&q).expect("finds")
}

#[test]
fn a_word_in_more_entries_than_are_ranked_gives_an_estimate_and_the_best_first() {
    let (_dir, store) = store();
    let n = RANKED + 500;
    many(&store, n);
    let page = search(
        &store,
        EntryQuery {
            sort: EntrySort::Relevance,
            ..query("handover")
        },
    );
    assert!(
        page.total_estimated,
        "more than {RANKED} matches are counted by estimate"
    );
    let share = f64::from(page.total) / n as f64;
    assert!(
        (0.8..=1.2).contains(&share),
        "the estimate ({}) is near the {n} entries that match",
        page.total
    );
    assert!(
        page.entries[0].title.starts_with("Handover review"),
        "an entry with the word in its title comes first: {}",
        page.entries[0].title
    );
    assert!(
        page.entries
            .iter()
            .all(|e| e.snippet.iter().any(|p| p.highlight)),
        "every result still shows where the word matched"
    );
    let rare = search(&store, query("review"));
    assert_eq!(
        (rare.total, rare.total_estimated),
        (u32::try_from(n.div_ceil(250)).expect("small"), false),
        "a word in fewer entries than are ranked is counted exactly"
    );
}

#[test]
fn pages_past_the_ranked_matches_go_on_newest_added_first_without_repeats() {
    let (_dir, store) = store();
    let n = RANKED + 120;
    many(&store, n);
    let mut seen = std::collections::HashSet::new();
    let mut offset = 0;
    while offset < n {
        let page = search(
            &store,
            EntryQuery {
                sort: EntrySort::Relevance,
                offset: u32::try_from(offset).expect("small"),
                limit: 500,
                ..query("handover")
            },
        );
        if page.entries.is_empty() {
            break;
        }
        for entry in &page.entries {
            assert!(
                seen.insert(entry.id),
                "entry {} shows on one page only",
                entry.id
            );
        }
        offset += page.entries.len();
    }
    assert_eq!(seen.len(), n, "paging on reaches every matching entry");
}

#[test]
fn newest_first_and_filters_stay_exact_with_many_matches() {
    let (_dir, store) = store();
    let n = RANKED + 200;
    many(&store, n);
    let newest = search(
        &store,
        EntryQuery {
            sort: EntrySort::Newest,
            limit: 3,
            ..query("handover")
        },
    );
    assert_eq!(
        (newest.total, newest.total_estimated),
        (u32::try_from(n).expect("small"), false),
        "newest first reads every match, so its count is exact"
    );
    let dates: Vec<&str> = newest.entries.iter().map(|e| e.date.as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first is by the entry's date");
    assert_eq!(
        newest.entries[0].title,
        format!("Shift note {}", n - 1),
        "the latest-dated entry leads"
    );

    let filtered = search(
        &store,
        EntryQuery {
            kinds: vec![EntryKind::Cpd],
            tag: Some("Finance".into()),
            from: Some("2021-01-01".into()),
            to: Some("2021-12-31".into()),
            sort: EntrySort::Relevance,
            ..query("handover")
        },
    );
    // Entries 366..=730 are dated in 2021; every tenth of them is a CPD entry tagged finance.
    let expected = (366..=730).filter(|i| i % 10 == 0).count();
    assert_eq!(
        (
            filtered.entries.len(),
            filtered.total,
            filtered.total_estimated
        ),
        (expected, u32::try_from(expected).expect("small"), false),
        "a word with kind, tag and dates finds exactly the entries that pass them all"
    );
    assert!(
        filtered
            .entries
            .iter()
            .all(|e| e.kind == EntryKind::Cpd && e.date.starts_with("2021")),
        "each result passes every filter"
    );
}

#[test]
fn finished_words_are_whole_and_the_word_being_typed_is_a_prefix() {
    assert_eq!(
        typed_query("ward bud").as_deref(),
        Some("\"ward\" \"bud\"*")
    );
    assert_eq!(
        typed_query("ward budget ").as_deref(),
        Some("\"ward\" \"budget\""),
        "a space after the last word says it is finished"
    );
    assert_eq!(
        typed_query("\"a\" OR *").as_deref(),
        Some("\"a\" \"OR\""),
        "quotes, operators and stars are only text"
    );
    assert_eq!(typed_query(" -- ").as_deref(), None, "no words, no search");
}

#[test]
fn estimates_are_rounded_to_two_figures() {
    assert_eq!(two_figures(12_345.0), 12_000);
    assert_eq!(two_figures(1_049.0), 1_000);
    assert_eq!(two_figures(98_765.0), 99_000);
    assert_eq!(two_figures(87.4), 87, "small numbers are kept whole");
}
