//! The limits on pack TOML and lesson front matter, and images shown many times.

use super::tests::{pack, problems, LESSON_OK, MANIFEST_OK, MODULE_OK};
use super::*;

/// The good lesson with `extra` added to its front matter.
fn lesson_with(extra: &str) -> String {
    LESSON_OK.replacen("minutes = 12\n", &format!("minutes = 12\n{extra}\n"), 1)
}

#[test]
fn an_oversized_pack_toml_is_refused_before_it_is_parsed() {
    // Not TOML at all: were it parsed, the problem would be a syntax error.
    let huge = "x".repeat(MAX_MANIFEST_BYTES + 1);
    assert_eq!(
        problems(&pack(&huge, MODULE_OK, LESSON_OK.as_bytes())),
        [
            "pack.toml: its TOML is 65 KiB; the limit is 64 KiB (shorten it: see the limits in \
          docs/curriculum-format.md)"
        ],
        "the file and the limit are named"
    );
    let module = format!("{MODULE_OK}# {}\n", "x".repeat(MAX_MANIFEST_BYTES));
    let found = problems(&pack(MANIFEST_OK, &module, LESSON_OK.as_bytes()));
    assert!(
        found[0].starts_with("m1/module.toml: its TOML is 65 KiB; the limit is 64 KiB"),
        "{found:?}"
    );
}

#[test]
fn oversized_front_matter_is_refused_before_it_is_parsed() {
    let lesson = lesson_with(&format!("# {}", "x".repeat(MAX_FRONT_MATTER_BYTES)));
    assert_eq!(
        problems(&pack(MANIFEST_OK, MODULE_OK, lesson.as_bytes())),
        [
            "m1/01.md: its front matter is 65 KiB; the limit is 64 KiB (shorten it: see the \
          limits in docs/curriculum-format.md)"
        ],
        "named with its file and limit"
    );
}

#[test]
fn deeply_nested_toml_within_the_size_limit_is_a_problem_not_a_crash() {
    let depth = MAX_FRONT_MATTER_BYTES / 2 - 1_000;
    let nested = format!("outcomes = {}{}", "[".repeat(depth), "]".repeat(depth));
    let found = problems(&pack(
        MANIFEST_OK,
        MODULE_OK,
        lesson_with(&nested).as_bytes(),
    ));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("m1/01.md:"), "{found:?}");
}

#[test]
fn too_many_items_are_refused_naming_the_field_and_limit() {
    let outcomes = vec!["\"x\""; MAX_LIST_ITEMS + 1].join(", ");
    let lesson = lesson_with(&format!("outcomes = [{outcomes}]"));
    assert_eq!(
        problems(&pack(MANIFEST_OK, MODULE_OK, lesson.as_bytes())),
        [
            "m1/01.md: `outcomes` lists 31 items; the limit is 30 (split it: see the limits in \
          docs/curriculum-format.md)"
        ],
        "the count and the limit"
    );

    let option =
        "  [[questions.options]]\n  text = \"No\"\n  correct = false\n  explanation = \"No.\"\n";
    let lesson = LESSON_OK.replacen(
        "+++\n## Hello",
        &format!("{}+++\n## Hello", option.repeat(MAX_OPTIONS - 1)),
        1,
    );
    let found = problems(&pack(MANIFEST_OK, MODULE_OK, lesson.as_bytes()));
    assert_eq!(
        found,
        ["m1/01.md: question `q1`: `options` lists 11 items; the limit is 10 (split it: see the \
          limits in docs/curriculum-format.md)"],
        "options are counted per question"
    );

    let modules = (0..=MAX_MODULES)
        .map(|i| format!("\"m{i}\""))
        .collect::<Vec<_>>();
    let manifest = MANIFEST_OK.replace(
        "modules = [\"m1\"]",
        &format!("modules = [{}]", modules.join(", ")),
    );
    assert_eq!(
        problems(&pack(&manifest, MODULE_OK, LESSON_OK.as_bytes())),
        [
            "pack.toml: `modules` lists 101 items; the limit is 100 (split it: see the limits in \
          docs/curriculum-format.md)"
        ],
        "stops at the count rather than reading 101 folders"
    );
}

#[test]
fn an_overlong_field_is_refused() {
    let lesson = LESSON_OK.replacen(
        "title = \"Lesson one\"",
        &format!("title = \"{}\"", "é".repeat(MAX_FIELD_CHARS + 1)),
        1,
    );
    assert_eq!(
        problems(&pack(MANIFEST_OK, MODULE_OK, lesson.as_bytes())),
        [
            "m1/01.md: `title` is 4001 characters long; the limit is 4000 (shorten it: see the \
          limits in docs/curriculum-format.md)"
        ],
        "counted in characters, not bytes"
    );
}

/// A PNG signature and enough bytes to be a 2 MiB picture, the largest a pack may carry.
fn large_png() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.resize(crate::packs::MAX_IMAGE_BYTES, 7);
    png
}

#[test]
fn an_image_shown_many_times_is_judged_and_stored_once() {
    // 20,000 references to a 2 MiB picture: copied per reference, as before, that is 40 GB
    // of copying (the bench `pack_check_one_image_shown_95000_times` measures the time).
    let references = 20_000;
    let lesson = format!("{LESSON_OK}{}", "![](i.png)\n".repeat(references));
    let png = large_png();
    let pack = parse_pack(&pack_with_image(&lesson, &png))
        .expect("a picture shown often is still a good pack");
    assert_eq!(pack.assets.len(), 1, "one asset for the one picture");
    assert_eq!(
        pack.assets["m1/i.png"].bytes.len(),
        png.len(),
        "its bytes, once"
    );

    // A missing picture is still reported where each reference is, without reading twice.
    let missing = format!("{LESSON_OK}![](gone.png)\n![](gone.png)\n");
    let found = problems(&pack_with_image(&missing, &png));
    assert_eq!(found.len(), 2, "one problem per reference: {found:?}");
    assert!(
        found
            .iter()
            .all(|p| p.contains("image `gone.png` is missing")),
        "{found:?}"
    );
}

fn pack_with_image(lesson: &str, png: &[u8]) -> PackFiles {
    PackFiles::from_embedded(&[
        ("pack.toml", MANIFEST_OK.as_bytes()),
        ("m1/module.toml", MODULE_OK.as_bytes()),
        ("m1/01.md", lesson.as_bytes()),
        ("m1/i.png", png),
    ])
}
