//! The study record against a real database: rounds, notes, reading time and CPD from study.

use chrono::TimeZone;

use super::*;
use crate::packs::{parse_pack, PackFiles};
use crate::study::{MAX_NOTE_BYTES, MAX_STUDY_INCREMENT_SECONDS};

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0)
        .single()
        .expect("valid time")
}

const LESSON: &str = r#"+++
id = "variance"
title = "Variance"
minutes = 10

[[questions]]
id = "q1"
type = "single"
prompt = "Spending £10 more than budget is"
  [[questions.options]]
  text = "adverse"
  correct = true
  explanation = "Right: over budget is adverse."
  [[questions.options]]
  text = "favourable"
  correct = false
  explanation = "Favourable means under budget."

[[questions]]
id = "q2"
type = "multiple"
prompt = "Which are pay lines?"
  [[questions.options]]
  text = "Band 5 nurses"
  correct = true
  explanation = "Yes, salaries are pay."
  [[questions.options]]
  text = "Dressings"
  correct = false
  explanation = "No, supplies are non-pay."
  [[questions.options]]
  text = "Agency staff"
  correct = true
  explanation = "Yes, temporary staff are pay."
+++
A forecast outturn is the **expected** spend at year end.

| Line | Budget |
|---|---|
| Agency | £0 |
"#;

fn store_with_pack(dir: &std::path::Path, pass_mark: Option<u8>) -> Store {
    let mark = pass_mark.map_or(String::new(), |m| format!("pass_mark = {m}\n"));
    let manifest = format!(
        "format = 1\nid = \"p\"\nversion = \"1.0.0\"\ntitle = \"Pack\"\npublisher = \"P\"\n\
         licence = \"L\"\nlanguage = \"en-GB\"\nmin_app_version = \"0.1.0\"\nframework = \"cmpf\"\n\
         modules = [\"m\"]\n{mark}"
    );
    let module = "id = \"m\"\ntitle = \"Money\"\nlessons = [\"variance.md\", \"plain.md\"]\n";
    let plain = "+++\nid = \"plain\"\ntitle = \"Plain\"\nminutes = 10\n+++\nNo questions here.\n";
    let entries: Vec<(&str, &[u8])> = vec![
        ("pack.toml", manifest.as_bytes()),
        ("m/module.toml", module.as_bytes()),
        ("m/variance.md", LESSON.as_bytes()),
        ("m/plain.md", plain.as_bytes()),
    ];
    let pack = parse_pack(&PackFiles::from_embedded(&entries)).expect("valid pack");
    let store = Store::open(dir, at(23, 9)).expect("opens");
    store
        .install_pack(&pack, false, at(23, 9))
        .expect("install");
    store
}

fn rows(store: &Store, table: &str) -> i64 {
    store
        .reader()
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

#[test]
fn questions_are_shown_without_answers_until_answered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_pack(dir.path(), None);
    let quiz = store.quiz("p", "variance").expect("quiz");
    assert_eq!(quiz.questions.len(), 2);
    assert!(!quiz.questions[0].multiple && quiz.questions[1].multiple);
    assert_eq!(
        quiz.questions[1].options,
        ["Band 5 nurses", "Dressings", "Agency staff"]
    );
    assert_eq!(quiz.current, None, "no round until the first answer");
    assert_eq!(quiz.pass_mark, DEFAULT_PASS_MARK);
    let json = serde_json::to_string(&quiz).expect("json");
    assert!(
        !json.contains("explanation") && !json.contains("correct"),
        "nothing gives the answers away before answering: {json}"
    );
}

#[test]
fn each_answer_gets_feedback_and_a_round_is_scored_when_every_question_is_answered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_pack(dir.path(), None);
    let after_one = store
        .answer_question("p", "variance", "q1", &[1], at(23, 10))
        .expect("answer");
    let round = after_one.current.expect("a round started");
    assert_eq!((round.number, round.finished_at.as_deref()), (1, None));
    let feedback = &round.answers[0];
    assert!(!feedback.correct, "favourable was wrong");
    assert_eq!(
        feedback
            .options
            .iter()
            .map(|o| (o.correct, o.selected, o.explanation.as_str()))
            .collect::<Vec<_>>(),
        [
            (true, false, "Right: over budget is adverse."),
            (false, true, "Favourable means under budget.")
        ],
        "every option is explained, with the learner's choice marked"
    );

    // A multiple-answer question is right only with exactly the right set, in any order.
    let done = store
        .answer_question("p", "variance", "q2", &[2, 0, 2], at(23, 10))
        .expect("answer");
    let round = done.current.expect("round");
    assert!(round.answers[1].correct);
    assert_eq!((round.score, round.questions), (1, 2));
    assert!(
        round.finished_at.is_some(),
        "both answered: the round is over"
    );
    assert_eq!((done.rounds_finished, done.best_score), (1, Some(1)));
    assert!(!done.passed, "1 of 2 is under 80%");

    let again = store
        .answer_question("p", "variance", "q1", &[0], at(23, 10))
        .expect("a finished round means the next answer starts a new one");
    assert_eq!(again.current.expect("round 2").number, 2);
    let err = store
        .answer_question("p", "variance", "q1", &[0], at(23, 10))
        .expect_err("one answer per question per round");
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(rows(&store, "quiz_answers"), 3, "every answer is on record");
}

#[test]
fn bad_answers_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_pack(dir.path(), None);
    for (question, selected) in [("q1", &[][..]), ("q1", &[0, 1][..]), ("q2", &[3][..])] {
        let err = store
            .answer_question("p", "variance", question, selected, at(23, 10))
            .expect_err("refused");
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    }
    for (lesson, question) in [("variance", "q9"), ("gone", "q1")] {
        let err = store
            .answer_question("p", lesson, question, &[0], at(23, 10))
            .expect_err("refused");
        assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    }
    assert_eq!(
        rows(&store, "quiz_attempts") + rows(&store, "quiz_answers"),
        0
    );
}

#[test]
fn mastery_needs_completion_and_a_round_at_the_packs_pass_mark() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_pack(dir.path(), Some(50));
    store
        .answer_question("p", "variance", "q1", &[0], at(23, 10))
        .expect("right");
    let quiz = store
        .answer_question("p", "variance", "q2", &[1], at(23, 10))
        .expect("wrong");
    assert!(quiz.passed, "1 of 2 reaches a pass mark of 50");
    assert!(!quiz.mastered, "but the lesson is not complete yet");
    store
        .set_lesson_complete("p", "variance", true, at(23, 11))
        .expect("complete");
    assert!(store.quiz("p", "variance").expect("quiz").mastered);
    let path = store.learning_path().expect("path");
    let lessons = &path.packs[0].modules[0].lessons;
    assert!(lessons[0].mastered, "the path shows mastery");
    assert!(
        !lessons[1].mastered,
        "a lesson with no questions is mastered by completing it"
    );
    store
        .set_lesson_complete("p", "plain", true, at(23, 11))
        .expect("complete");
    assert!(store.learning_path().expect("path").packs[0].modules[0].lessons[1].mastered);
}

#[test]
fn restarting_keeps_earlier_rounds_and_does_not_pile_up_empty_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_pack(dir.path(), None);
    store
        .answer_question("p", "variance", "q1", &[1], at(23, 10))
        .expect("answer");
    let fresh = store
        .restart_quiz("p", "variance", at(23, 10))
        .expect("restart");
    let round = fresh.current.expect("round 2");
    assert_eq!((round.number, round.answers.len()), (2, 0));
    store
        .restart_quiz("p", "variance", at(23, 10))
        .expect("restart again");
    assert_eq!(rows(&store, "quiz_attempts"), 2, "an empty round is reused");
    assert_eq!(
        rows(&store, "quiz_answers"),
        1,
        "the unfinished round's answer is kept"
    );
    let err = store
        .restart_quiz("p", "plain", at(23, 10))
        .expect_err("no questions");
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
}

#[test]
fn notes_are_saved_replaced_and_removed_when_emptied() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_pack(dir.path(), None);
    assert_eq!(store.note("p", "variance").expect("note"), None);
    let saved = store
        .save_note(
            "p",
            "variance",
            "Ask **Sam** about agency <script>x()</script>",
            at(23, 10),
        )
        .expect("save")
        .expect("a note");
    assert!(
        saved.html.contains("<strong>Sam</strong>"),
        "{}",
        saved.html
    );
    assert!(!saved.html.contains("<script"), "the preview is sanitised");
    store
        .save_note("p", "variance", "Second thoughts", at(23, 11))
        .expect("save");
    let note = store.note("p", "variance").expect("note").expect("kept");
    assert_eq!(note.body, "Second thoughts");
    assert_eq!(note.updated_at, "2026-11-23T11:00:00.000Z");

    let huge = "x".repeat(MAX_NOTE_BYTES + 1);
    let err = store
        .save_note("p", "variance", &huge, at(23, 12))
        .expect_err("too big");
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert_eq!(
        store
            .note("p", "variance")
            .expect("note")
            .expect("kept")
            .body,
        "Second thoughts",
        "a refused save leaves the note as it was"
    );
    assert_eq!(
        store
            .save_note("p", "variance", "  \n", at(23, 12))
            .expect("save"),
        None
    );
    assert_eq!(
        rows(&store, "lesson_notes"),
        0,
        "an emptied note is removed"
    );
}

#[test]
fn reading_time_adds_up_per_sitting_day_week_year_and_module() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_pack(dir.path(), None);
    // Monday 23 November 2026: two reports in one sitting, then another lesson.
    let sitting = store
        .record_study("p", "variance", None, 30, "2026-11-23", at(23, 10))
        .expect("record");
    let same = store
        .record_study("p", "variance", Some(sitting), 45, "2026-11-23", at(23, 10))
        .expect("record");
    assert_eq!(same, sitting, "one sitting, one row");
    store
        .record_study("p", "plain", Some(sitting), 60, "2026-11-23", at(23, 11))
        .expect("another lesson starts its own sitting");
    // Sunday before (last week), and a day in January (this year).
    store
        .record_study("p", "plain", None, 100, "2026-11-22", at(22, 10))
        .expect("record");
    store
        .record_study("p", "plain", None, 7, "2026-01-02", at(2, 10))
        .expect("record");
    // A claim of more than one step's worth of time is refused.
    let err = store
        .record_study(
            "p",
            "plain",
            None,
            MAX_STUDY_INCREMENT_SECONDS + 1,
            "2026-11-23",
            at(23, 12),
        )
        .expect_err("too much at once");
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    let err = store
        .record_study("p", "plain", None, 5, "23/11/2026", at(23, 12))
        .expect_err("bad date");
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");

    let summary = store.study_summary("2026-11-23").expect("summary");
    assert_eq!(summary.today_seconds, 135);
    assert_eq!(summary.week_seconds, 135, "the week starts on Monday");
    assert_eq!(summary.year_seconds, 242);
    assert_eq!(summary.modules.len(), 1);
    assert_eq!(summary.modules[0].seconds, 242);
    let today = &summary.unlogged_days[0];
    assert_eq!((today.date.as_str(), today.seconds), ("2026-11-23", 135));
    assert_eq!(
        today
            .lessons
            .iter()
            .map(|l| (l.title.as_str(), l.seconds))
            .collect::<Vec<_>>(),
        [("Variance", 75), ("Plain", 60)]
    );
}

#[test]
fn a_days_study_becomes_one_cpd_record_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_pack(dir.path(), None);
    let sitting = store
        .record_study("p", "variance", None, 100, "2026-11-23", at(23, 10))
        .expect("record");
    store
        .record_study("p", "plain", None, 80, "2026-11-23", at(23, 10))
        .expect("record");
    let record = store
        .log_study_as_cpd("2026-11-23", at(23, 12))
        .expect("logged");
    assert_eq!(record.title, "Studied 2 lessons: Variance and Plain");
    assert_eq!((record.minutes, record.participatory), (3, false));
    assert_eq!(record.category, "management");
    assert_eq!(record.lessons.len(), 2);
    let err = store
        .log_study_as_cpd("2026-11-23", at(23, 12))
        .expect_err("already logged");
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert_eq!(rows(&store, "cpd_records"), 1);

    // More reading after logging goes into a new sitting, waiting for the next log.
    let next = store
        .record_study("p", "variance", Some(sitting), 20, "2026-11-23", at(23, 13))
        .expect("record");
    assert_ne!(next, sitting, "a logged sitting is closed");
    let summary = store.study_summary("2026-11-23").expect("summary");
    assert_eq!(
        summary.today_seconds, 200,
        "logged time still counts as time studied"
    );
    assert_eq!(summary.unlogged_days[0].seconds, 20);
    assert_eq!(summary.cpd_records, [record]);
}

#[test]
fn reading_position_and_text_size_are_remembered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_pack(dir.path(), None);
    store
        .save_reading_position("p", "variance", 420)
        .expect("save");
    assert_eq!(
        store
            .lesson("p", "variance")
            .expect("lesson")
            .scroll_permille,
        420
    );
    store
        .save_reading_position("p", "variance", 5000)
        .expect("clamped");
    assert_eq!(
        store
            .lesson("p", "variance")
            .expect("lesson")
            .scroll_permille,
        1000
    );
    assert_eq!(
        store.settings().expect("settings").text_size,
        TextSize::Standard
    );
    store.set_text_size(TextSize::Larger).expect("set");
    drop(store);
    let store = Store::open(dir.path(), at(24, 9)).expect("reopen");
    assert_eq!(
        store.settings().expect("settings").text_size,
        TextSize::Larger
    );
}

#[test]
fn search_finds_lesson_words_with_marked_snippets_and_forgets_removed_lessons() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_pack(dir.path(), None);
    let hits = store.search_lessons("forecast outt", 20).expect("search");
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(
        (hit.lesson_id.as_str(), hit.module_title.as_str()),
        ("variance", "Money")
    );
    let marked: Vec<&str> = hit
        .snippet
        .iter()
        .filter(|p| p.highlight)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marked, ["forecast", "outturn"]);
    let text: String = hit.snippet.iter().map(|p| p.text.as_str()).collect();
    assert!(
        !text.contains("**"),
        "snippets are prose, not Markdown: {text}"
    );
    assert!(store
        .search_lessons("\"AND( NEAR*", 20)
        .expect("odd input is only text")
        .is_empty());
    assert!(store.search_lessons("", 20).expect("empty").is_empty());
    assert_eq!(
        store.search_lessons("plain", 20).expect("title")[0].lesson_id,
        "plain"
    );
    store.remove_pack("p").expect("remove");
    assert!(store
        .search_lessons("forecast", 20)
        .expect("search")
        .is_empty());
    assert_eq!(rows(&store, "lesson_search"), 0);
}

#[test]
fn an_earlier_day_can_be_logged_after_a_later_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with_pack(dir.path(), None);
    store
        .record_study("p", "variance", None, 90, "2026-11-22", at(22, 10))
        .expect("record");
    store
        .record_study("p", "plain", None, 120, "2026-11-23", at(23, 10))
        .expect("record");
    let today = store
        .log_study_as_cpd("2026-11-23", at(23, 12))
        .expect("today");
    let yesterday = store
        .log_study_as_cpd("2026-11-22", at(23, 12))
        .expect("yesterday, logged after today");
    assert_eq!(yesterday.activity_date, "2026-11-22");
    assert_eq!(yesterday.title, "Studied \u{201c}Variance\u{201d}");
    assert_eq!(
        store
            .study_summary("2026-11-23")
            .expect("summary")
            .cpd_records,
        [today, yesterday],
        "newest day first"
    );
}
