//! The cohort report as the app's review mode runs it ("Open several bundles"): over the files
//! and folders the person chose, against the frameworks the bundles carry or one installed in
//! their app, and saved into a folder as the same page and CSV `w2b cohort report` writes.

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::{render_html, report_with_progress, to_csv, CohortProgress, CohortReport, InputError};
use crate::frameworks::Framework;

#[derive(Debug, thiserror::Error)]
pub enum CohortError {
    #[error(transparent)]
    Inputs(#[from] InputError),
    #[error(
        "The framework `{0}` is not installed in this app. Choose another, or the frameworks \
         the bundles carry."
    )]
    UnknownFramework(String),
    #[error(
        "The report could not be saved as {}: {source}. Check there is room on the disk and \
         try again.", path.display()
    )]
    Unwritable {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The report over the bundles in `paths`, as [`super::report_on`] makes it for the CLI.
/// `framework_id`: one of `installed` (the person's own frameworks), whose elements become
/// the heat map's columns as the CLI's `--framework` does; `None` for the frameworks the
/// bundles carry. `progress` hears after each bundle.
pub fn cohort_in_app(
    paths: &[PathBuf],
    installed: &[Framework],
    framework_id: Option<&str>,
    now: DateTime<Utc>,
    progress: impl FnMut(CohortProgress),
) -> Result<CohortReport, CohortError> {
    let scheme = match framework_id {
        None => None,
        Some(id) => Some(
            installed
                .iter()
                .find(|f| f.id == id)
                .ok_or_else(|| CohortError::UnknownFramework(id.to_owned()))?,
        ),
    };
    let generated_at = now.to_rfc3339_opts(SecondsFormat::Millis, true);
    Ok(report_with_progress(
        paths,
        scheme,
        &generated_at,
        progress,
    )?)
}

/// The files a saved report was written to, by name, inside the folder it was saved in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedCohortReport {
    pub html_file: String,
    pub csv_file: String,
}

/// Writes the report's page and CSV into `dir` (made if missing), each written whole to a
/// temporary name and then renamed, named by when the report was made so a later report
/// never replaces an earlier one.
pub fn save_cohort_report(
    report: &CohortReport,
    dir: &Path,
) -> Result<SavedCohortReport, CohortError> {
    let stem = file_stem(&report.generated_at);
    let saved = SavedCohortReport {
        html_file: format!("{stem}.html"),
        csv_file: format!("{stem}.csv"),
    };
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        crate::atomic::write(&path, bytes)
            .map_err(|source| CohortError::Unwritable { path, source })
    };
    write(&saved.html_file, render_html(report).as_bytes())?;
    write(&saved.csv_file, to_csv(report).as_bytes())?;
    Ok(saved)
}

/// `cohort-report-2026-12-07-21-00-03` from `2026-12-07T21:00:03.000Z`; only digits of the
/// instant are kept, so no text in the report reaches a file name.
fn file_stem(generated_at: &str) -> String {
    let digits: String = generated_at
        .chars()
        .take(19)
        .filter(char::is_ascii_digit)
        .collect();
    let part = |from: usize, to: usize| digits.get(from..to).unwrap_or("00");
    format!(
        "cohort-report-{}-{}-{}-{}-{}-{}",
        part(0, 4),
        part(4, 6),
        part(6, 8),
        part(8, 10),
        part(10, 12),
        part(12, 14)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_is_the_instant_in_digits_only() {
        assert_eq!(
            file_stem("2026-12-07T21:00:03.000Z"),
            "cohort-report-2026-12-07-21-00-03"
        );
        assert_eq!(
            file_stem("../../x"),
            "cohort-report-00-00-00-00-00-00",
            "nothing but digits reaches the name"
        );
    }
}
