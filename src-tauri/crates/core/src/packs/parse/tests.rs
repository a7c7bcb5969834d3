use super::*;

pub(super) const MANIFEST_OK: &str = r#"format = 2
id = "test.pack"
version = "1.0.0"
title = "Test pack"
publisher = "Test scheme"
licence = "CC-BY-4.0"
language = "en-GB"
min_app_version = "0.1.0"
framework = "cmpf"
modules = ["m1"]
"#;

pub(super) const MODULE_OK: &str = "id = \"m1\"\ntitle = \"Module one\"\nlessons = [\"01.md\"]\n";

pub(super) const LESSON_OK: &str = r#"+++
id = "lesson-one"
title = "Lesson one"
minutes = 12
checked = "2026-12-04"
review_by = "2027-12-01"
behaviours = ["cmpf.resources.stewardship"]

[[questions]]
id = "q1"
type = "single"
prompt = "Pick one"
  [[questions.options]]
  text = "Right"
  correct = true
  explanation = "Because."
  [[questions.options]]
  text = "Wrong"
  correct = false
  explanation = "Because not."
+++
## Hello

Body text.
"#;

pub(super) fn pack(manifest: &str, module: &str, lesson: &[u8]) -> PackFiles {
    PackFiles::from_embedded(&[
        ("pack.toml", manifest.as_bytes()),
        ("m1/module.toml", module.as_bytes()),
        ("m1/01.md", lesson),
    ])
}

pub(super) fn problems(files: &PackFiles) -> Vec<String> {
    parse_pack(files)
        .expect_err("the pack has problems")
        .problems
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_good_pack_parses() {
    let pack = parse_pack(&pack(MANIFEST_OK, MODULE_OK, LESSON_OK.as_bytes())).expect("valid pack");
    assert_eq!(pack.manifest.id, "test.pack", "manifest read");
    let lesson = &pack.modules[0].lessons[0];
    assert_eq!(lesson.meta.minutes, 12, "front matter read");
    assert_eq!(
        lesson.body, "## Hello\n\nBody text.\n",
        "the body is what follows the front matter"
    );
    assert_eq!(lesson.meta.questions[0].options.len(), 2, "questions read");
}

#[test]
fn bom_and_crlf_simply_work() {
    let crlf = format!("\u{feff}{}", LESSON_OK.replace('\n', "\r\n"));
    let pack = parse_pack(&pack(
        &MANIFEST_OK.replace('\n', "\r\n"),
        MODULE_OK,
        crlf.as_bytes(),
    ))
    .expect("Windows-edited files are fine");
    assert_eq!(
        pack.modules[0].lessons[0].body, "## Hello\n\nBody text.\n",
        "line endings normalised"
    );
}

#[test]
fn toml_errors_point_at_the_line_in_the_lesson_file() {
    let broken = LESSON_OK.replace("minutes = 12", "minuts = 12");
    let found = problems(&pack(MANIFEST_OK, MODULE_OK, broken.as_bytes()));
    assert_eq!(found.len(), 1, "one problem: {found:?}");
    assert!(
        found[0].starts_with("m1/01.md:4:1:"),
        "`minuts` is on line 4 of the file, counting the `+++` line: {found:?}"
    );
    assert!(
        found[0].contains("minuts"),
        "the message names the bad field: {found:?}"
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let manifest = MANIFEST_OK
        .replace("1.0.0", "one")
        .replace("modules = [\"m1\"]", "modules = [\"m1\", \"m2\"]");
    let lesson = LESSON_OK.replace("correct = false", "correct = true");
    let found = problems(&pack(&manifest, MODULE_OK, lesson.as_bytes()));
    assert_eq!(
        found.len(),
        3,
        "bad version, missing module, two correct answers: {found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("m2/module.toml: is missing")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("exactly one correct option, not 2")),
        "{found:?}"
    );
}

#[test]
fn invalid_utf8_is_a_problem_with_a_position() {
    let found = problems(&pack(MANIFEST_OK, MODULE_OK, b"+++\nid = \"x\"\n\xff\xfe"));
    assert_eq!(
        found,
        vec!["m1/01.md:3:1: is not valid UTF-8 text (save the file as UTF-8)".to_owned()]
    );
}

#[test]
fn missing_front_matter_is_explained() {
    let found = problems(&pack(MANIFEST_OK, MODULE_OK, b"# Just markdown\n"));
    assert!(
        found[0].contains("does not start with front matter"),
        "{found:?}"
    );
}

#[test]
fn duplicate_lesson_ids_are_refused() {
    let module = "id = \"m1\"\ntitle = \"M\"\nlessons = [\"01.md\", \"02.md\"]\n";
    let files = PackFiles::from_embedded(&[
        ("pack.toml", MANIFEST_OK.as_bytes()),
        ("m1/module.toml", module.as_bytes()),
        ("m1/01.md", LESSON_OK.as_bytes()),
        ("m1/02.md", LESSON_OK.as_bytes()),
    ]);
    let found = problems(&files);
    assert!(
        found
            .iter()
            .any(|p| p.contains("`lesson-one` is used by another lesson")),
        "{found:?}"
    );
}

#[test]
fn the_builtin_pack_is_valid() {
    let pack = parse_pack(&crate::packs::builtin_pack_files())
        .unwrap_or_else(|e| panic!("the built-in curriculum must always parse: {e}"));
    assert!(
        !pack.modules.is_empty(),
        "the built-in curriculum has modules"
    );
    for module in &pack.modules {
        for lesson in &module.lessons {
            assert!(
                !lesson.meta.behaviours.is_empty(),
                "{} maps to a behaviour",
                lesson.meta.id
            );
        }
    }
}

#[test]
fn warnings_point_at_the_line_in_the_lesson_file() {
    let lesson = LESSON_OK.replace(
        "Body text.\n",
        "Body text.\n\nSee <iframe src=x></iframe> here.\n",
    );
    let pack = parse_pack(&pack(MANIFEST_OK, MODULE_OK, lesson.as_bytes()))
        .expect("warnings do not block");
    let line = lesson
        .lines()
        .position(|l| l.contains("<iframe"))
        .expect("present")
        + 1;
    let found: Vec<String> = pack.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(found.len(), 1, "one warning: {found:?}");
    assert!(
        found[0].starts_with(&format!(
            "m1/01.md:{line}:5: warning: raw HTML `<iframe src=x>`"
        )),
        "file, exact line and column of the iframe: {found:?}"
    );
}

#[test]
fn the_builtin_pack_has_no_warnings() {
    let pack = parse_pack(&crate::packs::builtin_pack_files()).expect("valid");
    let found: Vec<String> = pack.warnings.iter().map(ToString::to_string).collect();
    assert!(
        found.is_empty(),
        "the built-in curriculum uses nothing the renderer strips: {found:?}"
    );
}

#[test]
fn a_pass_mark_must_be_a_percentage() {
    let with = |mark: &str| format!("{MANIFEST_OK}pass_mark = {mark}\n");
    let ok = parse_pack(&pack(&with("75"), MODULE_OK, LESSON_OK.as_bytes())).expect("valid");
    assert_eq!(ok.manifest.pass_mark, Some(75));
    for bad in ["0", "101"] {
        let found = problems(&pack(&with(bad), MODULE_OK, LESSON_OK.as_bytes()));
        assert_eq!(
            found,
            [format!(
                "pack.toml: pass_mark {bad} is not a percentage from 1 to 100 (leave it out for the app's default of 80, or give a whole number like 75)"
            )]
        );
    }
    // Beyond what the field can hold: a TOML error at the line.
    let found = problems(&pack(&with("300"), MODULE_OK, LESSON_OK.as_bytes()));
    assert!(
        found.len() == 1 && found[0].starts_with("pack.toml:11:13:") && found[0].contains("300"),
        "{found:?}"
    );
}

#[test]
fn nesting_the_renderer_would_flatten_is_refused_at_its_line() {
    let line = LESSON_OK.lines().count() + 2;
    let deep = format!("{LESSON_OK}\n{} deep\n", ">".repeat(80_000));
    let found = problems(&pack(MANIFEST_OK, MODULE_OK, deep.as_bytes()));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(&format!(
            "m1/01.md:{line}:33: block quotes and lists are nested more than 32 deep"
        )),
        "the file, the line and the column where the 33rd level opens: {found:?}"
    );
}

#[test]
fn a_lesson_over_the_size_limit_is_refused_before_it_is_read() {
    let long = format!("{LESSON_OK}{}", "Words. ".repeat(MAX_LESSON_BYTES / 7 + 1));
    let found = problems(&pack(MANIFEST_OK, MODULE_OK, long.as_bytes()));
    assert_eq!(
        found,
        [format!(
            "m1/01.md: the lesson is {} KB; lessons can be up to 512 KB (split it into two or more lessons)",
            long.len() / 1024
        )]
    );
}
