//! The Ward to Board desktop app: Tauri set-up, the window, and the IPC commands. Domain
//! logic lives in `w2b-core`.

mod assets;
mod clock;
mod closing;
mod commands;
pub mod error;
mod state;

#[cfg(test)]
mod bindings;

use tauri::{Manager, Url, WebviewUrl, WebviewWindowBuilder};
use w2b_core::store::Store;

use crate::state::{data_dir_override, import_arg, AppState};

pub use commands::app::AppInfo;

/// Builds and runs the app until its window is closed.
pub fn run() {
    commands::app::STARTED.get_or_init(std::time::Instant::now);
    let args: Vec<String> = std::env::args().collect();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .register_asynchronous_uri_scheme_protocol(w2b_core::markdown::ASSET_SCHEME, assets::serve)
        .setup(move |app| {
            let data_dir = match data_dir_override(&args, std::env::var("W2B_DATA_DIR").ok()) {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
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
            app.manage(AppState::new(data_dir, store, import_arg(&args), clock));
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
        .invoke_handler(tauri::generate_handler![
            commands::app::get_app_info,
            commands::app::open_external_link,
            commands::app::report_ready,
            closing::close_ready,
            commands::learning::get_learning_path,
            commands::learning::open_lesson,
            commands::learning::set_lesson_complete,
            commands::packs::list_packs,
            commands::packs::choose_pack_file,
            commands::packs::preview_pack_import,
            commands::packs::import_pack,
            commands::packs::remove_pack,
            commands::study::answer_question,
            commands::study::restart_quiz,
            commands::study::save_note,
            commands::study::save_reading_position,
            commands::study::record_study,
            commands::study::get_study_summary,
            commands::study::log_study_as_cpd,
            commands::study::search_lessons,
            commands::study::get_settings,
            commands::study::set_text_size,
            commands::bundle::preview_export,
            commands::bundle::export_bundle,
            commands::bundle::save_copy_as,
            commands::bundle::import_review,
            commands::bundle::list_reviews,
            commands::bundle::get_entry_comments,
            commands::bundle::open_bundle,
            commands::bundle::get_bundle_picture,
            commands::bundle::keep_review_draft,
            commands::bundle::save_review,
            commands::bundle::print_bundle_page,
            commands::backups::list_backups,
            commands::backups::backup_now,
            commands::backups::restore_backup,
            commands::portfolio::get_editor_options,
            commands::portfolio::find_entries,
            commands::portfolio::list_entry_tags,
            commands::portfolio::count_bin,
            commands::portfolio::get_entry,
            commands::portfolio::save_entry,
            commands::portfolio::list_entry_versions,
            commands::portfolio::restore_entry_version,
            commands::portfolio::delete_entry,
            commands::portfolio::restore_entry_from_bin,
            commands::portfolio::empty_bin,
            commands::portfolio::upload_attachment,
            commands::portfolio::save_attachment_copy,
            commands::portfolio::get_attachment_preview,
            commands::portfolio::check_privacy,
            commands::portfolio::preview_markdown,
            commands::portfolio::keep_editor_draft,
            commands::portfolio::get_editor_draft,
            commands::portfolio::discard_editor_draft,
            commands::plan::get_coverage,
            commands::plan::list_goals,
            commands::plan::save_goal,
            commands::plan::delete_goal,
            commands::plan::add_goal_review,
            commands::plan::get_revalidation,
            commands::plan::set_revalidation_settings,
            commands::plan::add_practice_hours,
            commands::plan::delete_practice_hours,
        ])
        .run(tauri::generate_context!());
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
}
