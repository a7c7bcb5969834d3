//! The `w2b framework` commands: check a framework file, install one into a learner's data
//! folder, list what is installed, and convert frameworks to and from Moodle and Mahara.

use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;
use w2b_core::frameworks::{read_framework, to_toml, Framework, UpgradePlan};
use w2b_core::store::Store;

/// Reads and checks a framework file, printing every problem as file:line:column; exit 1
/// for problems, 2 for no file.
pub(crate) fn load(path: &Path) -> Result<Framework, ExitCode> {
    if !path.is_file() {
        eprintln!("{}: no such file", path.display());
        return Err(ExitCode::from(2));
    }
    read_framework(path).map(|(fw, _)| fw).map_err(|e| {
        for problem in &e.problems {
            eprintln!("{problem}");
        }
        eprintln!("{} problem(s) found", e.problems.len());
        ExitCode::from(1)
    })
}

fn describe(fw: &Framework) -> String {
    let depth = fw.depths().values().copied().max().unwrap_or(0);
    format!(
        "{} {}: {} items in {} levels, {} to rate evidence against",
        fw.id,
        fw.version,
        fw.items.len(),
        depth,
        fw.items().len()
    )
}

pub fn check(path: &Path) -> ExitCode {
    match load(path) {
        Ok(fw) => {
            say!("{}, no problems", describe(&fw));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn open_store(data_dir: &Path) -> Result<Store, ExitCode> {
    Store::open(data_dir, Utc::now()).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(2)
    })
}

fn entries(n: u32) -> String {
    if n == 1 {
        "1 entry".into()
    } else {
        format!("{n} entries")
    }
}

/// What an install changes, as lines for the person at the terminal.
fn report(plan: &UpgradePlan) {
    match &plan.from_version {
        _ if plan.unchanged => say!(
            "{} {} is already installed, unchanged.",
            plan.framework_id,
            plan.to_version
        ),
        None => say!(
            "Installed {} {}: {} behaviours to rate evidence against.",
            plan.framework_id,
            plan.to_version,
            plan.items_total
        ),
        Some(from) => {
            say!(
                "Upgraded {} from {from} to {}: {} kept, {} new.",
                plan.framework_id,
                plan.to_version,
                plan.kept,
                plan.added
            );
            for c in &plan.renamed {
                say!(
                    "  renamed: {} \"{}\" is now \"{}\" ({})",
                    c.id,
                    c.title,
                    c.new_title.as_deref().unwrap_or_default(),
                    entries(c.entries)
                );
            }
            for c in &plan.moved {
                say!(
                    "  replaced: {} moved to {} ({})",
                    c.id,
                    c.new_id.as_deref().unwrap_or_default(),
                    entries(c.entries)
                );
            }
            for c in &plan.removed {
                say!(
                    "  removed: {} \"{}\" stays on its {}, marked as no longer in {}",
                    c.id,
                    c.title,
                    entries(c.entries),
                    plan.to_version
                );
            }
        }
    }
}

pub fn install(path: &Path, data_dir: &Path) -> ExitCode {
    let fw = match load(path) {
        Ok(fw) => fw,
        Err(code) => {
            eprintln!("Nothing was installed: the learner's data is unchanged.");
            return code;
        }
    };
    let store = match open_store(data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let from = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match store.install_framework(&fw, &from, Utc::now()) {
        Ok(plan) => {
            report(&plan);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            eprintln!("Nothing was installed: the learner's data is unchanged.");
            ExitCode::from(1)
        }
    }
}

pub fn list(data_dir: &Path) -> ExitCode {
    let store = match open_store(data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match store.installed_frameworks() {
        Ok(all) => {
            for f in all {
                say!(
                    "{}\t{}\t{}\t{} behaviours\t{}\tfrom {}",
                    f.id,
                    f.version,
                    f.title,
                    f.items,
                    entries(f.entries),
                    f.installed_from
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// The other systems' formats a framework converts from and to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Foreign {
    /// A Moodle competency framework CSV (admin tool lpimportcsv).
    MoodleCsv,
    /// A Mahara SmartEvidence matrix (JSON).
    MaharaMatrix,
}

fn write_out(output: &Path, text: &str) -> ExitCode {
    // A crash or a full disk never leaves a half-written file under the real name.
    match w2b_core::atomic::write(output, text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: cannot be written: {e}", output.display());
            ExitCode::from(2)
        }
    }
}

/// Converts a Moodle or Mahara framework into a framework file, written to `output`.
pub fn import(from: Foreign, path: &Path, output: &Path) -> ExitCode {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{}: cannot be read: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let converted = match from {
        Foreign::MoodleCsv => w2b_core::frameworks::from_moodle_csv(&name, &bytes),
        Foreign::MaharaMatrix => w2b_core::frameworks::from_mahara_matrix(&name, &bytes),
    };
    match converted {
        Ok(fw) => {
            let code = write_out(output, &to_toml(&fw));
            if code == ExitCode::SUCCESS {
                say!("Wrote {}: {}", output.display(), describe(&fw));
            }
            code
        }
        Err(e) => {
            for problem in &e.problems {
                eprintln!("{problem}");
            }
            eprintln!("{} problem(s) found; nothing was written", e.problems.len());
            ExitCode::from(1)
        }
    }
}

/// Writes a framework file in another system's format.
pub fn export(to: Foreign, path: &Path, output: &Path) -> ExitCode {
    let fw = match load(path) {
        Ok(fw) => fw,
        Err(code) => return code,
    };
    let text = match to {
        Foreign::MoodleCsv => w2b_core::frameworks::to_moodle_csv(&fw),
        Foreign::MaharaMatrix => w2b_core::frameworks::to_mahara_matrix(&fw),
    };
    let code = write_out(output, &text);
    if code == ExitCode::SUCCESS {
        say!("Wrote {} from {}", output.display(), describe(&fw));
    }
    code
}
