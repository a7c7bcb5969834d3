use super::*;

/// (name given, safe name written, the problem a bundle reader finds in the name given)
const TABLE: &[(&str, &str, Option<&str>)] = &[
    ("notes.pdf", "notes.pdf", None),
    (
        "Ward rota (v2) – final.pdf",
        "Ward rota (v2) – final.pdf",
        None,
    ),
    ("CON", "CON-file", Some("a name Windows keeps")),
    ("con.txt", "con-file.txt", Some("a name Windows keeps")),
    (
        "Aux.tar.gz",
        "Aux-file.tar.gz",
        Some("a name Windows keeps"),
    ),
    ("nul .pdf", "nul-file .pdf", Some("a name Windows keeps")),
    ("lpt9.PNG", "lpt9-file.PNG", Some("a name Windows keeps")),
    ("COM¹.txt", "COM¹-file.txt", Some("a name Windows keeps")),
    ("Connie.txt", "Connie.txt", None),
    ("com10.txt", "com10.txt", None),
    ("report?.pdf", "report-.pdf", Some("holding `?`")),
    (
        "a<b>c:d\"e|f*g.txt",
        "a-b-c-d-e-f-g.txt",
        Some("holding `<`"),
    ),
    ("../../etc/passwd", "..-..-etc-passwd", Some("holding `/`")),
    ("a\\b.txt", "a-b.txt", Some("holding `\\`")),
    ("a\u{0}b.txt", "a-b.txt", Some("control character")),
    (
        "line\nbreak.txt",
        "line-break.txt",
        Some("control character"),
    ),
    ("evil\u{202E}fdp.exe", "evil-fdp.exe", Some("U+202E")),
    ("a\u{2066}b\u{2069}.pdf", "a-b-.pdf", Some("U+2066")),
    ("mark\u{200F}.pdf", "mark-.pdf", Some("U+200F")),
    ("arabic\u{061C}.pdf", "arabic-.pdf", Some("U+061C")),
    ("report.", "report", Some("ending in a dot")),
    ("notes .. ", "notes", Some("ending in a dot or a space")),
    ("  spaced.txt", "spaced.txt", None),
    ("...", "file", Some("ending in a dot")),
    ("", "file", Some("empty name")),
];

#[test]
fn every_name_in_the_table_is_mapped_and_judged_by_the_same_rules() {
    for (given, safe, problem) in TABLE {
        assert_eq!(
            safe_file_name(given),
            *safe,
            "`{}` is written as `{safe}`",
            given.escape_debug()
        );
        assert_eq!(
            name_problem(safe),
            None,
            "the safe form `{}` passes the reader's check",
            safe.escape_debug()
        );
        assert_eq!(safe_file_name(safe), *safe, "a safe name is kept as it is");
        let found = name_problem(given).map(|p| p.to_string());
        match (problem, &found) {
            (None, None) => {}
            (Some(expected), Some(found)) => assert!(
                found.contains(expected),
                "`{}`: expected {expected:?} in {found:?}",
                given.escape_debug()
            ),
            _ => panic!(
                "`{}`: expected {problem:?}, found {found:?}",
                given.escape_debug()
            ),
        }
    }
}

#[test]
fn leading_spaces_are_a_problem_only_when_writing() {
    // A leading space is legal everywhere, so a bundle may hold one; the app never writes one.
    assert_eq!(name_problem("  spaced.txt"), None);
}

#[test]
fn a_long_name_is_cut_on_a_character_boundary_keeping_its_extension() {
    let long = format!("a{}.docx", "é".repeat(200));
    assert!(
        matches!(
            name_problem(&long),
            Some(NameProblem::TooLong { bytes: 406 })
        ),
        "406 bytes is over the limit"
    );
    let safe = safe_file_name(&long);
    assert!(safe.len() <= MAX_FILE_NAME_BYTES, "{} bytes", safe.len());
    assert!(safe.ends_with("é.docx"), "the extension survives: {safe}");
    assert_eq!(safe.len(), 254, "two-byte letters are never split");
    let no_extension = "a".repeat(300);
    assert_eq!(safe_file_name(&no_extension).len(), MAX_FILE_NAME_BYTES);
    let all_extension = format!("a.{}", "b".repeat(300));
    assert_eq!(
        safe_file_name(&all_extension).len(),
        MAX_FILE_NAME_BYTES,
        "a dot deep in a long name is not an extension"
    );
}

#[test]
fn names_equal_after_case_folding_and_nfc_collide() {
    let nfc = "caf\u{e9}.pdf";
    let nfd = "cafe\u{301}.pdf";
    assert_ne!(nfc, nfd, "two different strings");
    assert_eq!(collision_key(nfc), collision_key(nfd), "the same name");
    assert_eq!(collision_key("A.PDF"), collision_key("a.pdf"));
    assert_eq!(collision_key("CAFE\u{301}.pdf"), collision_key(nfc));
    assert_ne!(collision_key("a.pdf"), collision_key("b.pdf"));
    assert_eq!(
        safe_file_name(nfd),
        nfc,
        "the app writes names in NFC, as macOS and Windows show them"
    );
}

#[test]
fn claimed_names_stay_unique_after_mapping() {
    let mut names = UniqueNames::default();
    let claimed: Vec<String> = [
        "a.pdf",
        "A.pdf",
        "a?.pdf",
        "a-.pdf",
        "cafe\u{301}.txt",
        "CAF\u{c9}.txt",
        "con.txt",
        "CON.txt",
        "report.",
        "report",
    ]
    .iter()
    .map(|n| names.claim(n))
    .collect();
    assert_eq!(
        claimed,
        [
            "a.pdf",
            "A-2.pdf",
            "a-.pdf",
            "a--2.pdf",
            "caf\u{e9}.txt",
            "CAF\u{c9}-2.txt",
            "con-file.txt",
            "CON-file-2.txt",
            "report",
            "report-2",
        ]
    );
    let keys: std::collections::HashSet<String> =
        claimed.iter().map(|n| collision_key(n)).collect();
    assert_eq!(keys.len(), claimed.len(), "no two collide");
    for name in &claimed {
        assert_eq!(name_problem(name), None, "`{name}` is safe");
    }
}

#[test]
fn a_numbered_long_name_stays_within_the_limit() {
    let long = format!("{}.pdf", "a".repeat(400));
    let mut names = UniqueNames::default();
    let first = names.claim(&long);
    let second = names.claim(&long);
    assert_eq!(first.len(), MAX_FILE_NAME_BYTES);
    assert!(second.len() <= MAX_FILE_NAME_BYTES, "{}", second.len());
    assert!(second.ends_with("-2.pdf"), "{second}");
}

#[test]
fn a_slug_keeps_letters_and_digits_and_joins_the_rest_with_single_hyphens() {
    assert_eq!(
        slug("Dr Sam  O'Neil"),
        "dr-sam-o-neil",
        "one hyphen per gap"
    );
    assert_eq!(slug("  --  "), "portfolio", "nothing usable falls back");
    assert_eq!(slug("Con"), "con-file", "a name Windows keeps for a device");
    assert_eq!(slug("LPT1"), "lpt1-file");
    assert_eq!(slug("Connie"), "connie", "only the whole name is reserved");
    assert_eq!(slug("Zoë 2"), "zo-2", "letters outside ASCII become gaps");
    assert_eq!(slug(&"a".repeat(60)).len(), 40, "a long name is cut short");
}

#[test]
fn an_unused_path_numbers_past_the_names_taken_in_any_case() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let first = unused_path(dir.path(), "sam", "w2bbundle");
    assert_eq!(name_of(&first), "sam.w2bbundle", "the plain name when free");
    std::fs::write(&first, b"x").expect("seeded");
    std::fs::write(dir.path().join("SAM-2.w2bbundle"), b"x").expect("seeded");
    assert_eq!(
        name_of(&unused_path(dir.path(), "sam", "w2bbundle")),
        "sam-3.w2bbundle",
        "taken names are skipped, in any case, never replaced"
    );
    assert_eq!(
        name_of(&unused_path(dir.path(), "aux", "txt")),
        "aux-file.txt",
        "a device name is never written"
    );
}
