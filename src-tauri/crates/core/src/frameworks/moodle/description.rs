//! Descriptions in Moodle's four text formats to our Markdown: HTML and Moodle's auto-format
//! through the shared HTML converter, Markdown kept, plain text escaped so it shows as written.

use super::csv::Cell;
use super::{problem_at, FORMAT_HTML, FORMAT_MARKDOWN, FORMAT_MOODLE, FORMAT_PLAIN};
use crate::markdown::html_to_markdown;
use crate::packs::problem::Problem;

/// The description in `text`, written in the format named by the `format` cell. An empty
/// format cell is HTML, Moodle's default for descriptions.
pub(super) fn to_markdown(file: &str, text: &str, format: &Cell) -> Result<String, Problem> {
    let number = match format.text.trim() {
        "" => FORMAT_HTML,
        written => written
            .parse::<u32>()
            .ok()
            .filter(|n| [FORMAT_MOODLE, FORMAT_HTML, FORMAT_PLAIN, FORMAT_MARKDOWN].contains(n))
            .ok_or_else(|| {
                problem_at(
                    file,
                    format,
                    format!("description format `{written}` is not one Moodle writes"),
                    "use 1 (HTML), 0 (Moodle auto-format), 2 (plain text) or 4 (Markdown)",
                )
            })?,
    };
    if text.trim().is_empty() {
        return Ok(String::new());
    }
    Ok(match number {
        FORMAT_HTML => html_to_markdown(text),
        // Moodle's auto-format turns each line end into a line break, and allows HTML.
        FORMAT_MOODLE => html_to_markdown(&text.replace('\n', "<br>\n")),
        FORMAT_PLAIN => plain_to_markdown(text),
        _ => text.trim().to_owned(),
    })
}

/// Plain text as Markdown that shows the same text: characters Markdown would read as markup
/// are escaped, and each line end stays a line break (as Moodle shows plain text).
fn plain_to_markdown(text: &str) -> String {
    let lines: Vec<&str> = text.trim().lines().map(str::trim_end).collect();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            let joins_text = !line.is_empty() && !lines[n - 1].is_empty();
            out.push_str(if joins_text { "  \n" } else { "\n" });
        }
        for (i, c) in line.chars().enumerate() {
            if "\\`*_[]<>#&".contains(c) || (i == 0 && matches!(c, '-' | '+')) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}
