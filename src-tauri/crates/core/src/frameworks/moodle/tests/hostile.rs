//! Every input the converter refuses, each with the exact problem it reports: where (file,
//! line, column) and what to do. Small cases are committed fixtures; the big ones (100,000
//! rows, a 10 MB cell, a file over the limit) are generated here rather than committed.

use std::time::Instant;

use super::{fixture, small};
use crate::frameworks::{
    from_moodle_csv, parse_framework, to_moodle_csv, to_toml, MAX_FILE_BYTES, MAX_ITEMS,
};

/// The problems converting `bytes` reports, each as "place: message (hint)".
fn refused(name: &str, bytes: &[u8]) -> Vec<String> {
    match from_moodle_csv(name, bytes) {
        Ok(fw) => panic!("{name} should be refused, but converted to {}", fw.id),
        Err(e) => e.problems.iter().map(ToString::to_string).collect(),
    }
}

fn refused_fixture(name: &str) -> Vec<String> {
    refused(name, &fixture(name))
}

#[test]
fn a_wrong_header_names_the_column() {
    assert_eq!(
        refused_fixture("wrong-header.csv"),
        [
            "wrong-header.csv:1:32: column 3 is headed `Title`; Moodle's column 3 is `Short name` \
          (keep Moodle's 14 columns in Moodle's order)"
        ]
    );
}

#[test]
fn a_row_with_the_wrong_number_of_columns_is_refused() {
    assert_eq!(
        refused_fixture("wrong-column-count.csv"),
        [
            "wrong-column-count.csv:4:1: line 4 has 12 columns; a Moodle framework CSV has 14 \
          (check for a missing or extra comma, and quote cells that contain commas)"
        ]
    );
    let short_header = "\"Parent ID number\",\"ID number\"\n,A\n";
    assert_eq!(
        refused("short.csv", short_header.as_bytes()),
        [
            "short.csv:1:1: the header has 2 columns; a Moodle framework CSV has 14 (export the \
          framework again from Moodle (Site administration > Competencies > Export competency \
          framework), or start from the header in docs/interop.md)"
        ]
    );
}

#[test]
fn the_framework_row_must_be_there_once() {
    assert_eq!(
        refused_fixture("no-framework-row.csv"),
        [
            "no-framework-row.csv: the file has no framework row (set `Is framework` to 1 on the \
          row that describes the framework itself)"
        ]
    );
    assert_eq!(
        refused_fixture("two-framework-rows.csv"),
        [
            "two-framework-rows.csv:4:172: a second framework row; the first is on line 2 (a file \
          holds one framework: export each framework separately)"
        ]
    );
    assert_eq!(
        refused_fixture("no-competencies.csv"),
        [
            "no-competencies.csv:2:2: the framework has no competencies (add at least one \
          competency row for evidence to map to)"
        ]
    );
    assert_eq!(
        refused("empty.csv", b"\xEF\xBB\xBF"),
        ["empty.csv: the file is empty (export the framework from Moodle as CSV)"]
    );
}

#[test]
fn parents_that_loop_are_refused_once_per_loop() {
    assert_eq!(
        refused_fixture("parent-cycle.csv"),
        [
            "parent-cycle.csv:4:1: these competencies are each other's parents: `A` → `B` → `A` \
          (give one of them a parent outside the loop, or none)"
        ]
    );
    let own_parent = small(&["A,A,One,,1,,,,0,null,,,,"]);
    assert_eq!(
        refused("own.csv", own_parent.as_bytes()),
        [
            "own.csv:3:1: these competencies are each other's parents: `A` → `A` (give one of \
          them a parent outside the loop, or none)"
        ]
    );
}

#[test]
fn a_parent_that_is_not_in_the_file_is_named() {
    assert_eq!(
        refused_fixture("missing-parent.csv"),
        [
            "missing-parent.csv:4:1: the parent ID number `SAFTEY` of `SAFE-1` is not in the file \
          (check the spelling, add the parent competency, or leave the cell empty for a \
          top-level competency)"
        ]
    );
}

#[test]
fn a_duplicate_id_number_names_both_lines() {
    assert_eq!(
        refused_fixture("duplicate-id-number.csv"),
        [
            "duplicate-id-number.csv:5:6: ID number `SAFE-1` is already used on line 4 (give \
          every competency a unique ID number)"
        ]
    );
}

#[test]
fn invalid_utf8_names_the_line_and_column() {
    assert_eq!(
        refused_fixture("invalid-utf8.csv"),
        [
            "invalid-utf8.csv:4:16: line 4 is not valid UTF-8 text (save the file as UTF-8 (in \
          Excel: \"CSV UTF-8\"), as Moodle exports it)"
        ]
    );
}

#[test]
fn broken_quoting_is_found_where_it_starts() {
    assert_eq!(
        refused_fixture("unterminated-quote.csv"),
        [
            "unterminated-quote.csv:4:23: the quoted cell that starts here never ends (write a \
          quote inside a cell as two quotes (\"\") and close every quoted cell)"
        ]
    );
    assert_eq!(
        refused_fixture("text-after-quote.csv"),
        [
            "text-after-quote.csv:4:15: text follows a closing quote (write a quote inside a cell \
          as two quotes (\"\") and close every quoted cell)"
        ]
    );
}

#[test]
fn nesting_deeper_than_the_limit_is_refused() {
    assert_eq!(
        refused_fixture("too-deep.csv"),
        [
            "too-deep.csv:11:4: `L9` is nested 9 levels deep; at most 8 are allowed (move the \
          deepest competencies up a level in Moodle before exporting)"
        ]
    );
}

#[test]
fn an_empty_short_name_is_refused() {
    assert_eq!(
        refused_fixture("empty-short-name.csv"),
        [
            "empty-short-name.csv:4:13: competency `SAFE-1` has no short name (give every \
          competency a short name: it is the title learners see)"
        ]
    );
}

#[test]
fn bad_cells_name_what_moodle_expects() {
    assert_eq!(
        refused_fixture("unknown-cross-reference.csv"),
        [
            "unknown-cross-reference.csv:3:65: `SAFE` cross-references `SAFE-9`, which is not in \
          the file (check the spelling, or remove the cross reference)"
        ]
    );
    assert_eq!(
        refused_fixture("bad-description-format.csv"),
        [
            "bad-description-format.csv:3:53: description format `html` is not one Moodle writes \
          (use 1 (HTML), 0 (Moodle auto-format), 2 (plain text) or 4 (Markdown))"
        ]
    );
    assert_eq!(
        refused_fixture("bad-scale-configuration.csv"),
        [
            "bad-scale-configuration.csv:2:98: the scale configuration is not the JSON list \
          Moodle writes (export the framework from Moodle again, or clear the cell (the top \
          value is then taken as proficient))"
        ]
    );
    let beyond = small(&[",A,One,,1,,,,0,null,,,,"]).replace(
        "\"Low,High\",",
        "\"Low,High\",\"[{\"\"id\"\":3,\"\"proficient\"\":1}]\"",
    );
    assert_eq!(
        refused("beyond.csv", beyond.as_bytes()),
        [
            "beyond.csv:2:34: the scale configuration marks value 3, but the scale has values 1 \
          to 2 (export the framework from Moodle again, or clear the cell)"
        ]
    );
}

#[test]
fn a_taxonomy_term_moodle_does_not_know_is_refused() {
    let text = small(&[",A,One,,1,,,,0,null,,,,"]).replace(",1,\n,A", ",1,\"domain,element\"\n,A");
    assert_eq!(
        refused("terms.csv", text.as_bytes()),
        [
            "terms.csv:2:42: taxonomy term `element` is not one Moodle knows (use Moodle's terms: \
          behaviour, competency, concept, domain, indicator, level, outcome, practice, \
          proficiency, skill, value)"
        ]
    );
}

#[test]
fn every_row_problem_is_reported_at_once() {
    let text = small(&[
        ",A,,,1,,,,0,null,,,,",
        "NOPE,B,Two,,1,,,,0,null,,,,",
        ",,Three,,1,,,,0,null,,,,",
    ]);
    let problems = refused("many.csv", text.as_bytes());
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

/// The example: a 100,000-row export is refused at the first row past the limit,
/// without reading the rest.
#[test]
fn a_hundred_thousand_rows_are_refused() {
    let rows: Vec<String> = (0..100_000)
        .map(|n| format!(",C{n},Competency {n},,1,,,,0,null,,,,"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let text = small(&rows);
    let first_extra = MAX_ITEMS + 3;
    assert_eq!(
        refused("huge.csv", text.as_bytes()),
        [format!(
            "huge.csv:{first_extra}:1: the file has more than 20000 competencies; at most 20000 \
             are allowed (split it into smaller frameworks in Moodle and export each one)"
        )]
    );
}

#[test]
fn exactly_the_limit_of_competencies_converts() {
    let rows: Vec<String> = (0..MAX_ITEMS)
        .map(|n| format!(",C{n},Competency {n},,1,,,,0,null,,,,"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let fw = from_moodle_csv("limit.csv", small(&rows).as_bytes())
        .unwrap_or_else(|e| panic!("{MAX_ITEMS} competencies are allowed: {e}"));
    assert_eq!(fw.items.len(), MAX_ITEMS);
}

#[test]
fn a_ten_megabyte_cell_is_refused_quickly() {
    let cell = "<p>".to_owned() + &"the ward ".repeat(10 * 1024 * 1024 / 9) + "</p>";
    let text = small(&[&format!(",A,One,\"{cell}\",1,,,,0,null,,,,")]);
    let started = Instant::now();
    let problems = refused("big-cell.csv", text.as_bytes());
    let took = started.elapsed();
    assert_eq!(
        problems,
        [
            "big-cell.csv:3:8: the cell that starts here is over 1 MB (shorten it: a description \
          may be at most 20,000 bytes)"
        ]
    );
    // Refused after reading 1 MB of the cell (tens of milliseconds in a debug build); the
    // bound is loose so a busy machine does not fail it, while quadratic reading of 10 MB
    // would take minutes. This measures a duration; it does not read the date or time.
    assert!(took.as_millis() < 2_000, "took {took:?}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let bytes = vec![b' '; MAX_FILE_BYTES + 1];
    assert_eq!(
        refused("too-big.csv", &bytes),
        [
            "too-big.csv: the file is 16 MB; a framework file may be at most 16 MB (split it into \
          smaller frameworks in Moodle and export each one)"
        ]
    );
}

#[test]
fn rows_of_empty_cells_left_by_a_spreadsheet_are_skipped() {
    let text = small(&[",A,One,,1,,,,0,null,,,,", ",,,,,,,,,,,,,", ",,,", ""]);
    let fw = from_moodle_csv("ghost.csv", text.as_bytes())
        .unwrap_or_else(|e| panic!("empty rows hold nothing: {e}"));
    assert_eq!(fw.items.len(), 1);
}

/// Every prefix of the realistic fixture, and the fixture with bytes overwritten in a fixed
/// pseudo-random pattern, is either refused with problems naming the file or converts to a
/// valid framework that survives export and import: nothing panics.
#[test]
fn cut_or_damaged_files_are_refused_or_convert_faithfully() {
    let check = |name: &str, bytes: &[u8]| match from_moodle_csv(name, bytes) {
        Err(e) => assert!(
            !e.problems.is_empty() && e.problems.iter().all(|p| p.file == name),
            "{e}"
        ),
        Ok(fw) => {
            let file = to_toml(&fw);
            assert_eq!(parse_framework("x", &file).as_ref(), Ok(&fw), "{file}");
            let csv = to_moodle_csv(&fw);
            assert_eq!(
                from_moodle_csv("again", csv.as_bytes()).as_ref(),
                Ok(&fw),
                "{csv}"
            );
        }
    };
    let good = fixture("band7-ward-manager.csv");
    for end in 0..good.len() {
        check("cut.csv", &good[..end]);
    }
    let mut seed: u32 = 14;
    let noise = b",\"\r\n\xFFAB0%<&;";
    for _ in 0..2_000 {
        let mut damaged = good.clone();
        for _ in 0..3 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let at = (seed as usize >> 4) % damaged.len();
            damaged[at] = noise[(seed as usize >> 20) % noise.len()];
        }
        check("damaged.csv", &damaged);
    }
}

#[test]
fn the_framework_row_needs_an_id_number_and_a_short_name() {
    let text = small(&[",A,One,,1,,,,0,null,,,,"]);
    assert_eq!(
        refused("no-id.csv", text.replace(",FW,", ",,").as_bytes()),
        [
            "no-id.csv:2:2: the framework row has no ID number (give the framework an ID number: \
          it becomes the framework's id)"
        ]
    );
    assert_eq!(
        refused(
            "no-name.csv",
            text.replace("Test framework", " ").as_bytes()
        ),
        [
            "no-name.csv:2:5: the framework row has no short name (give the framework a short \
          name: it is the title learners see)"
        ]
    );
}
