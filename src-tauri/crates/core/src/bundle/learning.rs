//! The learning summary a bundle may carry (format 3): which lessons of which installed pack
//! the learner completed. It is written only when the learner ticks the box at export, so a
//! scheme's cohort report can show progress through its pack; a bundle without it is format 2.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::verify::shown;

/// The bundle format that added `learning` to `portfolio.json`.
pub const LEARNING_FORMAT_VERSION: u32 = 3;
/// The format written when the learner does not share their learning: readers from before
/// format 3 still open it.
pub const FORMAT_WITHOUT_LEARNING: u32 = 2;

/// One curriculum pack the learner has installed, with the lessons they completed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleLearningPack {
    pub pack_id: String,
    pub title: String,
    pub version: String,
    pub publisher: String,
    /// Lessons in the installed version (archived ones left out).
    pub lessons_total: u32,
    /// The lessons completed, in the pack's order.
    pub completed: Vec<BundleCompletedLesson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleCompletedLesson {
    pub lesson_id: String,
    pub title: String,
    /// When it was first marked complete: RFC 3339, UTC.
    pub completed_at: String,
}

/// The format a document with (or without) a learning summary is written as.
pub fn format_for(learning: Option<&[BundleLearningPack]>) -> u32 {
    if learning.is_some() {
        LEARNING_FORMAT_VERSION
    } else {
        FORMAT_WITHOUT_LEARNING
    }
}

/// What is wrong with a summary from elsewhere, one sentence each: a summary in a format that
/// has none, a pack or lesson named twice, more lessons completed than the pack has. Sizes are
/// bounded before this by the JSON limits `portfolio.json` is read within.
pub fn learning_problems(
    format_version: u32,
    learning: Option<&[BundleLearningPack]>,
) -> Vec<String> {
    let Some(packs) = learning else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    if format_version < LEARNING_FORMAT_VERSION {
        problems.push(format!(
            "carries a learning summary, which bundle format {format_version} does not have"
        ));
    }
    let mut pack_ids = HashSet::new();
    for pack in packs {
        if !pack_ids.insert(pack.pack_id.as_str()) {
            problems.push(format!(
                "names the pack `{}` twice in its learning summary",
                shown(&pack.pack_id)
            ));
        }
        let mut lesson_ids = HashSet::new();
        for lesson in &pack.completed {
            if !lesson_ids.insert(lesson.lesson_id.as_str()) {
                problems.push(format!(
                    "names the lesson `{}` of pack `{}` twice in its learning summary",
                    shown(&lesson.lesson_id),
                    shown(&pack.pack_id)
                ));
            }
        }
        if pack.completed.len() > pack.lessons_total as usize {
            problems.push(format!(
                "says {} lessons of pack `{}` were completed, but the pack has {}",
                pack.completed.len(),
                shown(&pack.pack_id),
                pack.lessons_total
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(id: &str, total: u32, lessons: &[&str]) -> BundleLearningPack {
        BundleLearningPack {
            pack_id: id.into(),
            title: "Pack".into(),
            version: "1.0.0".into(),
            publisher: "Scheme".into(),
            lessons_total: total,
            completed: lessons
                .iter()
                .map(|l| BundleCompletedLesson {
                    lesson_id: (*l).into(),
                    title: "Lesson".into(),
                    completed_at: "2026-11-02T09:30:00.000Z".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn only_a_shared_summary_raises_the_format() {
        assert_eq!(
            format_for(None),
            2,
            "older readers still open a bundle without it"
        );
        assert_eq!(
            format_for(Some(&[])),
            3,
            "an empty summary is still a shared one"
        );
    }

    #[test]
    fn a_summary_that_cannot_be_true_is_named() {
        let good = [pack("nw", 3, &["a", "b"])];
        assert!(
            learning_problems(3, Some(&good)).is_empty(),
            "an honest summary"
        );
        assert!(
            learning_problems(2, None).is_empty(),
            "no summary, nothing to check"
        );
        let problems =
            learning_problems(2, Some(&[pack("nw", 1, &["a", "a"]), pack("nw", 5, &[])]));
        assert_eq!(
            problems.len(),
            4,
            "every problem, not the first: {problems:?}"
        );
        assert!(
            problems[0].contains("format 2 does not have"),
            "{problems:?}"
        );
        assert!(
            problems[1].contains("lesson `a` of pack `nw` twice"),
            "{problems:?}"
        );
        assert!(problems[2].contains("2 lessons of pack `nw` were completed, but the pack has 1"));
        assert!(problems[3].contains("pack `nw` twice"), "{problems:?}");
    }
}
