//! Declares the app's own commands so Tauri checks them against `capabilities/`: a command
//! not granted there cannot be called from the page, even by injected script.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "get_app_info",
        "get_learning_path",
        "open_lesson",
        "set_lesson_complete",
        "open_external_link",
        "report_ready",
        "close_ready",
        "list_packs",
        "choose_pack_file",
        "preview_pack_import",
        "import_pack",
        "remove_pack",
        "answer_question",
        "restart_quiz",
        "save_note",
        "save_reading_position",
        "record_study",
        "get_study_summary",
        "log_study_as_cpd",
        "search_lessons",
        "get_settings",
        "set_text_size",
        "list_backups",
        "backup_now",
        "restore_backup",
        "get_editor_options",
        "find_entries",
        "list_entry_tags",
        "count_bin",
        "get_entry",
        "save_entry",
        "list_entry_versions",
        "restore_entry_version",
        "delete_entry",
        "restore_entry_from_bin",
        "empty_bin",
        "upload_attachment",
        "save_attachment_copy",
        "get_attachment_preview",
        "check_privacy",
        "preview_markdown",
        "get_coverage",
        "list_goals",
        "save_goal",
        "delete_goal",
        "add_goal_review",
        "get_revalidation",
        "set_revalidation_settings",
        "add_practice_hours",
        "delete_practice_hours",
    ]);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        panic!("tauri-build failed: {error:#}");
    }
}
