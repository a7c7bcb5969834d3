//! When a lesson's facts were last checked (`checked`) and when they must be checked again
//! (`review_by`): the checks `parse_pack` makes of the two dates, and the lessons past review
//! on a given day, for `w2b pack check --as-of` and the reader's notice.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Lesson, Pack, Problem};

/// Format 2 packs must date every lesson; format 1 packs are told to (a warning).
pub const DATED_FROM_FORMAT: u32 = 2;

/// The furthest `review_by` may sit after `checked` without a warning: NHS finance, structures
/// and regulation change every year, so two years is already long.
pub const MAX_REVIEW_YEARS: u32 = 2;

/// A calendar date in front matter: `"2026-12-04"` (quoted) or a bare TOML date `2026-12-04`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlainDate(pub NaiveDate);

impl fmt::Display for PlainDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for PlainDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PlainDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Text(String),
            Toml(toml::value::Datetime),
        }
        let text = match Written::deserialize(deserializer)? {
            Written::Text(text) => text,
            Written::Toml(datetime) => datetime.to_string(),
        };
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(PlainDate)
            .map_err(|_| {
                serde::de::Error::custom(format!(
                    "`{text}` is not a date: write it as \"YYYY-MM-DD\", for example \"2026-12-04\""
                ))
            })
    }
}

/// "4 December 2026", for messages.
pub fn in_words(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// Problems with a lesson's two dates: missing ones (errors from format 2 on, warnings before),
/// a review date not after the check, and one so far off that facts will go stale first.
pub(super) fn check_dates(lesson: &Lesson, pack_format: u32, problems: &mut Vec<Problem>) {
    let meta = &lesson.meta;
    let missing = |field: &str, what: &str, example: &str| {
        let problem = Problem::in_file(
            &lesson.path,
            format!("the lesson has no `{field}` date"),
            format!("add `{field} = \"{example}\"` to its front matter: {what}"),
        )
        .at(1, 1);
        if pack_format >= DATED_FROM_FORMAT {
            problem
        } else {
            problem.warning()
        }
    };
    if meta.checked.is_none() {
        problems.push(missing(
            "checked",
            "the day its facts were last verified against their sources",
            "2026-12-04",
        ));
    }
    if meta.review_by.is_none() {
        problems.push(missing(
            "review_by",
            "the day they must be verified again (a year out for finance and regulation, up to two for the rest)",
            "2027-12-04",
        ));
    }
    let (Some(checked), Some(review_by)) = (meta.checked, meta.review_by) else {
        return;
    };
    let line = lesson.review_by_line.unwrap_or(1);
    if review_by <= checked {
        problems.push(
            Problem::in_file(
                &lesson.path,
                format!("`review_by` ({review_by}) is not after `checked` ({checked})"),
                "set review_by to the day the facts must next be verified, after the day they were checked",
            )
            .at(line, 1),
        );
    } else if checked
        .0
        .checked_add_months(chrono::Months::new(12 * MAX_REVIEW_YEARS))
        .is_some_and(|limit| review_by.0 > limit)
    {
        problems.push(
            Problem::in_file(
                &lesson.path,
                format!(
                    "`review_by` ({review_by}) is more than {MAX_REVIEW_YEARS} years after `checked` ({checked})"
                ),
                "NHS finance, structures and regulation change every year: review within two years at most",
            )
            .warning()
            .at(line, 1),
        );
    }
}

/// Whether a lesson due for review on `review_by` is past it on `today`.
pub fn is_past_review(review_by: Option<NaiveDate>, today: NaiveDate) -> bool {
    review_by.is_some_and(|due| due < today)
}

/// A warning for each lesson of `pack` past its review date on `as_of`, at its `review_by` line.
pub fn stale_lessons(pack: &Pack, as_of: NaiveDate) -> Vec<Problem> {
    pack.modules
        .iter()
        .flat_map(|m| &m.lessons)
        .filter_map(|lesson| {
            let due = lesson.meta.review_by?;
            is_past_review(Some(due.0), as_of).then(|| {
                Problem::in_file(
                    &lesson.path,
                    format!(
                        "\"{}\" was due for review on {} (checked {})",
                        lesson.meta.title,
                        in_words(due.0),
                        lesson
                            .meta
                            .checked
                            .map_or_else(|| "never".to_owned(), |c| in_words(c.0)),
                    ),
                    "verify its facts against current sources, correct them, then set `checked` and `review_by` again",
                )
                .warning()
                .at(lesson.review_by_line.unwrap_or(1), 1)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packs::{parse_pack, PackFiles, Severity};

    fn manifest(format: u32) -> String {
        format!(
            "format = {format}\nid = \"test.dated\"\nversion = \"1.0.0\"\ntitle = \"Dated\"\n\
             publisher = \"Test scheme\"\nlicence = \"CC-BY-4.0\"\nlanguage = \"en-GB\"\n\
             min_app_version = \"0.1.0\"\nframework = \"cmpf\"\nmodules = [\"m1\"]\n"
        )
    }

    fn lesson(dates: &str) -> String {
        format!(
            "+++\nid = \"lesson-one\"\ntitle = \"Lesson one\"\nminutes = 12\n{dates}\
             behaviours = [\"cmpf.resources.stewardship\"]\n+++\n## Hello\n\nBody text.\n"
        )
    }

    fn files(format: u32, dates: &str) -> PackFiles {
        let (manifest, lesson) = (manifest(format), lesson(dates));
        PackFiles::from_embedded(&[
            ("pack.toml", manifest.as_bytes()),
            (
                "m1/module.toml",
                b"id = \"m1\"\ntitle = \"Module one\"\nlessons = [\"01.md\"]\n",
            ),
            ("m1/01.md", lesson.as_bytes()),
        ])
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    fn problems(files: &PackFiles) -> Vec<String> {
        parse_pack(files)
            .expect_err("refused")
            .problems
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn dates_are_read_quoted_or_as_bare_toml_dates() {
        for dates in [
            "checked = \"2026-12-04\"\nreview_by = \"2027-12-01\"\n",
            "checked = 2026-12-04\nreview_by = 2027-12-01\n",
        ] {
            let pack = parse_pack(&files(2, dates)).expect("a dated pack parses");
            let meta = &pack.modules[0].lessons[0].meta;
            assert_eq!(
                (meta.checked, meta.review_by),
                (
                    Some(PlainDate(date("2026-12-04"))),
                    Some(PlainDate(date("2027-12-01")))
                ),
                "both ways of writing a date mean the same: {dates}"
            );
            assert!(pack.warnings.is_empty(), "{:?}", pack.warnings);
            assert_eq!(
                pack.modules[0].lessons[0].review_by_line,
                Some(6),
                "review_by is on the file's sixth line"
            );
        }
    }

    #[test]
    fn format_2_requires_both_dates_and_format_1_is_warned() {
        assert_eq!(
            problems(&files(2, "")),
            [
                "m1/01.md:1:1: the lesson has no `checked` date (add `checked = \"2026-12-04\"` to its front matter: the day its facts were last verified against their sources)",
                "m1/01.md:1:1: the lesson has no `review_by` date (add `review_by = \"2027-12-04\"` to its front matter: the day they must be verified again (a year out for finance and regulation, up to two for the rest))",
            ],
            "a format 2 pack must date every lesson"
        );
        let old = parse_pack(&files(1, "")).expect("format 1 packs still import");
        let severities: Vec<Severity> = old.warnings.iter().map(|w| w.severity).collect();
        assert_eq!(
            severities,
            [Severity::Warning, Severity::Warning],
            "format 1: one warning per missing date"
        );
    }

    #[test]
    fn a_review_date_must_follow_the_check_and_come_within_two_years() {
        let backwards = problems(&files(
            2,
            "checked = \"2026-12-04\"\nreview_by = \"2026-12-04\"\n",
        ));
        assert_eq!(
            backwards,
            ["m1/01.md:6:1: `review_by` (2026-12-04) is not after `checked` (2026-12-04) (set review_by to the day the facts must next be verified, after the day they were checked)"],
            "at the review_by line"
        );
        let far = parse_pack(&files(
            2,
            "checked = \"2026-12-04\"\nreview_by = \"2029-01-01\"\n",
        ))
        .expect("far off is only a warning");
        assert_eq!(far.warnings.len(), 1, "{:?}", far.warnings);
        assert!(
            far.warnings[0]
                .message
                .contains("more than 2 years after `checked`"),
            "{}",
            far.warnings[0]
        );
    }

    #[test]
    fn a_date_that_is_not_one_is_refused_where_it_is_written() {
        let found = problems(&files(
            2,
            "checked = \"4/12/2026\"\nreview_by = \"2027-12-01\"\n",
        ));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("m1/01.md:5:") && found[0].contains("`4/12/2026` is not a date"),
            "file and line of the bad date, and how to write it: {found:?}"
        );
    }

    #[test]
    fn lessons_past_review_are_listed_as_of_any_day() {
        let pack = parse_pack(&files(
            2,
            "checked = \"2026-12-04\"\nreview_by = \"2027-04-01\"\n",
        ))
        .expect("valid");
        assert!(
            stale_lessons(&pack, date("2027-04-01")).is_empty(),
            "on its review day a lesson is not yet past it"
        );
        let stale: Vec<String> = stale_lessons(&pack, date("2027-04-02"))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            stale,
            ["m1/01.md:6:1: warning: \"Lesson one\" was due for review on 1 April 2027 (checked 4 December 2026) (verify its facts against current sources, correct them, then set `checked` and `review_by` again)"],
            "the day after, it is named with both dates"
        );
        assert!(is_past_review(Some(date("2026-01-01")), date("2026-01-02")));
        assert!(
            !is_past_review(None, date("2099-01-01")),
            "an undated lesson is never past review"
        );
    }
}
