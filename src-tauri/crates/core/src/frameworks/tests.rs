use super::*;

const SMALL: &str = r#"format = 1
id = "t"
version = "1.0.0"
title = "T"
publisher = "P"
licence = "L"
[scale]
name = "Self-rating"
levels = [{ value = 1, label = "Starting" }, { value = 2, label = "Leading" }]
[[domains]]
id = "t.a"
title = "A"
  [[domains.elements]]
  id = "t.a.one"
  title = "One"
    [[domains.elements.behaviours]]
    id = "t.a.one.listen"
    statement = "I listen."
"#;

#[test]
fn a_framework_parses_and_lists_what_can_be_mapped() {
    let f = parse_framework("t.toml", SMALL).expect("valid");
    let ids = f.mappable_ids();
    assert!(
        ids.contains("t.a.one") && ids.contains("t.a.one.listen"),
        "elements and behaviours: {ids:?}"
    );
    assert!(
        !ids.contains("t.a"),
        "domains are groupings, not mapping targets"
    );
}

#[test]
fn duplicate_and_unprefixed_ids_are_reported() {
    let bad = SMALL
        .replace("id = \"t.a.one.listen\"", "id = \"t.a.one\"")
        .replace("id = \"t.a\"", "id = \"other\"");
    let err = parse_framework("t.toml", &bad).expect_err("invalid");
    let text = err.to_string();
    assert!(text.contains("`t.a.one` is used twice"), "{text}");
    assert!(text.contains("`other` does not start with `t.`"), "{text}");
}

#[test]
fn scales_count_up_from_one() {
    let bad = SMALL.replace("value = 2", "value = 3");
    let err = parse_framework("t.toml", &bad).expect_err("invalid");
    assert!(err.to_string().contains("must count up from 1"), "{err}");
}

#[test]
fn syntax_errors_give_a_line() {
    let err = parse_framework("t.toml", &SMALL.replace("title = \"A\"", "title = A"))
        .expect_err("invalid");
    assert_eq!(
        err.problems[0].line,
        Some(12),
        "`title = A` is on line 12: {err}"
    );
}

#[test]
fn the_builtin_frameworks_are_valid() {
    let all =
        builtin_frameworks().unwrap_or_else(|e| panic!("built-in frameworks must parse: {e}"));
    let ids: Vec<&str> = all.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        ["cmpf", "clcf", "hlm"],
        "the three frameworks the app ships"
    );
    let hlm = &all[2];
    let labels: Vec<String> = hlm
        .scale
        .levels
        .iter()
        .map(|l| l.label.to_lowercase())
        .collect();
    assert_eq!(
        labels,
        ["essential", "proficient", "strong", "exemplary"],
        "the HLM's four-point scale"
    );
    assert_eq!(hlm.mappable_ids().len(), 9, "nine dimensions");
    let clcf = &all[1];
    assert_eq!(clcf.domains.len(), 5, "five CLCF domains");
    assert!(
        clcf.domains.iter().all(|d| d.elements.len() == 4),
        "four elements each"
    );
}
