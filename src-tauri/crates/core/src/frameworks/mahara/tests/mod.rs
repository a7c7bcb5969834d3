//! The Mahara converter against the matrices in tests/fixtures/frameworks/mahara: both shapes,
//! Mahara's own export, mixed files, the round trip and the export; hostile files in `hostile`.

use std::path::PathBuf;

use super::html::{html_to_text, text_to_html};
use super::*;
use crate::frameworks::{builtin, parse_framework, to_toml};

mod hostile;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/frameworks/mahara")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str) -> Framework {
    from_mahara_matrix(name, &fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn item<'a>(fw: &'a Framework, id: &str) -> &'a Item {
    fw.item(id)
        .unwrap_or_else(|| panic!("no item {id} in {:?}", fw.items))
}

const BAND7: &str = "ward-manager-band7.matrix";
const FELLOWSHIP: &str = "clinical-leadership-fellowship.matrix";

#[test]
fn the_flat_shape_maps_standards_to_top_level_items_and_elements_below_them() {
    let fw = read(BAND7);
    let id = "band-7-ward-manager-development-programme";
    assert_eq!(fw.id, id, "the framework id is the name as a slug");
    assert_eq!(fw.title, "Band 7 Ward Manager Development Programme");
    assert_eq!(
        fw.publisher, "northfieldnhs",
        "the institution publishes it"
    );
    assert_eq!(fw.version, "1.0.0", "a matrix carries no version");
    assert_eq!(fw.licence, MAHARA_LICENCE, "a matrix carries no licence");
    assert_eq!(fw.scale, None, "evidence statuses are not a rating scale");
    assert_eq!(
        fw.levels,
        [
            "Standard",
            "Element",
            "Sub-element",
            "Sub-element (level 4)"
        ],
        "one level name for each depth the matrix uses"
    );
    let top: Vec<&str> = fw.domains().map(|i| i.id.as_str()).collect();
    assert_eq!(
        top,
        [
            format!("{id}.people"),
            format!("{id}.resources"),
            format!("{id}.safety"),
            format!("{id}.partnership")
        ],
        "standards are the top-level items, in file order, with ids from their shortnames"
    );
    assert_eq!(fw.items.len(), 16, "4 standards and 12 elements");
    let deepest = item(&fw, &format!("{id}.2-2-1-1"));
    assert_eq!(
        deepest.parent.as_deref(),
        Some(format!("{id}.2-2-1").as_str()),
        "parentelementid nests an element under another"
    );
    assert_eq!(
        item(&fw, &format!("{id}.2-2-1")).parent.as_deref(),
        Some(format!("{id}.2-2").as_str())
    );
    assert_eq!(
        deepest.title, "2.2.1.1 - Escalating staffing shortfalls",
        "the name, not the shortname, is the title"
    );
    assert_eq!(
        deepest.source_id.as_deref(),
        Some("2.2.1.1"),
        "elementid is kept"
    );
    assert_eq!(
        item(&fw, &format!("{id}.resources")).source_id.as_deref(),
        Some("2"),
        "standardid is kept"
    );
}

#[test]
fn descriptions_become_plain_text_with_their_structure() {
    let fw = read(BAND7);
    let id = "band-7-ward-manager-development-programme";
    assert_eq!(
        item(&fw, &format!("{id}.1-1")).description,
        "Holds appraisals for every direct report on time.\n\n\
         - Sets objectives linked to the ward's plan\n- Records agreed training needs",
        "paragraphs and list items survive as lines"
    );
    assert_eq!(
        item(&fw, &format!("{id}.2-2")).description,
        "Publishes the roster six weeks ahead.\nKeeps bank and agency use within the agreed limit.",
        "<br> is a line break"
    );
    assert_eq!(
        item(&fw, &format!("{id}.resources")).description,
        "Owning the ward's pay and non-pay budget & rostering to it safely.",
        "entities are decoded"
    );
    assert_eq!(
        item(&fw, &format!("{id}.safety")).description,
        "Keeping patients safe and learning when things go wrong.",
        "a script and its content are dropped"
    );
    assert!(
        fw.description.ends_with(
            "Programme handbook (https://learning.northfield.example.nhs.uk/ward-managers)"
        ),
        "a link keeps its address: {}",
        fw.description
    );
}

#[test]
fn the_older_shape_nests_elements_inside_each_standard() {
    let fw = read(FELLOWSHIP);
    let id = "clinical-leadership-fellowship";
    assert_eq!(fw.publisher, MAHARA_PUBLISHER, "\"all\" names no publisher");
    let sources: Vec<Option<&str>> = fw.domains().map(|i| i.source_id.as_deref()).collect();
    assert_eq!(
        sources,
        [Some("1"), Some("2"), Some("3")],
        "standards without a standardid are numbered as Mahara numbers them"
    );
    assert_eq!(
        item(&fw, &format!("{id}.feedback")).source_id,
        None,
        "an element without an elementid has no source id"
    );
    assert_eq!(
        item(&fw, &format!("{id}.stakeholders")).parent.as_deref(),
        Some(format!("{id}.case-for-change").as_str()),
        "parentelementid works inside the older shape too"
    );
    assert!(
        item(&fw, &format!("{id}.feedback"))
            .description
            .contains("a 360° review"),
        "named entities are decoded"
    );
    assert_eq!(
        item(&fw, &format!("{id}.board")).parent,
        None,
        "a standard with no elements is a one-level item"
    );
}

#[test]
fn mahara_s_own_export_keeps_its_nesting() {
    // Mahara writes `parentid` when it exports, but reads `parentelementid` when it imports.
    let fw = read("mahara-export-parentid.matrix");
    assert_eq!(
        item(&fw, "matron-development-framework.falls")
            .parent
            .as_deref(),
        Some("matron-development-framework.dashboards"),
        "parentid is read where parentelementid is absent"
    );
    assert_eq!(fw.description, "Shared by the regional matrons' network.");
    assert_eq!(fw.publisher, "southvalehealth");
}

#[test]
fn ids_are_unique_and_made_the_same_way_every_time() {
    let fw = read("repeated-shortnames.matrix");
    let ids: Vec<(&str, Option<&str>)> = fw
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.source_id.as_deref()))
        .collect();
    let p = "te-whare-tapa-wha-nurse-leader-self-review";
    assert_eq!(
        ids,
        [
            (format!("{p}.leadership").as_str(), Some("A")),
            (format!("{p}.leadership-2").as_str(), Some("7")),
            (format!("{p}.leadership-3").as_str(), Some("B")),
            (format!("{p}.maori-health-outcomes").as_str(), Some("C")),
            (format!("{p}.hauora-maori").as_str(), Some("C-1")),
        ],
        "repeats are numbered in tree order, an empty shortname falls back to the name, \
         accents are folded and a numeric elementid is kept as text"
    );
    assert_eq!(
        read("repeated-shortnames.matrix"),
        fw,
        "the same file gives the same framework"
    );
}

#[test]
fn converted_frameworks_are_valid_framework_files() {
    for name in [
        BAND7,
        FELLOWSHIP,
        "repeated-shortnames.matrix",
        "mahara-export-parentid.matrix",
    ] {
        let fw = read(name);
        let again = parse_framework("converted.toml", &to_toml(&fw))
            .unwrap_or_else(|e| panic!("{name} converts to an invalid file: {e}"));
        assert_eq!(
            again, fw,
            "{name}: the framework file checks change nothing"
        );
    }
}

#[test]
fn import_export_import_gives_the_same_framework() {
    for name in [
        BAND7,
        FELLOWSHIP,
        "repeated-shortnames.matrix",
        "mahara-export-parentid.matrix",
    ] {
        let first = read(name);
        let exported = to_mahara_matrix(&first);
        let second = from_mahara_matrix("exported.matrix", exported.as_bytes())
            .unwrap_or_else(|e| panic!("{name}: the export does not read back: {e}"));
        assert_eq!(
            second, first,
            "{name}: nothing is lost in a trip through Mahara's format"
        );
    }
}

#[test]
fn the_export_is_the_flat_shape_mahara_imports() {
    let exported = to_mahara_matrix(&read(FELLOWSHIP));
    let json: Value = serde_json::from_str(&exported).expect("valid JSON");
    let framework = &json["framework"];
    assert_eq!(
        framework["name"], "Clinical Leadership Fellowship",
        "Mahara requires a name"
    );
    assert_eq!(framework["institution"], "all");
    assert_eq!(framework["standards"].as_array().map(Vec::len), Some(3));
    let elements = framework["standardelements"]
        .as_array()
        .expect("a flat list");
    assert_eq!(elements.len(), 5);
    let stakeholders = &elements[3];
    assert_eq!(
        stakeholders["parentelementid"], "P1",
        "nesting by elementid"
    );
    assert_eq!(
        stakeholders["standardid"], 2,
        "standardid written as a number, as Mahara does"
    );
    for element in elements {
        assert!(
            element.get("id").is_none(),
            "an `id` would make Mahara update a database row instead of adding one"
        );
        assert!(element["shortname"].is_string() && element["name"].is_string());
    }
    assert_eq!(
        elements[0].get("elementid"),
        None,
        "a leaf that had no elementid is written without one"
    );
}

#[test]
fn our_own_framework_keeps_its_ids_through_mahara() {
    let cmpf = builtin()
        .iter()
        .find(|f| f.id == "cmpf")
        .expect("cmpf ships");
    let back = from_mahara_matrix("cmpf.matrix", to_mahara_matrix(cmpf).as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (back.id.as_str(), back.version.as_str()),
        ("cmpf", cmpf.version.as_str())
    );
    let shape = |fw: &Framework| -> Vec<(String, Option<String>, String)> {
        fw.items
            .iter()
            .map(|i| (i.id.clone(), i.parent.clone(), i.title.clone()))
            .collect()
    };
    assert_eq!(shape(&back), shape(cmpf), "ids, tree and titles survive");
}

#[test]
fn the_export_copes_with_any_framework_it_is_given() {
    let mut fw = read(BAND7);
    let long = "Leading a ward through a major service change ".repeat(7);
    fw.items[0].title = long.clone();
    // A hand-built framework can name a parent that is not there; it becomes a standard.
    fw.items[6].parent = Some("nowhere".into());
    fw.items[7].source_id = None;
    let json: Value = serde_json::from_str(&to_mahara_matrix(&fw)).expect("valid JSON");
    let standards = json["framework"]["standards"]
        .as_array()
        .expect("standards");
    let name = standards[0]["name"].as_str().unwrap_or_default();
    assert_eq!(
        name.chars().count(),
        255,
        "Mahara's name column holds 255 characters"
    );
    assert!(name.ends_with('…'), "a cut name says so");
    let shortname = standards[0]["shortname"].as_str().unwrap_or_default();
    assert_eq!(
        shortname.chars().count(),
        100,
        "Mahara's shortname column holds 100"
    );
    assert_eq!(standards.len(), 5, "the orphan is a standard, not lost");
    let elements = json["framework"]["standardelements"]
        .as_array()
        .expect("elements");
    assert_eq!(
        standards.len() + elements.len(),
        fw.items.len(),
        "every item is written"
    );
}

#[test]
fn html_is_read_safely_and_written_back_the_same() {
    let hostile = "<p onclick=\"steal()\">Lead <img src=x onerror=alert(1)>the <b>huddle</b>\
                   </p><style>p{}</style><a href=\"javascript:alert(1)\">click</a>\
                   <ul><li><p>Roster</p><ol><li>Bank &lt;script&gt;</li></ol></li></ul><p>unclosed";
    let text = html_to_text(hostile);
    assert_eq!(
        text, "Lead the huddle\n\nclick\n\n- Roster\n- Bank <script>\n\nunclosed",
        "tags, handlers, styles and unsafe links go; text and structure stay"
    );
    assert_eq!(
        html_to_text(&text_to_html(&text)),
        text,
        "reading what we write changes nothing"
    );
    let plain = "A & B < C\nline two\n\n- one\n- two\n\n- mixed\nnot a list";
    assert_eq!(
        html_to_text(&text_to_html(plain)),
        plain,
        "escaping and structure round-trip"
    );
}

#[test]
fn both_shapes_in_one_file_merge_as_mahara_merges_them() {
    let fw = read("mixed-shapes.matrix");
    let order: Vec<(&str, Option<&str>)> = fw
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.parent.as_deref()))
        .collect();
    let p = "deputy-sister-induction";
    assert_eq!(
        order,
        [
            (format!("{p}.shift").as_str(), None),
            (
                format!("{p}.handover").as_str(),
                Some(format!("{p}.shift").as_str())
            ),
            (
                format!("{p}.huddle").as_str(),
                Some(format!("{p}.handover").as_str())
            ),
            (
                format!("{p}.breaks").as_str(),
                Some(format!("{p}.shift").as_str())
            ),
        ],
        "nested elements come first, flat ones after (\"1\" names standard 1), and a flat one \
         may hang from a nested one"
    );
}

/// The worked example in docs/interop.md, so the page cannot drift from what the code does.
const DOCS_EXAMPLE_TOML: &str = r#"format = 2
id = "ward-manager-essentials"
version = "1.0.0"
title = "Ward Manager Essentials"
publisher = "Unknown (converted from Mahara)"
licence = "Unknown (converted from a Mahara SmartEvidence matrix; check the terms with the framework's owner)"
description = "Core standards for new ward managers."
source = "Converted from a Mahara SmartEvidence matrix. Mahara's evidence statuses and self-assessment setting are not part of a Ward to Board framework and were left out."
levels = ["Standard", "Element", "Sub-element"]

[[items]]
id = "ward-manager-essentials.finance"
title = "1 - Managing the ward budget"
description = "Pay, non-pay & rostering."
source_id = "1"

[[items]]
id = "ward-manager-essentials.1-1"
parent = "ward-manager-essentials.finance"
title = "1.1 - Reading the budget statement"
description = """
- Explains variances
- Agrees actions"""
source_id = "1.1"

[[items]]
id = "ward-manager-essentials.1-1-1"
parent = "ward-manager-essentials.1-1"
title = "1.1.1 - Bank and agency spend"
source_id = "1.1.1"
"#;

#[test]
fn the_documented_example_converts_as_documented() {
    assert_eq!(
        to_toml(&read("docs-example.matrix")),
        DOCS_EXAMPLE_TOML,
        "docs/interop.md shows this matrix becoming this file"
    );
}

#[test]
fn values_are_located_by_path_even_behind_escaped_keys() {
    let text = "{\"a\": [1, {\"b\\u0063\": \"x\"}], \"d\": {}}";
    let offsets = locate::value_offsets(text);
    assert_eq!(
        offsets.get("a/1/bc"),
        Some(&22),
        "the key is read as JSON reads it: {offsets:?}"
    );
    assert_eq!(
        offsets.get("a/0"),
        Some(&7),
        "array entries are numbered from 0"
    );
    assert_eq!(
        offsets.get("d"),
        Some(&34),
        "a value after a nested array keeps its own path"
    );
}
