//! The Ward to Board desktop app: Tauri set-up, the window, and the IPC commands. Domain
//! logic lives in `w2b-core`.

mod assets;
mod clock;
mod closing;
#[cfg(test)]
mod command_list;
mod commands;
mod earlier_data;
pub mod error;
mod opened_file;
mod state;

#[cfg(test)]
mod bindings;

use tauri::{Manager, Url, WebviewUrl, WebviewWindowBuilder};
use w2b_core::store::Store;

use crate::opened_file::{bundles_to_open, file_to_open, hand_to_window, single_instance_id};
use crate::state::{data_dir_override, AppState};

pub use commands::app::AppInfo;

/// Builds and runs the app until its window is closed.
pub fn run() {
    commands::app::STARTED.get_or_init(std::time::Instant::now);
    let args: Vec<String> = std::env::args().collect();
    let context = tauri::generate_context!();
    // Before GTK starts: the window's class (X11) and app id (Wayland) become the app id,
    // which is also the desktop file's name and its StartupWMClass, so desktops show the
    // window under its launcher and icon.
    #[cfg(target_os = "linux")]
    glib::set_prgname(Some(context.config().identifier.as_str()));
    let data_dir_flag = data_dir_override(&args, std::env::var("W2B_DATA_DIR").ok());
    let instance_id = single_instance_id(&context.config().identifier, data_dir_flag.as_deref());
    let cwd = std::env::current_dir().unwrap_or_default();
    let launch_file = file_to_open(&args, &cwd);
    let launch_cohort = bundles_to_open(&args, &cwd);
    let result = tauri::Builder::default()
        // First, so a second launch on the same data hands over its file and exits before
        // anything else starts (Linux: a D-Bus name per data folder; Windows and macOS: the
        // plugin's own per-app lock). The store's lock file backs this up.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance_id)
                .callback(|app, argv, cwd| hand_to_window(app, &argv, &cwd))
                .build(),
        )
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .register_asynchronous_uri_scheme_protocol(w2b_core::markdown::ASSET_SCHEME, assets::serve)
        .setup(move |app| {
            let data_dir = match data_dir_flag {
                Some(dir) => dir,
                None => {
                    let dir = app.path().app_data_dir()?;
                    let earlier = app
                        .path()
                        .data_dir()?
                        .join(earlier_data::EARLIER_IDENTIFIER);
                    match earlier_data::adopt_earlier_data(&earlier, &dir) {
                        Ok(earlier_data::Adopted::BothKept) => eprintln!(
                            "ward-to-board: an earlier portfolio is kept in {}; this one is in {}",
                            earlier.display(),
                            dir.display()
                        ),
                        Ok(_) => {}
                        Err(error) => eprintln!(
                            "ward-to-board: cannot move the earlier data from {}: {error}",
                            earlier.display()
                        ),
                    }
                    dir
                }
            };
            let clock = clock::Clock::from_env();
            let store = Store::open(&data_dir, clock.now()).and_then(|store| {
                store.sync_builtin_pack(clock.now())?;
                Ok(store)
            });
            if let Err(error) = &store {
                eprintln!(
                    "ward-to-board: cannot open the data in {}: {error}",
                    data_dir.display()
                );
            }
            app.manage(
                AppState::new(data_dir, store, launch_file, clock)
                    .with_pending_cohort(launch_cohort),
            );
            app.manage(commands::cohort::LastCohortReport::default());
            // The daily copy is taken in the background so the window is not kept waiting.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn_blocking(move || {
                let state = handle.state::<AppState>();
                if let Ok(store) = state.store() {
                    if let Err(error) = store.backup_if_due(state.now()) {
                        eprintln!("ward-to-board: the daily backup failed: {error}");
                    }
                }
            });
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("Ward to Board")
                .inner_size(1200.0, 840.0)
                .min_inner_size(640.0, 480.0)
                .on_navigation(is_app_url)
                .build()?;
            Ok(())
        })
        .on_window_event(closing::on_window_event)
        // Every `#[tauri::command]` in `commands/<area>.rs`, listed by build.rs.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/invoke_handler.rs")))
        .run(context);
    if let Err(error) = result {
        eprintln!("ward-to-board could not start: {error}");
        std::process::exit(1);
    }
}

/// The window may only show the app's own pages: links out go through `open_external_link`.
fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => {
            url.host_str() == Some("tauri.localhost")
                || (tauri::is_dev()
                    && url.host_str() == Some("localhost")
                    && url.port() == Some(5173))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_stays_on_the_app() {
        let ok = |s: &str| is_app_url(&Url::parse(s).expect("valid URL"));
        assert!(
            ok("tauri://localhost/index.html"),
            "the bundled UI on Linux and macOS"
        );
        assert!(
            ok("http://tauri.localhost/index.html"),
            "the bundled UI on Windows"
        );
        assert!(!ok("https://evil.example/"), "no remote page, ever");
        assert!(!ok("file:///etc/passwd"), "no local files");
    }

    #[test]
    fn the_csp_lets_lesson_images_load_on_every_platform_and_nothing_else() {
        let config: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).expect("tauri.conf.json");
        let csp = config["app"]["security"]["csp"].as_str().expect("a CSP");
        let img_src: Vec<&str> = csp
            .split(';')
            .map(str::trim)
            .find_map(|d| d.strip_prefix("img-src "))
            .expect("an img-src directive")
            .split_whitespace()
            .collect();
        for form in w2b_core::markdown::AssetAddressing::ALL {
            assert!(
                img_src.contains(&form.csp_source()),
                "{} missing from img-src {img_src:?}",
                form.csp_source()
            );
        }
        assert_eq!(
            img_src.len(),
            4,
            "only the app, data: and the two asset forms: {img_src:?}"
        );
        // The handler is registered under the scheme both forms name.
        assert_eq!(w2b_core::markdown::ASSET_SCHEME, "w2b-pack");
    }
}
