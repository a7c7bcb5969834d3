//! What is wrong with a pack, said like a compiler: file, line, column, what, and how to fix it.

use std::fmt;

use serde::Serialize;

use crate::problems::ProblemAt;

/// Errors stop a pack from being built or imported; warnings point at content that will be
/// changed when shown (stripped HTML, removed links) but do not block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    /// Path relative to the pack root, with `/` separators.
    pub file: String,
    /// 1-based; `None` when the problem is about the file as a whole.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// What the author should do about it.
    pub hint: String,
}

impl Problem {
    pub fn in_file(file: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: file.to_owned(),
            line: None,
            column: None,
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// `file`, `file:line` or `file:line:column`: where the problem is.
    pub fn place(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", self.file),
            (Some(line), None) => format!("{}:{line}", self.file),
            _ => self.file.clone(),
        }
    }

    /// What is wrong and how to fix it, marked when it is only a warning.
    pub fn explained(&self) -> String {
        let label = if self.severity == Severity::Warning {
            "warning: "
        } else {
            ""
        };
        if self.hint.is_empty() {
            format!("{label}{}", self.message)
        } else {
            format!("{label}{} ({})", self.message, self.hint)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.explained())
    }
}

impl From<&Problem> for ProblemAt {
    fn from(problem: &Problem) -> Self {
        ProblemAt::new(problem.place(), problem.explained())
    }
}

/// Every problem found in one pass over a pack. Never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PackError {
    pub problems: Vec<Problem>,
}

/// Every problem found in one pass over a framework file. Never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FrameworkError {
    pub problems: Vec<Problem>,
}

/// "The pack has 2 problems": the count, without the list.
fn count_of(subject: &str, problems: &[Problem]) -> String {
    let n = problems.len();
    format!(
        "The {subject} has {n} problem{}",
        if n == 1 { "" } else { "s" }
    )
}

fn write_problems(f: &mut fmt::Formatter<'_>, summary: &str, problems: &[Problem]) -> fmt::Result {
    write!(f, "{summary}:")?;
    for problem in problems {
        write!(f, "\n  {problem}")?;
    }
    Ok(())
}

impl PackError {
    /// "The pack has 2 problems": the count, without the list.
    pub fn summary(&self) -> String {
        count_of("pack", &self.problems)
    }

    /// Each problem with where it is, for a screen that lists them.
    pub fn located(&self) -> Vec<ProblemAt> {
        self.problems.iter().map(ProblemAt::from).collect()
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_problems(f, &self.summary(), &self.problems)
    }
}

impl FrameworkError {
    /// "The framework file has 2 problems".
    pub fn summary(&self) -> String {
        count_of("framework file", &self.problems)
    }

    pub fn located(&self) -> Vec<ProblemAt> {
        self.problems.iter().map(ProblemAt::from).collect()
    }
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_problems(f, &self.summary(), &self.problems)
    }
}

impl From<FrameworkError> for PackError {
    /// A framework carried in a pack: its problems are the pack's.
    fn from(e: FrameworkError) -> Self {
        Self {
            problems: e.problems,
        }
    }
}

/// 1-based line and column of a byte offset in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// 1-based line and column of each of `offsets` in `text`, in the order given, found in one
/// pass over the text: a lesson with 95,000 references costs one walk, not 95,000.
pub(crate) fn line_cols(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut found = vec![(1, 1); offsets.len()];
    let (mut at, mut line, mut column) = (0, 1, 1);
    for i in order {
        let end = offsets[i].min(text.len());
        for c in text.get(at..end).unwrap_or_default().chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        at = at.max(end);
        found[i] = (line, column);
    }
    found
}

/// 1-based line and column of the first byte of `bytes` that is not UTF-8, as `error` found it.
pub(crate) fn utf8_error_at(bytes: &[u8], error: &std::str::Utf8Error) -> (usize, usize) {
    let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
    line_col(valid, valid.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_read_like_compiler_messages() {
        let p = Problem::in_file(
            "m/01.md",
            "unknown field `minuts`",
            "did you mean `minutes`?",
        )
        .at(4, 1);
        assert_eq!(
            p.to_string(),
            "m/01.md:4:1: unknown field `minuts` (did you mean `minutes`?)",
            "authors and CI tools parse file:line:column: message"
        );
        let located = ProblemAt::from(&p);
        assert_eq!(
            (located.at.as_str(), located.message.as_str()),
            (
                "m/01.md:4:1",
                "unknown field `minuts` (did you mean `minutes`?)"
            ),
            "the screen gets the same place and words, as data"
        );
    }

    #[test]
    fn many_positions_in_one_pass_match_one_at_a_time() {
        let text = "ab\ncd\n\néf\ng";
        let offsets = [9, 0, 4, 3, 12, 7, 12, 100];
        let one_at_a_time: Vec<_> = offsets.iter().map(|&o| line_col(text, o)).collect();
        assert_eq!(
            line_cols(text, &offsets),
            one_at_a_time,
            "any order, repeats, past the end"
        );
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1), "start of text");
        assert_eq!(line_col("ab\ncd", 4), (2, 2), "second char of second line");
    }
}
