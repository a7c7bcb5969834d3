//! The CSV reader and writer on their own: quoting, line ends, where cells start.

use super::super::csv::{read, write_record, Cell, CsvError, Limits};

const ROOMY: Limits = Limits {
    cell_bytes: 1000,
    records: 100,
};

fn texts(text: &str) -> Vec<Vec<String>> {
    read(text, &ROOMY)
        .unwrap_or_else(|e| panic!("reads: {e:?}"))
        .into_iter()
        .map(|r| r.cells.into_iter().map(|c| c.text).collect())
        .collect()
}

#[test]
fn quoted_cells_hold_commas_quotes_and_line_ends() {
    assert_eq!(
        texts("a,\"b,c\",\"say \"\"hi\"\"\"\n\"two\r\nlines\",,\"\"\n"),
        [vec!["a", "b,c", "say \"hi\""], vec!["two\nlines", "", ""],]
    );
}

#[test]
fn crlf_lf_and_cr_line_ends_mix_and_blank_lines_are_skipped() {
    assert_eq!(
        texts("a,b\r\nc,d\ne,f\rg,h\n\n\r\ni,j"),
        [
            vec!["a", "b"],
            vec!["c", "d"],
            vec!["e", "f"],
            vec!["g", "h"],
            vec!["i", "j"],
        ]
    );
}

#[test]
fn every_cell_knows_its_line_and_column_in_characters() {
    let records = read("é,\"x\ny\",z\r\n\"\",w", &ROOMY).unwrap_or_else(|e| panic!("{e:?}"));
    let at: Vec<(usize, usize, usize)> = records
        .iter()
        .map(|r| r.line)
        .zip(records.iter())
        .flat_map(|(line, r)| r.cells.iter().map(move |c: &Cell| (line, c.line, c.column)))
        .collect();
    assert_eq!(at, [(1, 1, 1), (1, 1, 3), (1, 2, 4), (3, 3, 1), (3, 3, 4)]);
}

#[test]
fn broken_quoting_and_limits_are_errors_with_places() {
    assert_eq!(
        read("a,b\nc,\"open\nstill open", &ROOMY),
        Err(CsvError::Unterminated { line: 2, column: 3 })
    );
    assert_eq!(
        read("a,\"b\"c", &ROOMY),
        Err(CsvError::AfterQuote { line: 1, column: 6 })
    );
    let tight = Limits {
        cell_bytes: 3,
        records: 2,
    };
    assert_eq!(
        read("a,\"abcd\"", &tight),
        Err(CsvError::CellTooBig { line: 1, column: 3 })
    );
    assert_eq!(
        read("a\nb\nc\n", &tight),
        Err(CsvError::TooManyRecords { line: 3 })
    );
    assert_eq!(read("a\nb\n", &tight).map(|r| r.len()), Ok(2));
}

#[test]
fn written_records_read_back_the_same() {
    let cells = ["plain", "a,b", "say \"hi\"", "two\nlines", "", " padded "];
    let mut out = String::new();
    write_record(&mut out, &cells);
    assert_eq!(
        out,
        "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\" padded \"\n"
    );
    assert_eq!(texts(&out), [cells.to_vec()]);
}
