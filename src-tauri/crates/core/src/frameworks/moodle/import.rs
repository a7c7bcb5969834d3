//! Reading a Moodle framework CSV into our framework. Every problem names the file and the
//! line (and column) to fix; problems found row by row are all reported at once.

use std::collections::BTreeMap;

use super::csv::{self, Cell, CsvError, Limits, Record};
use super::description::to_markdown;
use super::scale::read_scale;
use super::slug::{framework_id, ItemIds};
use super::tree::tree;
use super::{
    check_header, problem_at, DESCRIPTION, FORMAT, HEADER, ID_NUMBER, IS_FRAMEWORK, LICENCE,
    MAX_CSV_CELL_BYTES, PUBLISHER, REFS, SCALE_CONFIG, SCALE_VALUES, SHORT_NAME, SOURCE_PREFIX,
    TAXONOMIES, TAXONOMY,
};
use crate::frameworks::file::header_over_limits;
use crate::frameworks::{
    Framework, FrameworkError, Item, ItemIndex, MAX_DESCRIPTION_BYTES, MAX_FILE_BYTES, MAX_ITEMS,
    MAX_TITLE_CHARS,
};
use crate::packs::problem::{utf8_error_at, Problem};

const SPLIT_HINT: &str = "split it into smaller frameworks in Moodle and export each one";

/// Converts a Moodle competency framework CSV (`file` names it in problems) to a framework.
pub fn from_moodle_csv(file: &str, bytes: &[u8]) -> Result<Framework, FrameworkError> {
    let text = decode(file, bytes).map_err(one)?;
    let limits = Limits {
        cell_bytes: MAX_CSV_CELL_BYTES,
        // The header, the framework row and the competencies.
        records: MAX_ITEMS + 2,
    };
    let records = csv::read(text, &limits).map_err(|e| one(csv_problem(file, e)))?;
    let Some((header, rows)) = records.split_first() else {
        return Err(one(Problem::in_file(
            file,
            "the file is empty",
            "export the framework from Moodle as CSV",
        )));
    };
    check_header(file, header).map_err(one)?;
    // Spreadsheets often leave rows of empty cells at the end: they hold nothing to convert.
    let rows: Vec<&Record> = rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| !c.text.trim().is_empty()))
        .collect();
    let problems: Vec<Problem> = rows
        .iter()
        .filter(|r| r.cells.len() != HEADER.len())
        .map(|r| {
            Problem::in_file(
                file,
                format!(
                    "line {} has {} columns; a Moodle framework CSV has {}",
                    r.line,
                    r.cells.len(),
                    HEADER.len()
                ),
                "check for a missing or extra comma, and quote cells that contain commas",
            )
            .at(r.line, 1)
        })
        .collect();
    if !problems.is_empty() {
        return Err(FrameworkError { problems });
    }
    let (frameworks, competencies): (Vec<&Record>, Vec<&Record>) = rows
        .into_iter()
        .partition(|r| is_set(&r.cells[IS_FRAMEWORK].text));
    let framework_row = match frameworks.as_slice() {
        [one_row] => *one_row,
        [] => {
            return Err(one(Problem::in_file(
                file,
                "the file has no framework row",
                "set `Is framework` to 1 on the row that describes the framework itself",
            )))
        }
        [first, second, ..] => {
            return Err(one(problem_at(
                file,
                &second.cells[IS_FRAMEWORK],
                format!(
                    "a second framework row; the first is on line {}",
                    first.line
                ),
                "a file holds one framework: export each framework separately",
            )))
        }
    };
    if competencies.is_empty() {
        return Err(one(problem_at(
            file,
            &framework_row.cells[ID_NUMBER],
            "the framework has no competencies".to_owned(),
            "add at least one competency row for evidence to map to",
        )));
    }
    let mut framework = framework_of(file, framework_row).map_err(one)?;
    let over: Vec<Problem> = header_over_limits(&framework)
        .into_iter()
        .map(|message| {
            Problem::in_file(file, message, "shorten it in Moodle and export again")
                .at(framework_row.line, 1)
        })
        .collect();
    if !over.is_empty() {
        return Err(FrameworkError { problems: over });
    }
    framework.items = items(file, &framework.id, &competencies)
        .map_err(|problems| FrameworkError { problems })?;
    Ok(framework)
}

fn one(problem: Problem) -> FrameworkError {
    FrameworkError {
        problems: vec![problem],
    }
}

/// PHP's truth, as Moodle's importer reads the column: empty and "0" are false.
fn is_set(cell: &str) -> bool {
    !matches!(cell.trim(), "" | "0")
}

/// The text of the file, without its BOM, or where it stops being UTF-8.
fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Problem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Problem::in_file(
            file,
            format!(
                "the file is {} MB; a framework file may be at most {} MB",
                bytes.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            SPLIT_HINT,
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = utf8_error_at(bytes, &e);
        Problem::in_file(
            file,
            format!("line {line} is not valid UTF-8 text"),
            "save the file as UTF-8 (in Excel: \"CSV UTF-8\"), as Moodle exports it",
        )
        .at(line, column)
    })
}

fn csv_problem(file: &str, error: CsvError) -> Problem {
    let quote_hint = "write a quote inside a cell as two quotes (\"\") and close every quoted cell";
    match error {
        CsvError::Unterminated { line, column } => Problem::in_file(
            file,
            "the quoted cell that starts here never ends",
            quote_hint,
        )
        .at(line, column),
        CsvError::AfterQuote { line, column } => {
            Problem::in_file(file, "text follows a closing quote", quote_hint).at(line, column)
        }
        CsvError::CellTooBig { line, column } => Problem::in_file(
            file,
            format!(
                "the cell that starts here is over {} MB",
                MAX_CSV_CELL_BYTES / (1024 * 1024)
            ),
            "shorten it: a description may be at most 20,000 bytes",
        )
        .at(line, column),
        CsvError::TooManyRecords { line } => Problem::in_file(
            file,
            format!(
                "the file has more than {MAX_ITEMS} competencies; at most {MAX_ITEMS} are allowed"
            ),
            SPLIT_HINT,
        )
        .at(line, 1),
    }
}

/// The trimmed text of a cell the framework row must fill.
fn required<'a>(file: &str, cell: &'a Cell, what: &str, hint: &str) -> Result<&'a str, Problem> {
    let text = cell.text.trim();
    if text.is_empty() {
        Err(problem_at(
            file,
            cell,
            format!("the framework row has no {what}"),
            hint,
        ))
    } else {
        Ok(text)
    }
}

/// The framework's own fields from its row; items are added after.
fn framework_of(file: &str, row: &Record) -> Result<Framework, Problem> {
    let cell = |n: usize| &row.cells[n];
    let id_number = required(
        file,
        cell(ID_NUMBER),
        "ID number",
        "give the framework an ID number: it becomes the framework's id",
    )?;
    let title = required(
        file,
        cell(SHORT_NAME),
        "short name",
        "give the framework a short name: it is the title learners see",
    )?;
    let description = to_markdown(file, &cell(DESCRIPTION).text, cell(FORMAT))?;
    let scale = read_scale(file, cell(SCALE_VALUES), cell(SCALE_CONFIG), title)?;
    Ok(Framework {
        id: framework_id(id_number),
        version: "1.0.0".into(),
        title: title.to_owned(),
        publisher: PUBLISHER.into(),
        licence: LICENCE.into(),
        description,
        source: Some(format!("{SOURCE_PREFIX}{id_number}")),
        levels: taxonomy(file, cell(TAXONOMY))?,
        scale,
        items: Vec::new(),
        replaces: BTreeMap::new(),
        retired: Vec::new(),
        index: ItemIndex::default(),
    })
}

/// Moodle's taxonomy terms, one per level ("domain,competency,behaviour"), as level names.
/// An empty term is Moodle's default, "competency"; a term Moodle does not know is refused, as
/// Moodle's own import refuses it.
fn taxonomy(file: &str, cell: &Cell) -> Result<Vec<String>, Problem> {
    let terms: Vec<String> = cell
        .text
        .trim()
        .trim_end_matches([',', ' '])
        .split(',')
        .map(|t| t.trim().to_lowercase())
        .collect();
    if terms == [""] {
        return Ok(Vec::new());
    }
    terms
        .into_iter()
        .map(|term| {
            let term = if term.is_empty() {
                "competency".to_owned()
            } else {
                term
            };
            if !TAXONOMIES.contains(&term.as_str()) {
                return Err(problem_at(
                    file,
                    cell,
                    format!("taxonomy term `{term}` is not one Moodle knows"),
                    &format!("use Moodle's terms: {}", TAXONOMIES.join(", ")),
                ));
            }
            let mut chars = term.chars();
            Ok(chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default())
        })
        .collect()
}

/// The competencies as items, parents first, with ids, descriptions and cross references.
fn items(file: &str, framework_id: &str, rows: &[&Record]) -> Result<Vec<Item>, Vec<Problem>> {
    let tree = tree(file, rows)?;
    let mut ids = ItemIds::new(framework_id);
    let mut id_of = vec![String::new(); rows.len()];
    for &i in &tree.order {
        id_of[i] = ids.next(rows[i].cells[ID_NUMBER].text.trim());
    }
    let mut problems = Vec::new();
    let mut items = Vec::with_capacity(rows.len());
    for &i in &tree.order {
        let row = rows[i];
        let id_number = row.cells[ID_NUMBER].text.trim();
        let title = row.cells[SHORT_NAME].text.trim();
        if title.chars().count() > MAX_TITLE_CHARS {
            problems.push(problem_at(
                file,
                &row.cells[SHORT_NAME],
                format!("the short name of `{id_number}` is over {MAX_TITLE_CHARS} characters"),
                "shorten it, and put the detail in its description",
            ));
        }
        let description = match to_markdown(file, &row.cells[DESCRIPTION].text, &row.cells[FORMAT])
        {
            Ok(d) if d.len() > MAX_DESCRIPTION_BYTES => {
                problems.push(problem_at(
                    file,
                    &row.cells[DESCRIPTION],
                    format!(
                        "the description of `{id_number}` is over {MAX_DESCRIPTION_BYTES} bytes"
                    ),
                    "shorten it",
                ));
                String::new()
            }
            Ok(d) => d,
            Err(p) => {
                problems.push(p);
                String::new()
            }
        };
        let mut refs: Vec<String> = Vec::new();
        for written in row.cells[REFS].text.split(',').map(str::trim) {
            if written.is_empty() {
                continue;
            }
            // Moodle's export writes a comma inside an ID number as %2C.
            let other = written.replace("%2C", ",");
            match tree.by_id_number.get(other.as_str()) {
                Some(&j) if !refs.contains(&id_of[j]) => refs.push(id_of[j].clone()),
                Some(_) => {}
                None => problems.push(problem_at(
                    file,
                    &row.cells[REFS],
                    format!("`{id_number}` cross-references `{other}`, which is not in the file"),
                    "check the spelling, or remove the cross reference",
                )),
            }
        }
        items.push(Item {
            id: id_of[i].clone(),
            parent: tree.parents[i].map(|p| id_of[p].clone()),
            title: title.to_owned(),
            description,
            refs,
            source_id: Some(id_number.to_owned()),
        });
    }
    if problems.is_empty() {
        Ok(items)
    } else {
        Err(problems)
    }
}
