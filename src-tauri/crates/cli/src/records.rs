//! The `w2b revalidation nmc` and `w2b appraisal gmc` commands: the documents a regulator
//! asks for, written from a learner's data folder as PDF (and Word with --docx), after the
//! same privacy check as a bundle. With findings, nothing is written unless --yes says the
//! person has read them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use w2b_core::bundle::DocumentFinding;
use w2b_core::revalidation::records::{
    gmc_layout, nmc_layout, CheckItem, CheckStatus, DUAL_REGISTRATION_HOURS, PRACTICE_HOURS,
};
use w2b_core::store::Store;
use w2b_core::typeset::{write_file, DocumentFormat, Layout};

/// What every records command is told.
#[derive(Debug)]
pub struct Request {
    pub data_dir: PathBuf,
    pub ending: NaiveDate,
    pub name: String,
    pub output: PathBuf,
    pub docx: bool,
    pub yes: bool,
}

fn open_store(data_dir: &Path) -> Result<Store, ExitCode> {
    Store::open(data_dir, Utc::now()).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(2)
    })
}

fn show_findings(findings: &[DocumentFinding]) {
    eprintln!(
        "The privacy check found {} thing(s) that may identify a patient:",
        findings.len()
    );
    for f in findings {
        eprintln!(
            "  {} ({}): {} \"…{}[{}]{}…\"",
            f.entry_title, f.field, f.finding.message, f.before, f.finding.text, f.after
        );
    }
}

fn show_checklist(checklist: &[CheckItem]) {
    for c in checklist {
        let mark = match c.status {
            CheckStatus::Complete => "complete",
            CheckStatus::Missing => "missing",
            CheckStatus::ForYou => "for you",
        };
        say!("  {:<10} {}: {}", mark, c.label, c.detail);
    }
}

fn write(layout: &Layout, request: &Request) -> ExitCode {
    let mut targets = vec![(DocumentFormat::Pdf, request.output.clone())];
    if request.docx {
        targets.push((DocumentFormat::Docx, request.output.with_extension("docx")));
    }
    for (format, target) in targets {
        if let Err(e) = write_file(layout, format, &target) {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
        say!("Wrote {}", target.display());
    }
    say!("Nothing has been sent anywhere: hand these to your confirmer or appraiser yourself.");
    ExitCode::SUCCESS
}

fn finish(
    layout: &Layout,
    checklist: &[CheckItem],
    findings: &[DocumentFinding],
    request: &Request,
) -> ExitCode {
    say!("{}, {}", layout.title, layout.period);
    show_checklist(checklist);
    if !findings.is_empty() {
        show_findings(findings);
        if !request.yes {
            eprintln!(
                "Nothing was written. Edit those entries in the app, or if they are not patient \
                 details, run again with --yes."
            );
            return ExitCode::from(1);
        }
    }
    write(layout, request)
}

/// `w2b revalidation nmc`.
pub fn nmc(request: &Request, dual_registration: bool) -> ExitCode {
    let store = match open_store(&request.data_dir) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let target = if dual_registration {
        DUAL_REGISTRATION_HOURS
    } else {
        PRACTICE_HOURS
    };
    match store.nmc_records(request.ending, &request.name, target, Utc::now()) {
        Ok((records, findings)) => finish(
            &nmc_layout(&records),
            &records.checklist,
            &findings,
            request,
        ),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

/// `w2b appraisal gmc`.
pub fn gmc(request: &Request) -> ExitCode {
    let store = match open_store(&request.data_dir) {
        Ok(s) => s,
        Err(code) => return code,
    };
    match store.gmc_summary(request.ending, &request.name, Utc::now()) {
        Ok((summary, findings)) => finish(
            &gmc_layout(&summary),
            &summary.checklist,
            &findings,
            request,
        ),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
