//! The limits every framework reader holds a file to (framework TOML, Moodle CSV, Mahara
//! matrix): the framework's own fields, TOML nesting, and a matrix's HTML descriptions. Each
//! over-limit file is refused with a problem naming the limit.

use super::*;

/// A small valid framework file, format 2, with a scale.
const SMALL: &str = r#"format = 2
id = "t"
version = "1.0.0"
title = "T"
publisher = "P"
licence = "L"
levels = ["Domain", "Element"]
[scale]
name = "Self-rating"
levels = [{ value = 1, label = "Starting" }, { value = 2, label = "Leading" }]
[[items]]
id = "t.a"
title = "A"
[[items]]
id = "t.a.one"
parent = "t.a"
title = "One"
"#;

fn refused(text: &str) -> String {
    parse_framework("t.toml", text)
        .expect_err("over a limit")
        .to_string()
}

#[test]
fn the_small_framework_is_read() {
    let fw = parse_framework("t.toml", SMALL).expect("valid");
    assert_eq!(fw.items.len(), 2);
}

#[test]
fn long_framework_fields_are_refused_naming_the_field() {
    let long = "x".repeat(MAX_TITLE_CHARS + 1);
    for field in ["title", "publisher", "licence"] {
        let text = SMALL.replacen(
            &format!("{field} = \"{}\"", &field[..1].to_uppercase()),
            &format!("{field} = \"{long}\""),
            1,
        );
        let err = refused(&text);
        assert!(
            err.contains(&format!(
                "the framework's {field} is over {MAX_TITLE_CHARS} characters"
            )),
            "{field}: {err}"
        );
        assert!(
            !err.contains(&long),
            "the text itself is not repeated: {field}"
        );
    }
    let text = SMALL.replace("label = \"Leading\"", &format!("label = \"{long}\""));
    assert!(refused(&text).contains("the framework's scale's level label is over"));
    let description = "d".repeat(MAX_DESCRIPTION_BYTES + 1);
    let text = SMALL.replace(
        "licence = \"L\"",
        &format!("licence = \"L\"\ndescription = \"{description}\""),
    );
    assert!(refused(&text).contains(&format!(
        "a description of the framework or its scale is over {MAX_DESCRIPTION_BYTES} bytes"
    )));
}

#[test]
fn too_many_scale_levels_or_level_names_are_refused() {
    let levels: Vec<String> = (1..=MAX_SCALE_LEVELS + 1)
        .map(|v| format!("{{ value = {v}, label = \"L{v}\" }}"))
        .collect();
    let text = SMALL.replace(
        "levels = [{ value = 1, label = \"Starting\" }, { value = 2, label = \"Leading\" }]",
        &format!("levels = [{}]", levels.join(", ")),
    );
    let err = refused(&text);
    assert!(
        err.contains(&format!(
            "the scale has {} levels; at most {MAX_SCALE_LEVELS} are allowed",
            MAX_SCALE_LEVELS + 1
        )),
        "{err}"
    );
    let names: Vec<String> = (0..=MAX_DEPTH).map(|n| format!("\"L{n}\"")).collect();
    let text = SMALL.replace(
        "levels = [\"Domain\", \"Element\"]",
        &format!("levels = [{}]", names.join(", ")),
    );
    let err = refused(&text);
    assert!(
        err.contains(&format!(
            "the framework names {} levels; at most {MAX_DEPTH} are allowed",
            MAX_DEPTH + 1
        )),
        "{err}"
    );
}

#[test]
fn deeply_nested_toml_is_refused_by_the_parser_with_a_line() {
    let depth = 100_000;
    let arrays = format!("{SMALL}deep = {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let tables = format!(
        "{SMALL}deep = {}1{}\n",
        "{ a = ".repeat(depth),
        " }".repeat(depth)
    );
    let header = format!("{SMALL}[{}]\n", vec!["a"; depth].join("."));
    for (text, line) in [(arrays, Some(18)), (tables, Some(18)), (header, Some(1))] {
        let err = parse_framework("t.toml", &text).expect_err("refused");
        assert_eq!(err.problems[0].line, line, "{err}");
        assert!(
            err.to_string()
                .contains("nested deeper than the TOML reader allows"),
            "{err}"
        );
    }
}

#[test]
fn replacing_more_items_than_a_framework_holds_is_refused() {
    let moves: String = (0..=MAX_ITEMS)
        .map(|n| format!("\"t.old{n}\" = \"t.a\"\n"))
        .collect();
    let text = SMALL.replacen("[scale]", &format!("[replaces]\n{moves}[scale]"), 1);
    let err = refused(&text);
    assert!(
        err.contains(&format!(
            "`replaces` moves {} items; at most {MAX_ITEMS} are allowed",
            MAX_ITEMS + 1
        )),
        "{err}"
    );
}

#[test]
fn moodle_and_mahara_files_are_held_to_the_same_field_limits() {
    let mut fw = parse_framework("t.toml", SMALL).expect("valid");
    fw.title = "x".repeat(MAX_TITLE_CHARS + 1);
    let csv = to_moodle_csv(&fw);
    let err = from_moodle_csv("t.csv", csv.as_bytes())
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains(&format!(
            "t.csv:2:1: the framework's title is over {MAX_TITLE_CHARS}"
        )),
        "{err}"
    );
    // Our own matrix writer cuts names to Mahara's 255 characters, so the file is edited.
    let mut matrix: serde_json::Value = serde_json::from_str(&to_mahara_matrix(&fw)).expect("JSON");
    matrix["framework"]["name"] = fw.title.clone().into();
    let matrix = serde_json::to_vec(&matrix).expect("written");
    let err = from_mahara_matrix("t.matrix", &matrix)
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains(&format!("the framework's title is over {MAX_TITLE_CHARS}")),
        "{err}"
    );
}

/// A matrix of the small framework with `description` as its first standard's description.
fn matrix_with_description(description: &str) -> Vec<u8> {
    let fw = parse_framework("t.toml", SMALL).expect("valid");
    let mut root: serde_json::Value = serde_json::from_str(&to_mahara_matrix(&fw)).expect("JSON");
    root["framework"]["standards"][0]["description"] = description.into();
    serde_json::to_vec_pretty(&root).expect("written")
}

/// The line of `matrix` where its first standard's description is written.
fn description_line(matrix: &[u8]) -> usize {
    let text = std::str::from_utf8(matrix).expect("UTF-8");
    let standards = text.find("\"standards\"").expect("standards");
    let at = standards
        + text[standards..]
            .find("\"description\"")
            .expect("description");
    text[..at].lines().count()
}

#[test]
fn matrix_html_past_its_size_or_depth_is_refused_before_parsing() {
    let big = matrix_with_description(&format!("<p>{}</p>", "a".repeat(MAX_MATRIX_HTML_BYTES)));
    let err = from_mahara_matrix("t.matrix", &big)
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains(&format!(
            "at most {} KiB are read",
            MAX_MATRIX_HTML_BYTES / 1024
        )),
        "{err}"
    );
    let line = description_line(&big);
    assert!(
        err.contains(&format!("t.matrix:{line}:")),
        "the description's line ({line}) is named: {err}"
    );

    let deep = "<div>".repeat(MAX_MATRIX_HTML_DEPTH + 1);
    let err = from_mahara_matrix("t.matrix", &matrix_with_description(&deep))
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains(&format!(
            "nests more than {MAX_MATRIX_HTML_DEPTH} elements deep"
        )),
        "{err}"
    );
    // Stray end tags close nothing, so they cannot hide depth.
    let hidden = "<div></span>".repeat(MAX_MATRIX_HTML_DEPTH + 1);
    assert!(from_mahara_matrix("t.matrix", &matrix_with_description(&hidden)).is_err());
}

#[test]
fn matrix_html_at_the_depth_limit_and_with_void_elements_is_read() {
    let at_limit = format!(
        "{}text{}{}",
        "<div>".repeat(MAX_MATRIX_HTML_DEPTH),
        "</div>".repeat(MAX_MATRIX_HTML_DEPTH),
        "<p>line<br>line<br><hr></p>".repeat(MAX_MATRIX_HTML_DEPTH * 2)
    );
    let fw = from_mahara_matrix("t.matrix", &matrix_with_description(&at_limit)).expect("read");
    assert!(
        fw.items[0].description.starts_with("text"),
        "{:?}",
        fw.items[0]
    );
}
