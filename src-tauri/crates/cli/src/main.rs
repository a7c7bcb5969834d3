//! `w2b`: the command-line tool for training schemes and appraisers. It only calls `w2b-core`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde_json::json;
use w2b_core::curriculum::{parse_pack, Pack, PackError, PackFiles, Problem, ARCHIVE_EXTENSION};

#[derive(Debug, Parser)]
#[command(
    name = "w2b",
    version,
    about = "Work with Ward to Board curriculum packs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Curriculum packs.
    #[command(subcommand)]
    Pack(PackCommand),
}

#[derive(Debug, Subcommand)]
enum PackCommand {
    /// Check a pack folder or pack file and report every problem as file:line:column: message.
    /// Exit status: 0 clean (warnings allowed), 1 problems found, 2 nothing usable to check.
    Check {
        /// The pack folder (the one holding pack.toml) or a built .w2bpack file.
        path: PathBuf,
        /// Print the result as JSON, for CI systems.
        #[arg(long)]
        json: bool,
    },
    /// Check a pack folder and build it into one .w2bpack file to send to learners. The same
    /// folder always gives a byte-identical file.
    Build {
        /// The pack folder.
        dir: PathBuf,
        /// The file to write, for example my-pack-1.2.0.w2bpack.
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// Why a command failed: problems in the pack (exit 1) or nothing usable (exit 2).
enum Failure {
    Problems(PackError),
    Unusable(String),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Pack(PackCommand::Check { path, json }) => check(&path, json),
        Command::Pack(PackCommand::Build { dir, output }) => build(&dir, &output),
    }
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

fn check(path: &Path, as_json: bool) -> ExitCode {
    let result = load(path);
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
        println!("{report:#}");
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
            println!(
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

fn build(dir: &Path, output: &Path) -> ExitCode {
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
    let bytes = match files.to_archive() {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    // Write to a temporary name beside the target, then rename: a crash or a full disk never
    // leaves a half-written pack under the real name.
    let partial = output.with_extension(format!("{ARCHIVE_EXTENSION}.partial"));
    let written = std::fs::write(&partial, &bytes).and_then(|()| std::fs::rename(&partial, output));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        eprintln!("{}: cannot be written: {e}", output.display());
        return ExitCode::from(2);
    }
    println!(
        "Built {} ({} {}, {} bytes)",
        output.display(),
        pack.manifest.id,
        pack.manifest.version,
        bytes.len()
    );
    ExitCode::SUCCESS
}
