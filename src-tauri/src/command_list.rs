//! Checks the one list of commands (build.rs reads it from every `#[tauri::command]` in
//! `commands/<area>.rs`) against the places that must agree with it: the grants in
//! `capabilities/main.json`, the typed wrappers in `ui/src/ipc/<area>.ts`, and the feature
//! folders in `ui/src/features/`. A failure names the file to change and the line to add.
//! See "Adding a command" in docs/architecture.md.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// `(area, command)`: every command the app registers.
const COMMANDS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/command_list.rs"));

/// Commands the page calls from script the app itself runs, not from `ui/src/ipc/`: the file
/// that calls each one.
const CALLED_FROM_RUST: &[(&str, &str)] = &[("close_ready", "src/closing.rs")];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn areas() -> BTreeSet<&'static str> {
    COMMANDS.iter().map(|(area, _)| *area).collect()
}

/// The command names an ipc file passes to `call`, `invoke` or `sendFile`.
fn called_in(ts: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for keyword in ["call", "invoke", "sendFile"] {
        let mut rest = ts;
        while let Some(at) = rest.find(keyword) {
            let before_ok = rest[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
            rest = &rest[at + keyword.len()..];
            if !before_ok {
                continue;
            }
            // Skip generic arguments, then expect `('name'`.
            let after_generics = match rest.find('(') {
                Some(open) if !rest[..open].contains([';', '\n', '=']) => &rest[open + 1..],
                _ => continue,
            };
            let after_generics = after_generics.trim_start();
            if let Some(quoted) = after_generics.strip_prefix('\'') {
                if let Some(end) = quoted.find('\'') {
                    let name = &quoted[..end];
                    if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    {
                        found.insert(name.to_owned());
                    }
                }
            }
        }
    }
    found
}

#[test]
fn the_capability_grants_exactly_the_commands() {
    let path = root().join("capabilities/main.json");
    let json: serde_json::Value =
        serde_json::from_str(&read(&path)).expect("capabilities/main.json is JSON");
    let granted: BTreeSet<String> = json["permissions"]
        .as_array()
        .expect("a permissions list")
        .iter()
        .filter_map(|p| p.as_str())
        .map(str::to_owned)
        .collect();
    let wanted: BTreeSet<String> = COMMANDS
        .iter()
        .map(|(_, name)| format!("allow-{}", name.replace('_', "-")))
        .collect();
    let missing: Vec<_> = wanted.difference(&granted).collect();
    let extra: Vec<_> = granted.difference(&wanted).collect();
    assert!(
        missing.is_empty(),
        "add these to capabilities/main.json, or the page cannot call them: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "capabilities/main.json grants what no command in src/commands/ provides (remove them): {extra:?}"
    );
}

#[test]
fn each_area_has_one_ipc_file_that_wraps_exactly_its_commands() {
    let ipc = root().join("../ui/src/ipc");
    for area in areas() {
        let commands: BTreeSet<String> = COMMANDS
            .iter()
            .filter(|(a, name)| *a == area && !CALLED_FROM_RUST.iter().any(|(n, _)| n == name))
            .map(|(_, name)| (*name).to_owned())
            .collect();
        let file = ipc.join(format!("{area}.ts"));
        assert!(
            file.exists() || commands.is_empty(),
            "src/commands/{area}.rs has commands but ui/src/ipc/{area}.ts does not exist: add it with a wrapper for each of {commands:?}"
        );
        let called = if file.exists() {
            called_in(&read(&file))
        } else {
            BTreeSet::new()
        };
        let unwrapped: Vec<_> = commands.difference(&called).collect();
        let foreign: Vec<_> = called.difference(&commands).collect();
        assert!(
            unwrapped.is_empty(),
            "ui/src/ipc/{area}.ts has no wrapper for these commands of src/commands/{area}.rs: {unwrapped:?}"
        );
        assert!(
            foreign.is_empty(),
            "ui/src/ipc/{area}.ts calls commands that are not in src/commands/{area}.rs (move the wrapper to the ipc file of the command's area, or the command to this area): {foreign:?}"
        );
    }
    for (name, file) in CALLED_FROM_RUST {
        assert!(
            read(&root().join(file)).contains(&format!("'{name}'")),
            "{file} no longer calls `{name}`: remove it from CALLED_FROM_RUST"
        );
    }
}

#[test]
fn ipc_files_and_feature_folders_are_named_after_areas() {
    let areas = areas();
    let ui = root().join("../ui/src");
    let names = |dir: &Path, files: bool| -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file() == files)
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .collect()
    };
    for file in names(&ui.join("ipc"), true) {
        let Some(stem) = file.strip_suffix(".ts") else {
            continue;
        };
        if stem == "call" || stem.ends_with(".test") {
            continue;
        }
        assert!(
            areas.contains(stem),
            "ui/src/ipc/{file} is not named after an area with commands ({areas:?})"
        );
    }
    for folder in names(&ui.join("features"), false) {
        assert!(
            areas.contains(folder.as_str()),
            "ui/src/features/{folder}/ is not named after an area with commands ({areas:?})"
        );
    }
}

#[test]
fn command_names_are_verb_noun_and_unique() {
    let mut seen = BTreeSet::new();
    for (area, name) in COMMANDS {
        assert!(
            seen.insert(*name),
            "`{name}` is declared twice (again in {area})"
        );
        assert!(
            name.contains('_') && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "`{name}` in src/commands/{area}.rs: command names are verb_noun in snake case"
        );
    }
}

#[test]
fn the_wrapper_finder_reads_the_forms_the_ipc_files_use() {
    let ts = "export const a = () => call<Map<string, X>>('get_a', { x });\n\
              export const b = (f: File) => sendFile<Y>('open_b', f);\n\
              return await invoke<T>(command, args);\n\
              const recall = 'not_a_command';";
    let found: Vec<String> = called_in(ts).into_iter().collect();
    assert_eq!(
        found,
        ["get_a", "open_b"],
        "generic arguments are skipped; variables are not names"
    );
}
