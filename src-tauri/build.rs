//! Builds the app's one list of commands from the source: every `#[tauri::command]` in
//! `src/commands/<area>.rs`. From that list come the app manifest (so Tauri checks each command
//! against `capabilities/`: a command not granted there cannot be called from the page, even by
//! injected script), the invoke handler in `lib.rs`, and `COMMANDS`, which the command-list test
//! compares with `capabilities/main.json` and `ui/src/ipc/<area>.ts`.

use std::fmt::Write as _;
use std::path::Path;

/// `(area, command)` for every command, areas in name order, commands in file order.
fn commands() -> Vec<(String, String)> {
    let dir = Path::new("src/commands");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let area = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_else(|| panic!("odd file name {}", file.display()))
            .to_owned();
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let mut pending = false;
        for line in text.lines().map(str::trim) {
            if line.starts_with("#[tauri::command") {
                pending = true;
            } else if pending && !line.starts_with("#[") {
                let rest = line
                    .strip_prefix("pub async fn ")
                    .or_else(|| line.strip_prefix("pub fn "))
                    .unwrap_or_else(|| {
                        panic!(
                            "{}: a command must be `pub fn` or `pub async fn`, found `{line}`",
                            file.display()
                        )
                    });
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                found.push((area.clone(), name));
                pending = false;
            }
        }
    }
    found
}

fn main() {
    println!("cargo:rerun-if-changed=src/commands");
    let commands = commands();
    // The manifest keeps its list for the whole build script, which ends right after.
    let names: &'static [&'static str] = Vec::leak(
        commands
            .iter()
            .map(|(_, name)| &*String::leak(name.clone()))
            .collect(),
    );

    let out = std::env::var("OUT_DIR").unwrap_or_else(|e| panic!("cargo sets OUT_DIR: {e}"));
    let mut handler = String::from("tauri::generate_handler![\n");
    let mut list = String::from("&[\n");
    for (area, name) in &commands {
        let _ = writeln!(handler, "    commands::{area}::{name},");
        let _ = writeln!(list, "    ({area:?}, {name:?}),");
    }
    handler.push(']');
    list.push(']');
    std::fs::write(Path::new(&out).join("invoke_handler.rs"), handler)
        .unwrap_or_else(|e| panic!("cannot write invoke_handler.rs: {e}"));
    std::fs::write(Path::new(&out).join("command_list.rs"), list)
        .unwrap_or_else(|e| panic!("cannot write command_list.rs: {e}"));

    let manifest = tauri_build::AppManifest::new().commands(names);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        panic!("tauri-build failed: {error:#}");
    }
}
