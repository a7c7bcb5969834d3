//! Hostile matrices: each fixture gives one clear problem at the place to fix it, and limits
//! hold without deep recursion or panics.

use super::fixture;
use crate::frameworks::mahara::from_mahara_matrix;
use crate::frameworks::{MAX_FILE_BYTES, MAX_ITEMS};

/// A hostile fixture's one problem: where, and the start of what it says.
fn only_problem(name: &str) -> (Option<usize>, Option<usize>, String) {
    let err = from_mahara_matrix(name, &fixture(name))
        .err()
        .unwrap_or_else(|| panic!("{name} should be refused"));
    assert_eq!(err.problems.len(), 1, "{name}: exactly one problem: {err}");
    let p = &err.problems[0];
    assert_eq!(p.file, name, "the problem names the file");
    assert!(!p.hint.is_empty(), "{name}: says what to do");
    (p.line, p.column, p.message.clone())
}

#[test]
fn each_hostile_matrix_gives_one_clear_problem_where_it_is() {
    let cases: [(&str, (usize, usize), &str); 17] = [
        (
            "hostile-bad-json.matrix",
            (9, 10),
            "the file is not valid JSON: expected `,` or `}`",
        ),
        (
            "hostile-not-a-matrix.matrix",
            (1, 1),
            "the file is not a Mahara matrix",
        ),
        ("hostile-missing-name.matrix", (2, 16), "`name` is missing"),
        (
            "hostile-missing-shortname.matrix",
            (22, 7),
            "`shortname` is missing",
        ),
        (
            "hostile-wrong-type.matrix",
            (16, 17),
            "`name` should be text, but it is a list",
        ),
        (
            "hostile-elements-not-a-list.matrix",
            (21, 25),
            "`standardelements` should be a list, but it is an object",
        ),
        (
            "hostile-missing-standard.matrix",
            (33, 23),
            "element `7.1` belongs to standard `7`, but no standard has that standardid",
        ),
        (
            "hostile-missing-parent.matrix",
            (35, 28),
            "element `1.2.1` has parent `1.2`, but no element has that elementid",
        ),
        (
            "hostile-cross-standard-parent.matrix",
            (35, 28),
            "element `2.1` is in standard `2` but its parent `1.1` is in standard `1`",
        ),
        (
            "hostile-parent-cycle.matrix",
            (29, 7),
            "elements are each other's parents: `1.2` → `1.3` → `1.2`",
        ),
        (
            "hostile-too-deep.matrix",
            (77, 7),
            "element `1.11111111` is nested 9 levels deep; at most 8 are allowed",
        ),
        (
            "hostile-duplicate-elementid.matrix",
            (34, 22),
            "elementid `1.1` is used by more than one element",
        ),
        (
            "hostile-duplicate-standardid.matrix",
            (18, 23),
            "standardid `1` is used by more than one standard",
        ),
        (
            "hostile-empty.matrix",
            (2, 16),
            "the framework has no standards",
        ),
        (
            "hostile-invalid-utf8.matrix",
            (10, 47),
            "the file is not UTF-8 text",
        ),
        (
            "hostile-foreign-wardtoboard-id.matrix",
            (14, 27),
            "`wardtoboard_id` `cmpf.resources` is not an id of framework `matron-induction-framework`",
        ),
        (
            "hostile-deep-json.matrix",
            (1, 170),
            "the JSON is nested more than 128 levels deep",
        ),
    ];
    for (name, at, message) in cases {
        let (line, column, said) = only_problem(name);
        assert!(
            said.starts_with(message),
            "{name}: said {said:?}, wanted {message:?}"
        );
        assert_eq!(
            line.zip(column),
            Some(at),
            "{name}: the problem points at the line and column to fix"
        );
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let bytes = fixture("bom.matrix");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "the fixture starts with a BOM"
    );
    let with = from_mahara_matrix("bom.matrix", &bytes).unwrap_or_else(|e| panic!("{e}"));
    let without = from_mahara_matrix("bom.matrix", &bytes[3..]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(with, without, "the mark changes nothing");
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    // Generated, not committed: a 16 MB fixture would bloat the repository.
    let huge = vec![b' '; MAX_FILE_BYTES + 1];
    let err = from_mahara_matrix("huge.matrix", &huge).expect_err("too big");
    assert_eq!(
        err.problems[0].message, "the file is 17 MB; a matrix file may be at most 16 MB",
        "the limit is named"
    );
}

#[test]
fn matrices_with_too_many_items_are_refused() {
    // Generated for the same reason: 20,001 items make a file of about 1.5 MB.
    let element = r#"{"shortname":"S","name":"N","standardid":1}"#;
    let elements = vec![element; MAX_ITEMS].join(",");
    let text = format!(
        r#"{{"framework":{{"name":"Big","standards":[{{"shortname":"S","name":"N","standardid":1}}],"standardelements":[{elements}]}}}}"#
    );
    let err = from_mahara_matrix("big.matrix", text.as_bytes()).expect_err("too many");
    assert_eq!(
        err.problems[0].message,
        format!(
            "the matrix has {} standards and elements; at most {MAX_ITEMS} are allowed",
            MAX_ITEMS + 1
        )
    );
}

#[test]
fn a_long_chain_of_elements_is_refused_without_deep_recursion() {
    // 5,000 elements each the parent of the next: checked iteratively, reported once.
    let mut elements =
        vec![r#"{"shortname":"e","name":"e","standardid":1,"elementid":"0-0"}"#.to_owned()];
    for n in 1..5_000 {
        elements.push(format!(
            r#"{{"shortname":"e","name":"e","standardid":1,"elementid":"0-{n}","parentelementid":"0-{}"}}"#,
            n - 1
        ));
    }
    let text = format!(
        r#"{{"framework":{{"name":"Chain","standards":[{{"shortname":"S","name":"N","standardid":1}}],"standardelements":[{}]}}}}"#,
        elements.join(",")
    );
    let err = from_mahara_matrix("chain.matrix", text.as_bytes()).expect_err("too deep");
    assert_eq!(
        err.problems.len(),
        1,
        "one problem for the whole chain: {err}"
    );
    assert!(
        err.problems[0].message.contains("nested 9 levels deep"),
        "{err}"
    );
}

#[test]
fn a_flood_of_problems_is_cut_short() {
    // 150 elements naming a standard that is not there: 100 listed, then a count.
    let elements = vec![r#"{"shortname":"S","name":"N","standardid":9}"#; 150].join(",\n");
    let text = format!(
        "{{\"framework\":{{\"name\":\"Flood\",\"standards\":[{{\"shortname\":\"S\",\"name\":\"N\",\
         \"standardid\":1}}],\"standardelements\":[\n{elements}]}}}}"
    );
    let err = from_mahara_matrix("flood.matrix", text.as_bytes()).expect_err("refused");
    assert_eq!(
        err.problems.len(),
        101,
        "100 problems and a line counting the rest"
    );
    assert_eq!(
        err.problems[99].line,
        Some(101),
        "each one still has its own line"
    );
    assert_eq!(err.problems[100].message, "and 50 more problems");
}

#[test]
fn no_cut_or_corrupted_matrix_makes_the_reader_panic() {
    // Every prefix of a real matrix, and the same file with each structural byte replaced:
    // each is read or refused with problems, never a panic.
    let good = fixture("ward-manager-band7.matrix");
    for end in 0..good.len() {
        if let Err(e) = from_mahara_matrix("cut.matrix", &good[..end]) {
            assert!(!e.problems.is_empty(), "a refusal always says why");
        }
    }
    for (at, byte) in good.iter().enumerate() {
        if matches!(
            byte,
            b'{' | b'}' | b'[' | b']' | b'"' | b':' | b',' | b'<' | b'>'
        ) {
            let mut bad = good.clone();
            bad[at] = if *byte == b'"' { b'<' } else { b'"' };
            if let Err(e) = from_mahara_matrix("corrupt.matrix", &bad) {
                assert!(!e.problems.is_empty(), "a refusal always says why");
            }
        }
    }
}
