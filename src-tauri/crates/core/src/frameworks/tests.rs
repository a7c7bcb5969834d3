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
        .scale()
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
    assert_eq!(clcf.domains().count(), 5, "five CLCF domains");
    assert!(
        clcf.domains().all(|d| clcf.children(&d.id).count() == 4),
        "four elements each"
    );
}

const DEEP: &str = r#"format = 2
id = "fml"
version = "2.0.0"
title = "Leadership standards"
publisher = "A deanery"
licence = "CC-BY-4.0"
levels = ["Domain", "Standard", "Indicator", "Example"]

[[items]]
id = "fml.self"
title = "Self"
description = "Knowing *yourself*."

[[items]]
id = "fml.self.aware"
parent = "fml.self"
title = "Self-awareness"
refs = ["fml.team"]
source_id = "SELF-1"

[[items]]
id = "fml.self.aware.feedback"
parent = "fml.self.aware"
title = "Seeks feedback"

[[items]]
id = "fml.self.aware.feedback.360"
parent = "fml.self.aware.feedback"
title = "Has done a 360 in the last year"

[[items]]
id = "fml.team"
title = "Team"
"#;

#[test]
fn format_two_keeps_every_level_and_its_names() {
    let f = parse_framework("fml.toml", DEEP).expect("valid");
    assert_eq!(f.levels.len(), 4, "the taxonomy names four levels");
    assert_eq!(
        f.depths()["fml.self.aware.feedback.360"],
        4,
        "nothing is flattened"
    );
    let leaves: Vec<&str> = f.items().iter().map(|i| i.id).collect();
    assert_eq!(
        leaves,
        ["fml.self.aware.feedback.360", "fml.team"],
        "leaves are counted"
    );
    let deep = f.items()[0];
    assert_eq!(
        (deep.domain.id.as_str(), deep.element.id.as_str()),
        ("fml.self", "fml.self.aware.feedback")
    );
    let ids = f.mappable_ids();
    assert!(
        ids.contains("fml.team"),
        "a top-level item with no children is mappable"
    );
    assert!(
        !ids.contains("fml.self"),
        "a top-level item with children groups"
    );
    assert!(ids.contains("fml.self.aware"), "inner items are mappable");
    for item in &f.items {
        assert_eq!(
            f.is_mappable(&item.id),
            ids.contains(item.id.as_str()),
            "{}",
            item.id
        );
    }
    assert!(
        !f.is_mappable("fml.nowhere"),
        "an unknown id is not mappable"
    );
    assert_eq!(
        f.item("fml.self.aware")
            .and_then(|i| i.source_id.as_deref()),
        Some("SELF-1")
    );
    assert_eq!(
        f.scale().levels.len(),
        4,
        "no scale of its own: the app's standard one"
    );
}

#[test]
fn format_two_problems_have_lines() {
    let bad = DEEP
        .replace(
            "parent = \"fml.self.aware\"\n",
            "parent = \"fml.nowhere\"\n",
        )
        .replace("refs = [\"fml.team\"]", "refs = [\"fml.teem\"]");
    let err = parse_framework("fml.toml", &bad).expect_err("invalid");
    let text = err.to_string();
    assert!(
        text.contains("fml.toml:23:10: parent `fml.nowhere`"),
        "{text}"
    );
    assert!(
        text.contains("fml.toml:18:9: `fml.self.aware` refers to `fml.teem`"),
        "{text}"
    );
}

#[test]
fn a_child_before_its_parent_and_too_deep_nesting_are_refused() {
    let mut text = String::from(
        "format = 2\nid = \"d\"\nversion = \"1.0.0\"\ntitle = \"D\"\npublisher = \"P\"\nlicence = \"L\"\n",
    );
    text.push_str("[[items]]\nid = \"d.b\"\nparent = \"d.a\"\ntitle = \"B\"\n");
    text.push_str("[[items]]\nid = \"d.a\"\ntitle = \"A\"\n");
    let mut parent = "d.a".to_owned();
    for n in 0..MAX_DEPTH {
        let id = format!("d.a{n}");
        text.push_str(&format!(
            "[[items]]\nid = \"{id}\"\nparent = \"{parent}\"\ntitle = \"X\"\n"
        ));
        parent = id;
    }
    let err = parse_framework("d.toml", &text)
        .expect_err("invalid")
        .to_string();
    assert!(
        err.contains("parent `d.a` of `d.b` comes after it"),
        "{err}"
    );
    assert!(
        err.contains(&format!("nested {} levels deep", MAX_DEPTH + 1)),
        "{err}"
    );
}

#[test]
fn unknown_formats_and_bad_versions_are_named() {
    let err = parse_framework("x.toml", &SMALL.replace("format = 1", "format = 7")).expect_err("x");
    assert!(
        err.to_string()
            .contains("x.toml:1:10: format 7 is not one this app reads"),
        "{err}"
    );
    let err = parse_framework("x.toml", &SMALL.replace("\"1.0.0\"", "\"one\"")).expect_err("x");
    assert!(
        err.to_string()
            .contains("version `one` is not a version number"),
        "{err}"
    );
}

#[test]
fn a_written_framework_reads_back_the_same() {
    for f in builtin_frameworks()
        .expect("valid")
        .into_iter()
        .chain([parse_framework("fml.toml", DEEP).expect("valid")])
    {
        let text = to_toml(&f);
        let again = parse_framework("again.toml", &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(again, f, "{} survives a round trip", f.id);
        assert_eq!(content_hash(&again), content_hash(&f));
    }
}

fn v2(version: &str, edit: impl Fn(String) -> String) -> Framework {
    parse_framework(
        "fml.toml",
        &edit(DEEP.replace("\"2.0.0\"", &format!("\"{version}\""))),
    )
    .expect("valid")
}

#[test]
fn an_upgrade_reports_kept_renamed_moved_and_removed_items() {
    let old = v2("2.0.0", |s| s);
    let new = v2("2.1.0", |s| {
        s.replace("title = \"Team\"", "title = \"Teams\"")
            .replace("id = \"fml.self.aware.feedback.360\"", "id = \"fml.self.aware.feedback.multi\"")
            .replace("title = \"Seeks feedback\"\n", "title = \"Seeks feedback\"\n\n[replaces]\n\"fml.self.aware.feedback.360\" = \"fml.self.aware.feedback.multi\"\n")
    });
    let plan = plan_upgrade(Some(&old), &new).expect("an upgrade");
    assert_eq!((plan.kept, plan.added), (3, 1), "{plan:?}");
    assert_eq!(plan.renamed[0].new_title.as_deref(), Some("Teams"));
    assert_eq!(
        plan.moved[0].new_id.as_deref(),
        Some("fml.self.aware.feedback.multi")
    );
    assert!(plan.removed.is_empty());
    let gone = v2("3.0.0", |s| {
        s.replace("[[items]]\nid = \"fml.team\"\ntitle = \"Team\"\n", "")
            .replace("refs = [\"fml.team\"]\n", "")
    });
    let plan = plan_upgrade(Some(&old), &gone).expect("an upgrade");
    assert_eq!(
        plan.removed
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        ["fml.team"]
    );
    let retired = retired_after(&old, &gone, &plan);
    assert_eq!(
        (retired[0].title.as_str(), retired[0].removed_in.as_str()),
        ("Team", "3.0.0")
    );
}

#[test]
fn downgrades_impostors_and_silent_changes_are_refused() {
    let installed = v2("2.0.0", |s| s);
    let older = v2("1.9.0", |s| s);
    assert!(matches!(
        plan_upgrade(Some(&installed), &older),
        Err(UpgradeRefused::Downgrade { .. })
    ));
    let impostor = v2("9.0.0", |s| s.replace("A deanery", "Someone else"));
    assert!(matches!(
        plan_upgrade(Some(&installed), &impostor),
        Err(UpgradeRefused::Unrelated { .. })
    ));
    let changed = v2("2.0.0", |s| {
        s.replace("title = \"Team\"", "title = \"Teams\"")
    });
    assert!(matches!(
        plan_upgrade(Some(&installed), &changed),
        Err(UpgradeRefused::SameVersionChanged { .. })
    ));
    let same = plan_upgrade(Some(&installed), &installed.clone()).expect("a reinstall");
    assert!(same.unchanged, "the same file again changes nothing");
}

#[test]
fn hostile_framework_files_are_refused_without_panic() {
    let deep = format!(
        "format = 2\nx = {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let big_title = SMALL.replace(
        "title = \"A\"",
        &format!("title = \"{}\"", "A".repeat(MAX_TITLE_CHARS + 1)),
    );
    let not_utf8_escape = SMALL.replace("title = \"A\"", "title = \"\\uD800\"");
    let unprefixed_framework = SMALL.replace("id = \"t\"", "id = \"T!\"");
    for (why, text) in [
        ("deeply nested arrays", deep.as_str()),
        ("a title over the limit", big_title.as_str()),
        ("a surrogate escape", not_utf8_escape.as_str()),
        ("an invalid framework id", unprefixed_framework.as_str()),
        ("an empty file", ""),
        ("no format line", "id = \"x\"\n"),
    ] {
        let err = parse_framework("h.toml", text).expect_err(why);
        assert!(
            err.problems
                .iter()
                .all(|p| p.file == "h.toml" && !p.message.is_empty()),
            "{why}: every problem names the file: {err}"
        );
    }
}
