//! The built-in curriculum is product, so its shape is tested like code: it checks clean, every
//! question teaches through every option, every lesson maps to our framework and every
//! behaviour of the framework is taught somewhere, and each lesson is a 10-20 minute read.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};

use w2b_core::frameworks::builtin_frameworks;
use w2b_core::packs::{builtin_pack_files, parse_pack, Lesson, Pack};

/// Words per minute for careful reading of technical prose; `minutes` in each lesson is set
/// from it, and the app shows it as the lesson's reading time.
const WORDS_PER_MINUTE: usize = 180;
/// Reading time the path promises per lesson.
const MINUTES: std::ops::RangeInclusive<u32> = 10..=20;

fn builtin() -> Pack {
    let files = builtin_pack_files();
    parse_pack(&files).unwrap_or_else(|e| panic!("the built-in pack must parse:\n{e}"))
}

fn lessons(pack: &Pack) -> impl Iterator<Item = (&str, &Lesson)> {
    pack.modules
        .iter()
        .flat_map(|m| m.lessons.iter().map(move |l| (m.manifest.id.as_str(), l)))
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

#[test]
fn checks_with_no_problems_and_no_warnings() {
    let pack = builtin();
    assert!(
        pack.warnings.is_empty(),
        "the built-in pack has warnings:\n{}",
        pack.warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn has_the_six_modules_of_the_path_with_four_to_six_lessons_each() {
    let pack = builtin();
    let ids: Vec<&str> = pack
        .modules
        .iter()
        .map(|m| m.manifest.id.as_str())
        .collect();
    for required in [
        "budgets-and-finance",
        "line-management",
        "business-and-operational-planning",
        "accountability-and-governance",
        "performance-and-appraisal",
        "working-across-the-boundary",
    ] {
        assert!(ids.contains(&required), "module {required} is missing");
    }
    for module in &pack.modules {
        let n = module.lessons.len();
        assert!(
            (4..=6).contains(&n),
            "{} has {n} lessons; each module has 4 to 6",
            module.manifest.id
        );
    }
}

#[test]
fn every_question_explains_every_option() {
    let pack = builtin();
    for (module, lesson) in lessons(&pack) {
        let where_ = format!("{module}/{}", lesson.meta.id);
        let questions = &lesson.meta.questions;
        assert!(
            (3..=6).contains(&questions.len()),
            "{where_} has {} questions; lessons have 3 to 6",
            questions.len()
        );
        for q in questions {
            assert!(
                q.options.len() >= 3,
                "{where_} {}: fewer than 3 options",
                q.id
            );
            for option in &q.options {
                assert!(
                    words(&option.explanation) >= 6,
                    "{where_} {}: option {:?} needs an explanation that teaches, not {:?}",
                    q.id,
                    option.text,
                    option.explanation
                );
                assert_ne!(
                    option.explanation.trim(),
                    option.text.trim(),
                    "{where_} {}: an explanation must not just repeat the option",
                    q.id
                );
            }
        }
    }
}

#[test]
fn every_lesson_has_reflection_activity_key_points_and_further_reading() {
    let pack = builtin();
    for (module, lesson) in lessons(&pack) {
        let where_ = format!("{module}/{}", lesson.meta.id);
        assert!(
            lesson.meta.outcomes.len() >= 3,
            "{where_}: at least 3 outcomes"
        );
        for (field, value) in [
            ("reflection", &lesson.meta.reflection),
            ("activity", &lesson.meta.activity),
        ] {
            let text = value.as_deref().unwrap_or_default();
            assert!(
                words(text) >= 15,
                "{where_}: {field} is missing or too thin"
            );
        }
        for heading in ["\n## Key points\n", "\n## Further reading\n"] {
            assert!(lesson.body.contains(heading), "{where_}: no {heading:?}");
        }
        let reading = lesson
            .body
            .split("\n## Further reading\n")
            .nth(1)
            .unwrap_or_default();
        let sources = reading.lines().filter(|l| l.starts_with("- ")).count();
        assert!(
            sources >= 3,
            "{where_}: Further reading names {sources} sources, not at least 3"
        );
    }
}

#[test]
fn every_lesson_teaches_with_a_table_or_worked_figures() {
    let pack = builtin();
    for (module, lesson) in lessons(&pack) {
        assert!(
            lesson.body.lines().any(|l| {
                // A table's delimiter row: `|---|:--:|`
                let l = l.trim();
                l.starts_with('|')
                    && l.contains('-')
                    && l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
            }),
            "{module}/{}: no table; every lesson has a worked example laid out as one",
            lesson.meta.id
        );
    }
}

#[test]
fn every_lesson_maps_to_behaviours_and_every_behaviour_is_taught() {
    let pack = builtin();
    let frameworks = builtin_frameworks().expect("built-in frameworks");
    let cmpf = frameworks
        .iter()
        .find(|f| f.id == pack.manifest.framework)
        .expect("the pack's framework is built in");
    let behaviours: BTreeSet<&str> = cmpf.items().into_iter().map(|b| b.id).collect();
    assert!(behaviours.len() >= 40, "our framework has its behaviours");

    let mut taught: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (module, lesson) in lessons(&pack) {
        let mapped: Vec<&str> = lesson
            .meta
            .behaviours
            .iter()
            .map(String::as_str)
            .filter(|b| behaviours.contains(b))
            .collect();
        assert!(
            !mapped.is_empty(),
            "{module}/{} maps to no behaviour of {}",
            lesson.meta.id,
            cmpf.id
        );
        for b in mapped {
            taught.entry(b).or_default().push(&lesson.meta.id);
        }
    }
    let untaught: Vec<&&str> = behaviours
        .iter()
        .filter(|b| !taught.contains_key(**b))
        .collect();
    assert!(
        untaught.is_empty(),
        "no lesson teaches these behaviours: {untaught:?}"
    );
}

#[test]
fn every_lesson_is_a_ten_to_twenty_minute_read_and_says_so_honestly() {
    let pack = builtin();
    for (module, lesson) in lessons(&pack) {
        let where_ = format!("{module}/{}", lesson.meta.id);
        let body_words = words(&lesson.body);
        let measured = (body_words + WORDS_PER_MINUTE / 2) / WORDS_PER_MINUTE;
        let declared = lesson.meta.minutes;
        assert!(
            MINUTES.contains(&declared),
            "{where_}: says {declared} minutes; lessons are 10 to 20"
        );
        let measured = u32::try_from(measured).expect("small");
        assert!(
            MINUTES.contains(&measured),
            "{where_}: {body_words} words is about {measured} minutes; lessons are 10 to 20"
        );
        assert!(
            declared.abs_diff(measured) <= 2,
            "{where_}: says {declared} minutes but {body_words} words reads in about {measured}"
        );
    }
}

#[test]
fn is_written_in_uk_english() {
    // Common US spellings that slip into health writing. Whole words, any case.
    let us = [
        "organization",
        "organizations",
        "organizational",
        "behavior",
        "behaviors",
        "color",
        "favorable",
        "unfavorable",
        "analyze",
        "analyzed",
        "prioritize",
        "prioritized",
        "recognize",
        "recognized",
        "summarize",
        "center",
        "centers",
        "program",
        "programs",
        "labor",
        "honor",
        "pediatric",
        "anesthesia",
        "hospitalization",
    ];
    let pack = builtin();
    for (module, lesson) in lessons(&pack) {
        // Further reading quotes titles as published, some of them American.
        let ours = lesson
            .body
            .split("\n## Further reading\n")
            .next()
            .unwrap_or_default();
        let mut text = ours.to_lowercase();
        for q in &lesson.meta.questions {
            text.push(' ');
            text.push_str(&q.prompt.to_lowercase());
            for o in &q.options {
                text.push(' ');
                text.push_str(&o.text.to_lowercase());
                text.push(' ');
                text.push_str(&o.explanation.to_lowercase());
            }
        }
        let found: BTreeSet<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| us.contains(w))
            .collect();
        assert!(
            found.is_empty(),
            "{module}/{}: US spellings {found:?}",
            lesson.meta.id
        );
    }
}

/// The day this version's lessons were last checked against their sources. Review dates are
/// judged as of it, never as of the day the test runs.
const RELEASED: (i32, u32, u32) = (2026, 12, 4);

#[test]
fn every_lesson_is_dated_and_none_is_past_review_on_release_day() {
    use w2b_core::packs::stale_lessons;
    let pack = builtin();
    let released =
        chrono::NaiveDate::from_ymd_opt(RELEASED.0, RELEASED.1, RELEASED.2).expect("a real day");
    for (module, lesson) in lessons(&pack) {
        let meta = &lesson.meta;
        let (Some(checked), Some(review_by)) = (meta.checked, meta.review_by) else {
            panic!(
                "{module}/{}: every built-in lesson has checked and review_by",
                meta.id
            );
        };
        assert!(
            checked.0 <= released,
            "{module}/{}: checked {checked} cannot be after the release",
            meta.id
        );
        // Money, payment, regulation and law change every April: a year at most for those.
        let yearly = matches!(
            module,
            "budgets-and-finance" | "accountability-and-governance" | "line-management"
        );
        let limit = checked
            .0
            .checked_add_months(chrono::Months::new(if yearly { 12 } else { 24 }))
            .expect("a real day");
        assert!(
            review_by.0 <= limit,
            "{module}/{}: review_by {review_by} is more than {} after checked {checked}",
            meta.id,
            if yearly { "a year" } else { "two years" }
        );
    }
    let stale = stale_lessons(&pack, released);
    assert!(
        stale.is_empty(),
        "no built-in lesson is past review on release day:\n{}",
        stale
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}
