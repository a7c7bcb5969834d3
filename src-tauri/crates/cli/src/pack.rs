//! The `w2b pack` commands: check, build (signed or not), verify, import, list, remove.

use std::path::Path;
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use serde_json::json;
use w2b_core::packs::installed::ImportAction;
use w2b_core::packs::{parse_pack, stale_lessons, Pack, PackError, PackFiles, Problem, Severity};
use w2b_core::store::{InstallOutcome, Store};

/// Why a command failed: problems in the pack (exit 1) or nothing usable (exit 2).
enum Failure {
    Problems(PackError),
    Unusable(String),
}

fn read(path: &Path) -> Result<PackFiles, Failure> {
    if path.is_dir() {
        if !path.join("pack.toml").is_file() {
            return Err(Failure::Unusable(format!(
                "{}: no pack.toml here (give the folder that holds the pack's manifest)",
                path.display()
            )));
        }
        PackFiles::from_dir(path).map_err(Failure::Problems)
    } else if path.is_file() {
        PackFiles::from_archive(path).map_err(Failure::Problems)
    } else {
        Err(Failure::Unusable(format!(
            "{}: no such folder or file",
            path.display()
        )))
    }
}

fn load(path: &Path) -> Result<Pack, Failure> {
    parse_pack(&read(path)?).map_err(Failure::Problems)
}

fn located(root: &Path, problem: &Problem) -> String {
    if root.is_dir() {
        format!("{}/{problem}", root.display())
    } else {
        format!("{}:{problem}", root.display())
    }
}

/// How `w2b pack check` judges a pack.
#[derive(Debug)]
pub struct CheckOptions {
    pub json: bool,
    /// The day review dates are judged against.
    pub as_of: NaiveDate,
    /// Warnings are problems.
    pub strict: bool,
}

pub fn check(path: &Path, options: &CheckOptions) -> ExitCode {
    let result = load(path).map(|mut pack| {
        let stale = stale_lessons(&pack, options.as_of);
        pack.warnings.extend(stale);
        pack
    });
    let result = match result {
        Ok(pack) if options.strict && !pack.warnings.is_empty() => {
            Err(Failure::Problems(PackError {
                problems: pack
                    .warnings
                    .into_iter()
                    .map(|w| Problem {
                        severity: Severity::Error,
                        ..w
                    })
                    .collect(),
            }))
        }
        other => other,
    };
    let as_json = options.json;
    if as_json {
        let (status, pack, problems) = match &result {
            Ok(pack) => ("clean", Some(pack), pack.warnings.clone()),
            Err(Failure::Problems(e)) => ("problems", None, e.problems.clone()),
            Err(Failure::Unusable(message)) => (
                "unusable",
                None,
                vec![Problem::in_file(".", message.clone(), "")],
            ),
        };
        let summary = pack.map(|p| {
            json!({
                "id": p.manifest.id,
                "version": p.manifest.version,
                "modules": p.modules.len(),
                "lessons": p.modules.iter().map(|m| m.lessons.len()).sum::<usize>(),
            })
        });
        let report = json!({ "status": status, "pack": summary, "problems": problems });
        say!("{report:#}");
    } else {
        report(path, &result);
    }
    exit_code(&result)
}

fn report(path: &Path, result: &Result<Pack, Failure>) {
    match result {
        Ok(pack) => {
            for warning in &pack.warnings {
                eprintln!("{}", located(path, warning));
            }
            let lessons: usize = pack.modules.iter().map(|m| m.lessons.len()).sum();
            say!(
                "{} {}: {} modules, {lessons} lessons, no problems{}",
                pack.manifest.id,
                pack.manifest.version,
                pack.modules.len(),
                match pack.warnings.len() {
                    0 => String::new(),
                    n => format!(", {n} warning(s)"),
                }
            );
        }
        Err(Failure::Problems(error)) => {
            for problem in &error.problems {
                eprintln!("{}", located(path, problem));
            }
            eprintln!("{} problem(s) found", error.problems.len());
        }
        Err(Failure::Unusable(message)) => eprintln!("{message}"),
    }
}

fn exit_code(result: &Result<Pack, Failure>) -> ExitCode {
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(Failure::Problems(_)) => ExitCode::from(1),
        Err(Failure::Unusable(_)) => ExitCode::from(2),
    }
}

/// A private key file to sign with, and where its passphrase comes from.
#[derive(Debug)]
pub struct Signing {
    pub key: std::path::PathBuf,
    pub passphrase_file: Option<std::path::PathBuf>,
}

pub fn build(dir: &Path, output: &Path, signing: Option<&Signing>) -> ExitCode {
    if !dir.is_dir() {
        eprintln!(
            "{}: not a folder (build takes the pack folder)",
            dir.display()
        );
        return ExitCode::from(2);
    }
    let files = match read(dir) {
        Ok(files) => files,
        Err(failure) => {
            report(dir, &Err(failure));
            return ExitCode::from(1);
        }
    };
    let result = parse_pack(&files).map_err(Failure::Problems);
    report(dir, &result);
    let Ok(pack) = result else {
        eprintln!("Nothing was written: fix the problems above, then build again.");
        return ExitCode::from(1);
    };
    // The key is opened only once the pack is known to be good, so a typo in a lesson never
    // costs a passphrase.
    let key = match signing
        .map(|s| crate::key::open_secret(&s.key, s.passphrase_file.as_deref()))
        .transpose()
    {
        Ok(key) => key,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("Nothing was written.");
            return ExitCode::from(2);
        }
    };
    let bytes = match files.to_archive_signed(key.as_ref()) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    // A crash or a full disk never leaves a half-written pack under the real name.
    if let Err(e) = w2b_core::atomic::write(output, &bytes) {
        eprintln!("{}: cannot be written: {e}", output.display());
        return ExitCode::from(2);
    }
    say!(
        "Built {} ({} {}, {} bytes)",
        output.display(),
        pack.manifest.id,
        pack.manifest.version,
        bytes.len()
    );
    if let Some(key) = key {
        let public = key.public();
        say!(
            "Signed by {} (fingerprint {})",
            public.name,
            public.fingerprint()
        );
    }
    ExitCode::SUCCESS
}

/// Checks a pack file's signature and content, and says who signed it. Exit status: 0 the
/// pack is whole (signed or not), 1 refused (altered, or a signature that fails), 2 no such
/// file.
pub fn verify(path: &Path) -> ExitCode {
    if !path.is_file() {
        eprintln!(
            "{}: no such file (verify takes a built .w2bpack)",
            path.display()
        );
        return ExitCode::from(2);
    }
    let files = match read(path) {
        Ok(files) => files,
        Err(failure) => {
            report(path, &Err(failure));
            eprintln!("Refused: do not install this pack.");
            return ExitCode::from(1);
        }
    };
    let result = parse_pack(&files).map_err(Failure::Problems);
    report(path, &result);
    if result.is_err() {
        return ExitCode::from(1);
    }
    match files.signer() {
        Some(signer) => say!(
            "Signed by {} (fingerprint {})",
            signer.name(),
            signer.fingerprint()
        ),
        None => say!("Not signed: anyone could have built this pack"),
    }
    ExitCode::SUCCESS
}

fn open_store(data_dir: &Path) -> Result<Store, ExitCode> {
    Store::open(data_dir, Utc::now()).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(2)
    })
}

pub fn import(path: &Path, data_dir: &Path, allow_downgrade: bool) -> ExitCode {
    let result = load(path);
    report(path, &result);
    let Ok(pack) = result else {
        eprintln!("Nothing was installed: the learner's data is unchanged.");
        return exit_code(&result);
    };
    let store = match open_store(data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match store.import_pack(&pack, allow_downgrade, Utc::now()) {
        Ok(imported) => match (imported.outcome, imported.preview.action) {
            (InstallOutcome::Unchanged, _) => say!(
                "{} {} is already installed, unchanged.",
                pack.manifest.id,
                pack.manifest.version
            ),
            (_, ImportAction::Upgrade { from }) => say!(
                "Upgraded {} from {from} to {}; progress is kept.",
                pack.manifest.id,
                pack.manifest.version
            ),
            _ => say!("Installed {} {}.", pack.manifest.id, pack.manifest.version),
        },
        Err(e) => {
            eprintln!("{e}");
            eprintln!("Nothing was installed: the learner's data is unchanged.");
            let downgrade = store.preview_import(&pack).map(|p| p.action);
            if matches!(downgrade, Ok(ImportAction::Downgrade { .. })) {
                eprintln!("To install the older version anyway, add --allow-downgrade.");
            }
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

pub fn list(data_dir: &Path) -> ExitCode {
    let store = match open_store(data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match store.installed_packs() {
        Ok(packs) => {
            for p in packs {
                let tag = if p.builtin { " (built in)" } else { "" };
                say!(
                    "{}\t{}\t{}\t{} lessons\t{}{tag}",
                    p.id,
                    p.version,
                    p.publisher,
                    p.lessons,
                    p.title
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

pub fn remove(id: &str, data_dir: &Path) -> ExitCode {
    let store = match open_store(data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match store.remove_pack(id) {
        Ok(()) => {
            say!(
                "Removed {id}. The learner's progress in it is kept in case it is installed again."
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
