//! The `w2b portfolio` commands: a learner's portfolio out to Mahara as Leap2A, and a Mahara
//! Leap2A export in. An import shows what it would create and writes nothing unless asked.

use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;
use w2b_core::portfolio::leap2a::{Leap2aError, Leap2aPreview, PreviewEntry};
use w2b_core::store::Store;

/// The formats a portfolio moves in; Leap2A (Mahara) for now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Leap2A 2010-07, as Mahara imports and exports it.
    Leap2a,
}

/// 2 when the file cannot be read or is not Leap2A; 1 when it was refused or failed.
fn exit_code(error: &Leap2aError) -> ExitCode {
    match error {
        Leap2aError::Io { .. } | Leap2aError::NotLeap2a { .. } => ExitCode::from(2),
        _ => ExitCode::from(1),
    }
}

fn open_store(data_dir: &Path) -> Result<Store, ExitCode> {
    Store::open(data_dir, Utc::now()).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(2)
    })
}

pub fn export(format: Format, data_dir: &Path, output: &Path) -> ExitCode {
    let Format::Leap2a = format;
    let store = match open_store(data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match store.export_leap2a(output, Utc::now()) {
        Ok(done) => {
            say!(
                "Wrote {} ({} entries, {} files, {} bytes). In Mahara, import it from \
                 Portfolio > Import (Leap2A); the entries arrive as posts in one journal.",
                done.path.display(),
                done.entries,
                done.files,
                done.bytes
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            exit_code(&e)
        }
    }
}

pub fn import(format: Format, data_dir: &Path, file: &Path, yes: bool) -> ExitCode {
    let Format::Leap2a = format;
    let store = match open_store(data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    if !yes {
        return match store.leap2a_preview(file) {
            Ok(preview) => {
                describe(&preview);
                say!("Nothing was written. Run again with --yes to import.");
                ExitCode::SUCCESS
            }
            Err(e) => refused(&e),
        };
    }
    match store.import_leap2a(file, Utc::now()) {
        Ok(imported) => {
            describe(&imported.preview);
            say!(
                "Imported {} entries ({} already there).",
                imported.entry_ids.len(),
                imported.already_imported
            );
            ExitCode::SUCCESS
        }
        Err(e) => refused(&e),
    }
}

fn refused(error: &Leap2aError) -> ExitCode {
    eprintln!("{error}");
    eprintln!("Nothing was imported: the learner's data is unchanged.");
    exit_code(error)
}

fn describe(preview: &Leap2aPreview) {
    say!("{}: Leap2A feed \"{}\"", preview.file, preview.feed_title);
    say!("New entries ({}):", preview.entries.len());
    for entry in &preview.entries {
        say!("  {}", line(entry));
    }
    if !preview.already_imported.is_empty() {
        say!("Already imported ({}):", preview.already_imported.len());
        for entry in &preview.already_imported {
            say!("  {}", line(entry));
        }
    }
    if !preview.warnings.is_empty() {
        say!("Left out ({}):", preview.warnings.len());
        for warning in &preview.warnings {
            say!("  {}: {}", warning.at, warning.message);
        }
    }
}

fn line(entry: &PreviewEntry) -> String {
    let mut text = format!("{}  {}", entry.date, entry.title);
    if !entry.tags.is_empty() {
        text.push_str(&format!("  [tags: {}]", entry.tags.join(", ")));
    }
    if !entry.attachments.is_empty() {
        text.push_str(&format!("  [files: {}]", entry.attachments.join(", ")));
    }
    text
}
