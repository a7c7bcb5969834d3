//! The self-check's rules: whether an answer may be given and whether it is right, when a
//! round is finished and what it scored, whether it reaches the pass mark, and the self-check
//! as the learner sees it. The store reads and writes the rounds; these decide.

use std::collections::BTreeMap;

use super::{AnswerFeedback, AttemptView, OptionFeedback, QuestionView, QuizState, StudyError};
use crate::packs::{Question, QuestionType};

/// The options chosen, sorted and without repeats, and whether they are exactly the right
/// ones. Refuses no choice, an option the question does not have, and more than one choice
/// on a single-answer question.
pub fn check_answer(question: &Question, selected: &[u32]) -> Result<(Vec<u32>, bool), StudyError> {
    let mut chosen = selected.to_vec();
    chosen.sort_unstable();
    chosen.dedup();
    let options = u32::try_from(question.options.len()).unwrap_or(u32::MAX);
    if chosen.is_empty() {
        return Err(StudyError::Invalid("choose an answer first".into()));
    }
    if chosen.iter().any(|&i| i >= options) {
        return Err(StudyError::Invalid(format!(
            "question `{}` has only {options} options",
            question.id
        )));
    }
    if question.kind == QuestionType::Single && chosen.len() > 1 {
        return Err(StudyError::Invalid("choose one answer only".into()));
    }
    let right: Vec<u32> = (0_u32..)
        .zip(&question.options)
        .filter(|(_, o)| o.correct)
        .map(|(i, _)| i)
        .collect();
    let correct = chosen == right;
    Ok((chosen, correct))
}

/// A round's score once every current question has an answer; `None` while any is open.
/// Answers to questions a newer pack version dropped do not count.
pub fn finished_score(questions: &[Question], answers: &[(String, bool)]) -> Option<u32> {
    let current = |id: &str| questions.iter().any(|q| q.id == id);
    let given: Vec<bool> = answers
        .iter()
        .filter(|(id, _)| current(id))
        .map(|(_, correct)| *correct)
        .collect();
    (given.len() == questions.len())
        .then(|| u32::try_from(given.iter().filter(|c| **c).count()).unwrap_or(u32::MAX))
}

/// Whether a round's score is at least `pass_mark` percent of its questions. The queries
/// that look across many rounds say the same in SQL: `score * 100 >= pass_mark * questions`.
pub fn reaches_pass_mark(score: u32, questions: u32, pass_mark: u8) -> bool {
    questions > 0 && u64::from(score) * 100 >= u64::from(pass_mark) * u64::from(questions)
}

/// The latest round as stored: its answers are the options chosen and whether they were
/// right, by question id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRound {
    /// 1 for the lesson's first round.
    pub number: u32,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub score: u32,
    pub questions: u32,
    pub answers: BTreeMap<String, (Vec<u32>, bool)>,
}

/// What the store knows of a lesson's rounds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoundsRecord {
    pub finished: u32,
    pub best_score: Option<u32>,
    /// A finished round reached the pass mark.
    pub passed: bool,
    pub latest: Option<StoredRound>,
}

/// The self-check as the learner sees it: questions without their answers, the latest round
/// with feedback in question order, and mastery (complete, and passed or nothing to pass).
pub fn quiz_state(
    questions: &[Question],
    pass_mark: u8,
    completed: bool,
    record: RoundsRecord,
) -> QuizState {
    let current = record.latest.map(|round| {
        // Answers to questions a newer pack version dropped stay stored but are not shown.
        let answers = questions
            .iter()
            .filter_map(|q| {
                round
                    .answers
                    .get(&q.id)
                    .map(|(selected, correct)| feedback(q, selected, *correct))
            })
            .collect();
        AttemptView {
            number: round.number,
            passed: round.finished_at.is_some()
                && reaches_pass_mark(round.score, round.questions, pass_mark),
            started_at: round.started_at,
            finished_at: round.finished_at,
            score: round.score,
            questions: round.questions,
            answers,
        }
    });
    QuizState {
        questions: questions.iter().map(question_view).collect(),
        current,
        rounds_finished: record.finished,
        best_score: record.best_score,
        pass_mark,
        passed: record.passed,
        mastered: completed && (questions.is_empty() || record.passed),
    }
}

fn question_view(q: &Question) -> QuestionView {
    QuestionView {
        id: q.id.clone(),
        multiple: q.kind == QuestionType::Multiple,
        prompt: q.prompt.clone(),
        options: q.options.iter().map(|o| o.text.clone()).collect(),
    }
}

fn feedback(question: &Question, selected: &[u32], correct: bool) -> AnswerFeedback {
    AnswerFeedback {
        question_id: question.id.clone(),
        correct,
        options: (0_u32..)
            .zip(&question.options)
            .map(|(i, o)| OptionFeedback {
                text: o.text.clone(),
                correct: o.correct,
                selected: selected.contains(&i),
                explanation: o.explanation.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packs::AnswerOption;

    fn question(id: &str, kind: QuestionType, right: &[bool]) -> Question {
        Question {
            id: id.into(),
            kind,
            prompt: format!("{id}?"),
            options: right
                .iter()
                .enumerate()
                .map(|(i, &correct)| AnswerOption {
                    text: format!("option {i}"),
                    correct,
                    explanation: format!("because {i}"),
                })
                .collect(),
        }
    }

    fn invalid(result: Result<(Vec<u32>, bool), StudyError>) -> String {
        match result {
            Err(StudyError::Invalid(message)) => message,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn an_answer_is_right_only_when_it_is_exactly_the_right_options() {
        let single = question("q1", QuestionType::Single, &[false, true, false]);
        assert_eq!(
            check_answer(&single, &[1]).ok(),
            Some((vec![1], true)),
            "the one right option is right"
        );
        assert_eq!(
            check_answer(&single, &[2]).ok(),
            Some((vec![2], false)),
            "a wrong option is wrong"
        );
        let multiple = question("q2", QuestionType::Multiple, &[true, false, true]);
        assert_eq!(
            check_answer(&multiple, &[2, 0, 2]).ok(),
            Some((vec![0, 2], true)),
            "choices are sorted and repeats dropped before comparing"
        );
        assert_eq!(
            check_answer(&multiple, &[0]).ok(),
            Some((vec![0], false)),
            "half the right options is not right"
        );
    }

    #[test]
    fn impossible_answers_are_refused_with_what_to_do() {
        let single = question("q1", QuestionType::Single, &[false, true]);
        assert_eq!(
            invalid(check_answer(&single, &[])),
            "choose an answer first",
            "no choice"
        );
        assert_eq!(
            invalid(check_answer(&single, &[2])),
            "question `q1` has only 2 options",
            "an option that does not exist"
        );
        assert_eq!(
            invalid(check_answer(&single, &[0, 1])),
            "choose one answer only",
            "two choices on a single-answer question"
        );
    }

    #[test]
    fn a_round_finishes_when_every_current_question_has_an_answer() {
        let questions = [
            question("a", QuestionType::Single, &[true]),
            question("b", QuestionType::Single, &[true]),
        ];
        let answer = |id: &str, right: bool| (id.to_owned(), right);
        assert_eq!(
            finished_score(&questions, &[answer("a", true)]),
            None,
            "one question is still open"
        );
        assert_eq!(
            finished_score(&questions, &[answer("a", true), answer("gone", true)]),
            None,
            "an answer to a dropped question does not finish the round"
        );
        assert_eq!(
            finished_score(&questions, &[answer("b", false), answer("a", true)]),
            Some(1),
            "the score counts the right answers"
        );
    }

    #[test]
    fn the_pass_mark_is_a_share_of_the_questions() {
        assert!(reaches_pass_mark(4, 5, 80), "4 of 5 is 80%");
        assert!(!reaches_pass_mark(3, 5, 80), "3 of 5 is 60%");
        assert!(
            !reaches_pass_mark(0, 0, 0),
            "a round with no questions passes nothing"
        );
    }

    #[test]
    fn the_state_shows_feedback_in_question_order_and_mastery() {
        let questions = [
            question("a", QuestionType::Single, &[false, true]),
            question("b", QuestionType::Single, &[true, false]),
        ];
        let round = StoredRound {
            number: 2,
            started_at: "start".into(),
            finished_at: Some("end".into()),
            score: 2,
            questions: 2,
            answers: BTreeMap::from([
                ("b".to_owned(), (vec![0], true)),
                ("a".to_owned(), (vec![1], true)),
                ("gone".to_owned(), (vec![0], false)),
            ]),
        };
        let record = RoundsRecord {
            finished: 2,
            best_score: Some(2),
            passed: true,
            latest: Some(round),
        };
        let state = quiz_state(&questions, 80, true, record);
        let current = state.current.expect("a round is shown");
        let order: Vec<&str> = current
            .answers
            .iter()
            .map(|a| a.question_id.as_str())
            .collect();
        assert_eq!(
            order,
            ["a", "b"],
            "feedback follows the questions, dropping the dropped one"
        );
        assert!(current.passed, "a finished round at the pass mark passed");
        assert!(
            current.answers[0].options[1].selected,
            "the chosen option is marked"
        );
        assert!(state.mastered, "complete and passed is mastered");
        assert_eq!(
            state.questions[0].options,
            ["option 0", "option 1"],
            "options without answers"
        );

        let untried = quiz_state(&questions, 80, true, RoundsRecord::default());
        assert!(!untried.mastered, "complete but not passed is not mastered");
        assert!(
            quiz_state(&[], 80, true, RoundsRecord::default()).mastered,
            "a lesson with nothing to pass is mastered once complete"
        );
    }
}
