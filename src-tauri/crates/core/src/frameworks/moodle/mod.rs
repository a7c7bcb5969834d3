//! Moodle competency frameworks as CSV (the files of Moodle's `tool_lpimportcsv`, import and
//! export) to and from our framework model. Pure conversion: no database, no files on disk.
//!
//! The CSV has 14 columns, a header row, one row for the framework itself ("Is framework" set)
//! and one row per competency, each naming its parent by ID number. What each column becomes
//! and what is lost is described in docs/interop.md; in short, rules and per-competency scales
//! are dropped, and the scale's default level is not kept (only which levels are proficient).

mod csv;
mod description;
mod export;
mod import;
mod scale;
mod slug;
mod tree;

pub use export::to_moodle_csv;
pub use import::from_moodle_csv;

use self::csv::{Cell, Record};
use crate::packs::problem::Problem;

/// The longest cell read, in bytes: longer ones are refused as soon as the limit is passed.
pub const MAX_CSV_CELL_BYTES: usize = 1024 * 1024;

/// The header Moodle writes (its English language strings), in column order.
const HEADER: [&str; 14] = [
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
];

const PARENT: usize = 0;
const ID_NUMBER: usize = 1;
const SHORT_NAME: usize = 2;
const DESCRIPTION: usize = 3;
const FORMAT: usize = 4;
const SCALE_VALUES: usize = 5;
const SCALE_CONFIG: usize = 6;
const REFS: usize = 10;
const IS_FRAMEWORK: usize = 12;
const TAXONOMY: usize = 13;

/// Moodle's description formats.
const FORMAT_MOODLE: u32 = 0;
const FORMAT_HTML: u32 = 1;
const FORMAT_PLAIN: u32 = 2;
const FORMAT_MARKDOWN: u32 = 4;

/// The taxonomy terms Moodle accepts for a level, as it writes them.
const TAXONOMIES: [&str; 11] = [
    "behaviour",
    "competency",
    "concept",
    "domain",
    "indicator",
    "level",
    "outcome",
    "practice",
    "proficiency",
    "skill",
    "value",
];

/// A converted framework's `source` starts with this, then the framework's Moodle ID number:
/// export reads it back, so the ID number survives a round trip.
const SOURCE_PREFIX: &str = "Moodle competency framework ";
/// Moodle's CSV names no publisher and no licence; these say so rather than guess.
const PUBLISHER: &str = "Imported from a Moodle competency framework CSV";
const LICENCE: &str =
    "Not stated in the Moodle export: check with the framework's owner before sharing it";

/// Where a problem is: a file and, for most, a cell.
fn problem_at(file: &str, cell: &Cell, message: String, hint: &str) -> Problem {
    Problem::in_file(file, message, hint).at(cell.line, cell.column)
}

/// Header names compared loosely: Moodle's own fixtures write "Parent id number" and
/// "Shortname" where its language strings say "Parent ID number" and "Short name", and its
/// importer matches columns by position, not by name.
fn header_key(name: &str) -> String {
    name.to_lowercase()
        .replace("(optional)", "")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Checks the header row: 14 columns, each the one Moodle writes in that place.
fn check_header(file: &str, header: &Record) -> Result<(), Problem> {
    if header.cells.len() != HEADER.len() {
        return Err(Problem::in_file(
            file,
            format!(
                "the header has {} columns; a Moodle framework CSV has {}",
                header.cells.len(),
                HEADER.len()
            ),
            "export the framework again from Moodle (Site administration > Competencies > \
             Export competency framework), or start from the header in docs/interop.md",
        )
        .at(header.line, 1));
    }
    for (n, (cell, want)) in header.cells.iter().zip(HEADER).enumerate() {
        if header_key(&cell.text) != header_key(want) {
            return Err(problem_at(
                file,
                cell,
                format!(
                    "column {} is headed `{}`; Moodle's column {} is `{want}`",
                    n + 1,
                    cell.text,
                    n + 1
                ),
                "keep Moodle's 14 columns in Moodle's order",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
