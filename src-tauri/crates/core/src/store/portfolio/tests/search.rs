//! Search in a portfolio with more matches than are ranked: the best of the newest matches
//! first, then the rest newest added first; an estimated total above the exact-count limit;
//! filters and date orders still exact; words being typed matched as prefixes.

use super::super::search::{two_figures, RANKED};
use super::super::typed::typed_query;
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
fn newest_first_and_filters_stay_in_order_and_exact_with_many_matches() {
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
    assert!(
        newest.total_estimated && newest.total.abs_diff(u32::try_from(n).expect("small")) < 70,
        "more than {RANKED} matches are counted by estimate, near {n}: {}",
        newest.total
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
    // Entries 366..=730 (those there are) are dated in 2021; every tenth of them is a CPD
    // entry tagged finance.
    let expected = (366..=730).filter(|i| i % 10 == 0 && *i < n).count();
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

/// The ids a search for `text` finds, in order.
fn found(store: &Store, text: &str) -> Vec<i64> {
    search(store, query(text))
        .entries
        .iter()
        .map(|e| e.id)
        .collect()
}

#[test]
fn a_word_being_typed_longer_than_the_stored_prefixes_finds_every_word_it_can_become() {
    let (_dir, store) = store();
    let mut ids = Vec::new();
    for (title, body) in [
        ("Governance day", "Board assurance"),
        (
            "Walkround",
            "The governing body asked about Gövernment funding",
        ),
        ("Rota", "Nothing about it here"),
    ] {
        let mut d = draft(EntryKind::Reflection, title, "2026-11-01");
        d.body = body.into();
        ids.push(
            store
                .save_entry(None, None, &d, at(20, 9))
                .expect("saves")
                .id,
        );
    }
    let mut newest_first = vec![ids[1], ids[0]];
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    let mut both = found(&store, "gover");
    both.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(
        both, newest_first,
        "`gover` becomes governance, governing, government"
    );
    assert_eq!(found(&store, "governa"), [ids[0]]);
    assert_eq!(found(&store, "GOVERNI"), [ids[1]], "case is folded");
    assert_eq!(
        found(&store, "govern"),
        found(&store, "gövern"),
        "a word with an accent, searched as a prefix by the index, finds the same"
    );
    assert!(
        found(&store, "governx").is_empty(),
        "no word starts that way"
    );
    assert!(
        found(&store, "governance ").len() == 1 && found(&store, "governanc").len() == 1,
        "a finished word is whole, the same letters being typed a prefix"
    );

    // Words saved later, and words an edit brings, are found the same way.
    let mut d = draft(EntryKind::Cpd, "Rota", "2026-11-01");
    d.body = "Procurement workshop".into();
    let edited = store
        .save_entry(Some(ids[2]), None, &d, at(21, 9))
        .expect("saves an edit")
        .id;
    assert_eq!(found(&store, "procure"), [edited]);
    let snippet = &search(&store, query("procure")).entries[0].snippet;
    assert!(
        snippet
            .iter()
            .any(|p| p.highlight && p.text == "Procurement"),
        "the whole word is marked: {snippet:?}"
    );
}

#[test]
fn a_prefix_that_becomes_too_many_words_is_still_searched() {
    let (_dir, store) = store();
    let words: Vec<String> = (0..40).map(|i| format!("staffing{i:02}")).collect();
    let mut d = draft(EntryKind::Reflection, "Many words", "2026-11-01");
    d.body = words.join(" ");
    let id = store
        .save_entry(None, None, &d, at(20, 9))
        .expect("saves")
        .id;
    assert_eq!(
        found(&store, "staffi"),
        [id],
        "40 words start with `staffi`"
    );
    assert_eq!(
        found(&store, "staffing3"),
        [id],
        "ten of them with `staffing3`"
    );
}

#[test]
fn date_orders_page_through_many_matches_exactly_whatever_order_they_were_added_in() {
    let (_dir, store) = store();
    let n = RANKED + 150;
    let first = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).expect("date");
    for i in 0..n {
        // Dates out of the order entries are added in: a third in one busy month (read a day
        // at a time), the rest spread over three years, several on some days.
        let day = if i % 3 == 0 {
            400 + (i * 7) % 30
        } else {
            (i * 389) % 1_095
        };
        let date = first + chrono::Duration::days(i64::try_from(day).expect("small"));
        let mut d = draft(
            EntryKind::Reflection,
            &format!("Note {i}"),
            &date.to_string(),
        );
        d.body = "Escalation on the ward".into();
        store.save_entry(None, None, &d, at(20, 9)).expect("saves");
    }
    let binned = store
        .find_entries(&query("escalation"))
        .expect("finds")
        .entries[3]
        .id;
    store.delete_entry(binned, at(21, 9)).expect("bins");
    for sort in [EntrySort::Newest, EntrySort::Oldest] {
        let listed = |text: &str| {
            let mut ids = Vec::new();
            loop {
                let page = search(
                    &store,
                    EntryQuery {
                        sort,
                        offset: u32::try_from(ids.len()).expect("small"),
                        limit: 50,
                        ..query(text)
                    },
                );
                if page.entries.is_empty() {
                    break ids;
                }
                ids.extend(page.entries.iter().map(|e| e.id));
            }
        };
        let found = listed("escalation");
        let all = listed("");
        assert_eq!(found.len(), n - 1, "every entry but the binned one, once");
        assert_eq!(
            found, all,
            "{sort:?}: page by page, the same order as the list without words (date, then as added)"
        );
    }
}
