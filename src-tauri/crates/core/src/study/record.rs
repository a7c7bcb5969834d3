//! The study record's rules: how much reading time one report may add, which dates the
//! summary's week and year start on, how a day's study becomes one CPD record, and how long a
//! note may be. The store keeps the record; these decide what goes in it.

use chrono::{Datelike, NaiveDate};

use super::{NoteView, StudiedLesson, StudyError};
use crate::markdown;

/// The largest note kept: far beyond any real note, small enough that a runaway paste
/// cannot bloat the database.
pub const MAX_NOTE_BYTES: usize = 256 * 1024;
/// The most reading time one report from the reader may add. The reader reports every few
/// seconds; a larger claim is a bug or a forgery, not study.
pub const MAX_STUDY_INCREMENT_SECONDS: u32 = 120;
/// How many days of unlogged study the summary lists.
pub const UNLOGGED_DAYS_SHOWN: u32 = 14;
/// How many CPD records made from study the summary lists.
pub const CPD_RECORDS_SHOWN: u32 = 20;
/// Less study than this in a day is not worth a CPD record.
const MIN_CPD_SECONDS: u32 = 60;

/// A learner's local date, written YYYY-MM-DD.
pub fn parse_day(value: &str) -> Result<NaiveDate, StudyError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| StudyError::Invalid(format!("`{value}` is not a date written as YYYY-MM-DD")))
}

/// The date written YYYY-MM-DD, as the store keeps local dates.
pub fn day_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Refuses a report of reading time outside 1 to `MAX_STUDY_INCREMENT_SECONDS` seconds.
pub fn check_increment(seconds: u32) -> Result<(), StudyError> {
    if seconds == 0 || seconds > MAX_STUDY_INCREMENT_SECONDS {
        return Err(StudyError::Invalid(format!(
            "reading time is reported in steps of 1 to {MAX_STUDY_INCREMENT_SECONDS} seconds, not {seconds}"
        )));
    }
    Ok(())
}

/// The first days of `today`'s week (Monday) and year (1 January), which the summary counts from.
pub fn week_and_year_start(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let january = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    (monday, january)
}

/// A day's study as one CPD record: its title and whole minutes (to the nearest). Refuses a
/// day with less than a minute waiting.
pub fn cpd_from_day(
    local_date: &str,
    lessons: &[StudiedLesson],
) -> Result<(String, u32), StudyError> {
    let seconds: u32 = lessons.iter().map(|l| l.seconds).sum();
    if seconds < MIN_CPD_SECONDS {
        return Err(StudyError::Invalid(format!(
            "there is no study on {local_date} waiting to be logged (at least a minute is needed)"
        )));
    }
    Ok((cpd_title(lessons), (seconds + 30) / 60))
}

fn cpd_title(lessons: &[StudiedLesson]) -> String {
    match lessons {
        [one] => format!("Studied \u{201c}{}\u{201d}", one.title),
        many => {
            let titles: Vec<&str> = many.iter().map(|l| l.title.as_str()).collect();
            let (last, rest) = titles.split_last().map_or(("", &[][..]), |(l, r)| (*l, r));
            format!(
                "Studied {} lessons: {} and {}",
                many.len(),
                rest.join(", "),
                last
            )
        }
    }
}

/// Refuses a note longer than `MAX_NOTE_BYTES`, suggesting where the rest can go.
pub fn check_note(body: &str) -> Result<(), StudyError> {
    if body.len() > MAX_NOTE_BYTES {
        return Err(StudyError::Invalid(format!(
            "this note is {} KB; notes can be up to {} KB. Move some of it into your portfolio.",
            body.len() / 1024,
            MAX_NOTE_BYTES / 1024
        )));
    }
    Ok(())
}

impl NoteView {
    /// The note as stored, `(body, updated_at)`, with its preview rendered.
    pub fn from_markdown((body, updated_at): (String, String)) -> Self {
        Self {
            html: markdown::render(&body),
            body,
            updated_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(title: &str, seconds: u32) -> StudiedLesson {
        StudiedLesson {
            pack_id: "p".into(),
            lesson_id: title.to_lowercase(),
            title: title.into(),
            seconds,
        }
    }

    fn refusal(result: Result<impl std::fmt::Debug, StudyError>) -> String {
        match result {
            Err(StudyError::Invalid(message)) => message,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn reading_time_comes_in_small_steps() {
        assert!(check_increment(1).is_ok(), "one second is a step");
        assert!(
            check_increment(MAX_STUDY_INCREMENT_SECONDS).is_ok(),
            "the cap is allowed"
        );
        assert_eq!(
            refusal(check_increment(0)),
            "reading time is reported in steps of 1 to 120 seconds, not 0",
            "nothing is not a step"
        );
        assert!(check_increment(121).is_err(), "above the cap is refused");
    }

    #[test]
    fn dates_are_written_in_full() {
        assert!(parse_day("2026-11-23").is_ok(), "a real date");
        assert_eq!(
            refusal(parse_day("2026-02-30")),
            "`2026-02-30` is not a date written as YYYY-MM-DD",
            "an impossible date"
        );
    }

    #[test]
    fn the_week_starts_on_monday_and_the_year_in_january() {
        let sunday = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        let (monday, january) = week_and_year_start(sunday);
        assert_eq!(
            day_text(monday),
            "2026-11-23",
            "Sunday belongs to the week before it"
        );
        assert_eq!(day_text(january), "2026-01-01", "the calendar year");
        let monday_itself = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        assert_eq!(
            week_and_year_start(monday_itself).0,
            monday_itself,
            "Monday starts its own week"
        );
    }

    #[test]
    fn a_day_of_study_becomes_one_titled_record_in_whole_minutes() {
        assert_eq!(
            cpd_from_day("2026-11-23", &[lesson("Rotas", 89)]).ok(),
            Some(("Studied \u{201c}Rotas\u{201d}".to_owned(), 1)),
            "one lesson is named; 89 seconds rounds to a minute"
        );
        let three = [
            lesson("Rotas", 60),
            lesson("Budgets", 60),
            lesson("Appraisal", 30),
        ];
        assert_eq!(
            cpd_from_day("2026-11-23", &three).ok(),
            Some((
                "Studied 3 lessons: Rotas, Budgets and Appraisal".to_owned(),
                3
            )),
            "several lessons are listed; 150 seconds rounds up to 3 minutes"
        );
        assert_eq!(
            refusal(cpd_from_day("2026-11-23", &[lesson("Rotas", 59)])),
            "there is no study on 2026-11-23 waiting to be logged (at least a minute is needed)",
            "under a minute is not logged"
        );
    }

    #[test]
    fn notes_have_a_generous_limit() {
        assert!(
            check_note(&"a".repeat(MAX_NOTE_BYTES)).is_ok(),
            "the limit itself is kept"
        );
        assert_eq!(
            refusal(check_note(&"a".repeat(MAX_NOTE_BYTES + 2048))),
            "this note is 258 KB; notes can be up to 256 KB. Move some of it into your portfolio.",
            "a longer note is refused with its size"
        );
    }
}
