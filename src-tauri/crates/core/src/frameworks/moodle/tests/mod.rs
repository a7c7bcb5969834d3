//! The Moodle CSV converter against the fixtures in tests/fixtures/frameworks/moodle: every
//! column's mapping and the round trip here, the CSV reader in `reader`, and every refused
//! input in `hostile`.

use std::path::PathBuf;

use super::scale::PROFICIENT;
use super::*;
use crate::frameworks::{builtin_frameworks, parse_framework, to_toml, Framework};

mod hostile;
mod reader;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/frameworks/moodle")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn band7() -> Framework {
    from_moodle_csv("band7.csv", &fixture("band7-ward-manager.csv"))
        .unwrap_or_else(|e| panic!("the fixture converts: {e}"))
}

fn item<'a>(fw: &'a Framework, local: &str) -> &'a crate::frameworks::Item {
    let id = format!("{}.{local}", fw.id);
    fw.item(&id)
        .unwrap_or_else(|| panic!("{id} is in the framework"))
}

/// A small CSV with Moodle's header and the framework row, then `rows`.
fn small(rows: &[&str]) -> String {
    let mut text = HEADER
        .iter()
        .map(|h| format!("\"{h}\""))
        .collect::<Vec<_>>()
        .join(",");
    text.push_str("\n,FW,Test framework,,1,\"Low,High\",,,,,,,1,\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

fn convert(text: &str) -> Framework {
    from_moodle_csv("small.csv", text.as_bytes()).unwrap_or_else(|e| panic!("converts: {e}"))
}

#[test]
fn the_framework_row_gives_id_title_description_source_and_taxonomy() {
    let fw = band7();
    assert_eq!(
        fw.id, "nhs-b7-wm",
        "slug of the framework's ID number NHS-B7-WM"
    );
    assert_eq!(fw.version, "1.0.0");
    assert_eq!(fw.title, "Band 7 ward manager development programme");
    assert_eq!(fw.publisher, PUBLISHER);
    assert_eq!(fw.licence, LICENCE);
    assert_eq!(
        fw.source.as_deref(),
        Some("Moodle competency framework NHS-B7-WM")
    );
    assert_eq!(
        fw.levels,
        ["Domain", "Competency", "Behaviour", "Indicator"]
    );
    assert_eq!(
        fw.description,
        "The programme for newly appointed band 7 ward managers at Riverside Teaching \
         Hospitals NHS Foundation Trust.\n\nIt covers three areas:\n\n- leading a safe ward\n\
         - leading people\n- managing resources & performance",
        "HTML with &nbsp;, &amp; and a list, as Markdown"
    );
}

#[test]
fn the_scale_values_become_the_scale_with_proficient_levels_described() {
    let fw = band7();
    let scale = fw
        .scale
        .as_ref()
        .unwrap_or_else(|| panic!("the fixture has a scale"));
    assert_eq!(
        scale.name,
        "Competency scale: Band 7 ward manager development programme"
    );
    let levels: Vec<(u32, &str, &str)> = scale
        .levels
        .iter()
        .map(|l| (l.value, l.label.as_str(), l.description.as_str()))
        .collect();
    assert_eq!(
        levels,
        [
            (1, "Not yet demonstrated", ""),
            (2, "Developing", ""),
            (3, "Competent", PROFICIENT),
            (4, "Role model", PROFICIENT),
        ]
    );
}

#[test]
fn a_scale_without_proficient_levels_marks_the_top_one_and_no_values_means_no_scale() {
    let fw = convert(&small(&[",A,One,,1,,,,0,null,,,,"]));
    let scale = fw.scale.unwrap_or_else(|| panic!("Low,High is a scale"));
    assert_eq!(scale.levels[0].description, "");
    assert_eq!(scale.levels[1].description, PROFICIENT);
    let text = small(&[",A,One,,1,,,,0,null,,,,"]).replace("\"Low,High\"", "");
    assert_eq!(convert(&text).scale, None);
    let text = small(&[",A,One,,1,,,,0,null,,,,"]).replace(
        "\"Low,High\",",
        "\"Low,High\",\"[{\"\"scaleid\"\":\"\"3\"\"},{\"\"id\"\":\"\"1\"\",\"\"proficient\"\":\"\"1\"\"}]\"",
    );
    let scale = convert(&text).scale.unwrap_or_else(|| panic!("a scale"));
    assert_eq!(
        (
            scale.levels[0].description.as_str(),
            scale.levels[1].description.as_str()
        ),
        (PROFICIENT, ""),
        "numbers written as strings, as some Moodle versions do"
    );
}

#[test]
fn items_keep_the_tree_and_come_parents_first_in_file_order() {
    let fw = band7();
    let ids: Vec<&str> = fw.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "nhs-b7-wm.safe",
            "nhs-b7-wm.safe-staff",
            "nhs-b7-wm.safe-staff-1",
            "nhs-b7-wm.safe-inc",
            // Written before its parent in the file: moved to just after it.
            "nhs-b7-wm.safe-inc-1",
            "nhs-b7-wm.safe-inc-1-a",
            "nhs-b7-wm.people",
            "nhs-b7-wm.people-well",
            "nhs-b7-wm.people-well-1",
            "nhs-b7-wm.people-dev",
            "nhs-b7-wm.res",
            "nhs-b7-wm.res-rota",
            "nhs-b7-wm.res-budget",
        ]
    );
    assert_eq!(item(&fw, "safe").parent, None);
    assert_eq!(
        item(&fw, "safe-inc-1-a").parent.as_deref(),
        Some("nhs-b7-wm.safe-inc-1")
    );
    assert_eq!(
        fw.depths()["nhs-b7-wm.safe-inc-1-a"],
        4,
        "four levels, never flattened"
    );
    assert_eq!(
        item(&fw, "safe-inc-1-a").source_id.as_deref(),
        Some("SAFE-INC-1-A")
    );
    assert_eq!(item(&fw, "people-well").title, "Wellbeing & speaking up");
}

#[test]
fn descriptions_are_converted_by_their_format() {
    let fw = band7();
    assert_eq!(
        item(&fw, "safe-staff").description,
        "Plans and adjusts staffing so that the ward's acuity is met.\n\n\
         1. Uses the safer nursing care tool twice a year\n2. Escalates gaps before the shift starts",
        "HTML (1) with an ordered list"
    );
    assert_eq!(
        item(&fw, "safe").description,
        "Keeping patients safe is the ward manager\u{2019}s first duty: **every shift**, not only \
         on audit days.",
        "HTML entities and strong text"
    );
    assert_eq!(
        item(&fw, "safe-staff-1").description,
        "Checks the next 72 hours of the rota against the acuity scores  \n\
         and moves staff between bays when the scores change.",
        "Moodle auto-format (0): each line end is a line break"
    );
    assert_eq!(
        item(&fw, "safe-inc-1-a").description,
        "Writes up **three things** the team will do differently, and checks them a month later.",
        "Markdown (4) kept"
    );
    assert_eq!(
        item(&fw, "people-well-1").description,
        "Plain text: \\<not HTML\\> and 5 \\< 6, kept as written.",
        "plain text (2) escaped so it shows as written"
    );
    assert_eq!(item(&fw, "people-dev").description, "", "no description");
}

#[test]
fn cross_references_become_refs_to_our_ids() {
    let fw = band7();
    assert_eq!(
        item(&fw, "people-well-1").refs,
        ["nhs-b7-wm.safe-inc-1", "nhs-b7-wm.people-dev"]
    );
    assert_eq!(item(&fw, "res-rota").refs, ["nhs-b7-wm.safe-staff"]);
    let fw = convert(&small(&[
        ",\"A,B\",One,,1,,,,0,null,,,,",
        ",C,Two,,1,,,,0,null,\"A%2CB,A%2CB\",,,",
    ]));
    assert_eq!(
        fw.items[1].refs,
        ["fw.a-b"],
        "%2C is a comma inside an ID number; repeats are kept once"
    );
}

#[test]
fn ids_are_slugs_made_unique_in_order() {
    let fw = convert(&small(&[
        ",Safe Staffing,One,,1,,,,0,null,,,,",
        ",safe-staffing,Two,,1,,,,0,null,,,,",
        ",SAFE_STAFFING,Three,,1,,,,0,null,,,,",
        ",Café (2026),Four,,1,,,,0,null,,,,",
        ",!!!,Five,,1,,,,0,null,,,,",
        ",***,Six,,1,,,,0,null,,,,",
    ]));
    let ids: Vec<&str> = fw.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "fw.safe-staffing",
            "fw.safe-staffing-2",
            "fw.safe_staffing",
            "fw.caf-2026",
            "fw.item",
            "fw.item-2",
        ]
    );
    let text = small(&[",A,One,,1,,,,0,null,,,,"]).replace(",FW,", ",\"NHS B7 (2026)\",");
    assert_eq!(convert(&text).id, "nhs-b7-2026");
}

#[test]
fn moodles_own_header_wording_is_accepted() {
    // Moodle's test fixture writes the header differently from its language strings.
    let text = small(&[",A,One,,1,,,,0,null,,,,"]).replacen(
        &HEADER.map(|h| format!("\"{h}\"")).join(","),
        "\"Parent id number\",\"Id number\",Shortname,Description,\"Description format\",\
         \"Scale values\",\"Scale configuration\",\"Rule type (optional)\",\
         \"Rule outcome (optional)\",\"Rule config (optional)\",\
         \"Cross referenced competency id numbers\",\"Exported id (optional)\",\"Is framework\",\
         Taxonomy",
        1,
    );
    assert_eq!(convert(&text).items.len(), 1);
}

#[test]
fn an_is_framework_of_zero_is_a_competency() {
    let fw = convert(&small(&[",A,One,,1,,,,0,null,,,0,"]));
    assert_eq!(fw.items.len(), 1, "PHP reads \"0\" as false");
}

#[test]
fn the_result_is_a_valid_framework_file_unchanged_by_writing_and_reading() {
    let fw = band7();
    let again = parse_framework("x", &to_toml(&fw)).unwrap_or_else(|e| panic!("valid: {e}"));
    assert_eq!(again, fw);
}

#[test]
fn import_export_import_gives_the_same_framework() {
    let fw = band7();
    let csv = to_moodle_csv(&fw);
    let again = from_moodle_csv("again.csv", csv.as_bytes())
        .unwrap_or_else(|e| panic!("our own CSV reads back: {e}\n{csv}"));
    assert_eq!(again, fw);
}

#[test]
fn export_writes_moodles_header_and_framework_row() {
    let csv = to_moodle_csv(&band7());
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "Parent ID number,ID number,Short name,Description,Description format,Scale values,\
             Scale configuration,Rule type (optional),Rule outcome (optional),\
             Rule config (optional),Cross-referenced competency ID numbers,\
             Exported ID (optional),Is framework,Taxonomy"
        )
    );
    assert!(
        csv.contains(
            ",4,\"Not yet demonstrated,Developing,Competent,Role model\",\"[{\"\"scaleid\"\":\
             \"\"0\"\"},{\"\"id\"\":1,\"\"proficient\"\":0,\"\"scaledefault\"\":0},{\"\"id\"\":2,\
             \"\"proficient\"\":0,\"\"scaledefault\"\":0},{\"\"id\"\":3,\"\"proficient\"\":1,\
             \"\"scaledefault\"\":1},{\"\"id\"\":4,\"\"proficient\"\":1,\"\"scaledefault\"\":0}]\",\
             ,,,,,1,\"domain,competency,behaviour,indicator\"\n"
        ),
        "Markdown format, the scale with its proficient levels, Is framework and taxonomy:\n{csv}"
    );
    assert!(
        csv.contains(
            "\nPEOPLE-WELL,PEOPLE-WELL-1,Holds regular one-to-ones with every band 5 and 6,\
             \"Plain text: \\<not HTML\\> and 5 \\< 6, kept as written.\",4,,,,0,null,\
             \"SAFE-INC-1,PEOPLE-DEV\",,,\n"
        ),
        "a competency row names its parent and cross references by ID number:\n{csv}"
    );
}

#[test]
fn a_framework_written_by_hand_exports_to_a_csv_that_converts_back() {
    for fw in builtin_frameworks().unwrap_or_else(|e| panic!("shipped files parse: {e}")) {
        let csv = to_moodle_csv(&fw);
        let back = from_moodle_csv("builtin.csv", csv.as_bytes())
            .unwrap_or_else(|e| panic!("{}: {e}", fw.id));
        parse_framework("x", &to_toml(&back)).unwrap_or_else(|e| panic!("valid: {e}"));
        assert_eq!(back.title, fw.title);
        assert_eq!(back.items.len(), fw.items.len());
        let titles = |f: &Framework| -> Vec<(String, Option<String>)> {
            f.items
                .iter()
                .map(|i| {
                    let parent = i.parent.as_deref().and_then(|p| f.item(p));
                    (i.title.clone(), parent.map(|p| p.title.clone()))
                })
                .collect()
        };
        assert_eq!(titles(&back), titles(&fw), "{}: same tree", fw.id);
        let descriptions = |f: &Framework| -> Vec<String> {
            f.items.iter().map(|i| i.description.clone()).collect()
        };
        assert_eq!(descriptions(&back), descriptions(&fw), "{}", fw.id);
        for level in &back.levels {
            assert!(
                TAXONOMIES.contains(&level.to_lowercase().as_str()),
                "{level}: only Moodle's terms are written"
            );
        }
    }
}

#[test]
fn export_keeps_id_numbers_unique_and_escapes_commas_in_cross_references() {
    let mut fw = convert(&small(&[
        ",\"A,B\",One,,1,,,,0,null,,,,",
        ",C,Two,,1,,,,0,null,\"A%2CB\",,,",
    ]));
    let csv = to_moodle_csv(&fw);
    assert!(csv.contains("\n,C,Two,,4,,,,0,null,A%2CB,,,\n"), "{csv}");
    fw.items[1].source_id = Some("A,B".into());
    let csv = to_moodle_csv(&fw);
    assert!(
        csv.contains("\n,\"A,B-2\",Two,"),
        "a clash gets a suffix: {csv}"
    );
}

#[test]
fn an_empty_taxonomy_term_is_moodles_default_competency() {
    let text = small(&[",A,One,,1,,,,0,null,,,,"]).replace(",1,\n,A", ",1,\"Domain,, skill,\"\n,A");
    assert_eq!(convert(&text).levels, ["Domain", "Competency", "Skill"]);
}

/// The worked example in docs/interop.md is what the converter really does.
#[test]
fn the_documented_example_converts_as_documented() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../docs/interop.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let section = doc
        .split("## Moodle competency frameworks (CSV)")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap_or_else(|| panic!("the Moodle section is in the page"));
    let block = |fence: &str| {
        section
            .split(fence)
            .nth(1)
            .and_then(|s| s.split("```").next())
            .unwrap_or_else(|| panic!("a {fence} block"))
    };
    let converted = convert(block("```csv\n"));
    let documented = parse_framework("interop.md", block("```toml\n"))
        .unwrap_or_else(|e| panic!("the documented file is valid: {e}"));
    assert_eq!(converted, documented);
}
