//! Portfolio search next to its floor, for `make bench-compare`: for each query shape the
//! learner makes (one word, two words, a word being typed, a word with kind, tag and date
//! filters, a word newest first), the 95th percentile of `Store::find_entries` at 10,000 and
//! 100,000 entries, beside the same percentile of the least SQLite itself must do (a raw FTS5
//! query naming the 50 newest matches). Prints one JSON line per figure on standard output,
//! in the shape `benches/compare/compare.py` reads.

use std::time::Instant;

use rusqlite::Connection;
use serde_json::json;
use w2b_core::portfolio::{EntryKind, EntryQuery, EntrySort};

mod generated;
mod portfolio_data;
use portfolio_data::{filled, COMMON_WORD, RARE_WORD, SIZES};

/// Timed runs of each query, after a few untimed ones to warm the page cache.
const RUNS: usize = 60;
const WARM_UP: usize = 5;

/// A query shape: its name, the app's query, and the FTS5 expression the floor runs.
struct Shape {
    name: &'static str,
    query: EntryQuery,
    floor_match: &'static str,
}

fn shapes() -> Vec<Shape> {
    let words = |text: &str| EntryQuery {
        text: text.into(),
        sort: EntrySort::Relevance,
        ..EntryQuery::default()
    };
    vec![
        Shape {
            name: "search, one common word, best first",
            query: words(COMMON_WORD),
            floor_match: "\"ward\"*",
        },
        Shape {
            name: "search, one rare word, best first",
            query: words(RARE_WORD),
            floor_match: "\"thrombectomy\"*",
        },
        Shape {
            name: "search, a word being typed (\"mee\"), best first",
            query: words("mee"),
            floor_match: "\"mee\"*",
        },
        Shape {
            name: "search, a longer word being typed (\"governa\"), best first",
            query: words("governa"),
            // The whole word the prefix becomes: the least FTS5 can do for these matches.
            floor_match: "\"governance\"",
        },
        Shape {
            name: "search, two words, best first",
            query: words("ward budget"),
            floor_match: "\"ward\" \"budget\"",
        },
        Shape {
            name: "search, a word + kind + tag + dates, best first",
            query: EntryQuery {
                kinds: vec![EntryKind::Cpd, EntryKind::Reflection],
                tag: Some("finance".into()),
                from: Some("2024-01-01".into()),
                to: Some("2025-12-31".into()),
                ..words("budget")
            },
            floor_match: "\"budget\"",
        },
        Shape {
            name: "search, one common word, newest first",
            query: EntryQuery {
                sort: EntrySort::Newest,
                ..words(COMMON_WORD)
            },
            floor_match: "\"ward\"*",
        },
    ]
}

/// The 95th percentile of `runs` timings of `f`, in milliseconds.
fn p95(mut f: impl FnMut()) -> f64 {
    for _ in 0..WARM_UP {
        f();
    }
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[(times.len() * 95).div_ceil(100) - 1]
}

fn floor(conn: &Connection, fts: &str) -> f64 {
    let mut newest = conn
        .prepare(
            "SELECT rowid FROM entry_search WHERE entry_search MATCH ?1
             ORDER BY rowid DESC LIMIT 50",
        )
        .unwrap_or_else(|e| panic!("floor query: {e}"));
    p95(|| {
        let ids: Vec<i64> = newest
            .query_map([fts], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .unwrap_or_else(|e| panic!("floor: {e}"));
        std::hint::black_box(ids);
    })
}

fn main() {
    for n in SIZES {
        let (_dir, store) = filled(n);
        let raw = Connection::open(store.path()).unwrap_or_else(|e| panic!("raw: {e}"));
        let (limit_ms, goal) = if n >= 100_000 {
            (10.0, "<= 10 ms")
        } else {
            (2.0, "<= 2 ms")
        };
        for shape in shapes() {
            let found = store
                .find_entries(&shape.query)
                .unwrap_or_else(|e| panic!("{}: {e}", shape.name));
            eprintln!(
                "{n} entries, {}: {} found, showing {}",
                shape.name,
                found.total,
                found.entries.len()
            );
            let value = p95(|| {
                std::hint::black_box(
                    store
                        .find_entries(&shape.query)
                        .unwrap_or_else(|e| panic!("{e}")),
                );
            });
            let floor_value = floor(&raw, shape.floor_match);
            println!(
                "{}",
                json!({
                    "measure": format!("{} (p95)", shape.name),
                    "size": format!("{} entries", thousands(n)),
                    "value": round(value),
                    "unit": "ms",
                    "floor": "raw FTS5: 50 newest matching rowids",
                    "floor_value": round(floor_value),
                    "goal": goal,
                    "met": value <= limit_ms,
                })
            );
        }
        drop(raw);
        drop(store);
    }
}

fn round(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1000.0
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
