//! `w2b cohort report`: a scheme lead's report over a whole intake's portfolio bundles, as one
//! HTML page (and CSV and JSON when asked). Every bundle is verified; a refused one is listed
//! with its reason in the report and here, never skipped.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{SecondsFormat, Utc};
use w2b_core::cohort::{render_html, report_on, to_csv, CohortReport};

/// Where to write the report.
pub struct Outputs {
    pub html: PathBuf,
    pub csv: Option<PathBuf>,
    pub json: Option<PathBuf>,
}

/// Exit status: 0 written, every bundle reported on; 1 written, one or more refused (each is
/// listed); 2 nothing written (no bundles, a missing path, a bad framework file, a write that
/// failed).
pub fn report(paths: &[PathBuf], outputs: &Outputs, framework: Option<&Path>) -> ExitCode {
    let scheme = match framework.map(crate::framework::load).transpose() {
        Ok(scheme) => scheme,
        Err(_) => return ExitCode::from(2),
    };
    // A person's "now" is the machine's clock, read here in the handler only.
    let now = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
    let report = match report_on(paths, scheme.as_ref(), &now) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    if let Err(code) = write_all(&report, outputs) {
        return code;
    }
    say!(
        "Reported on {} of {} bundles into {}",
        report.learners.len(),
        report.bundles_found,
        outputs.html.display()
    );
    for notice in &report.notices {
        say!("Note: {notice}");
    }
    if report.refused.is_empty() {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "{} bundle(s) refused, and listed in the report:",
        report.refused.len()
    );
    for refused in &report.refused {
        eprintln!("- {}", refused.file);
        for line in refused.reason.lines() {
            eprintln!("    {line}");
        }
    }
    ExitCode::from(1)
}

fn write_all(report: &CohortReport, outputs: &Outputs) -> Result<(), ExitCode> {
    write(&outputs.html, render_html(report).as_bytes())?;
    if let Some(path) = &outputs.csv {
        write(path, to_csv(report).as_bytes())?;
    }
    if let Some(path) = &outputs.json {
        let json = serde_json::to_vec_pretty(report).map_err(|e| {
            eprintln!("cannot write the report as JSON: {e}");
            ExitCode::from(2)
        })?;
        write(path, &json)?;
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ExitCode> {
    w2b_core::atomic::write(path, bytes).map_err(|e| {
        eprintln!(
            "cannot write {}: {e}. Check the folder exists and you can write to it.",
            path.display()
        );
        ExitCode::from(2)
    })
}
