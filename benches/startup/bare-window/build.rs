//! Declares the one command so Tauri checks it against `capabilities/`, as the app does.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&["report_ready"]);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        panic!("tauri-build failed: {error:#}");
    }
}
