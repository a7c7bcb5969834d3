//! `w2b`: the command-line tool for training schemes and appraisers. It only calls `w2b-core`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use w2b_core::curriculum::{parse_pack, PackFiles};

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
    /// Check a pack folder and report every problem as file:line:column: message.
    /// Exit status: 0 clean, 1 problems found, 2 the pack could not be read at all.
    Check {
        /// The pack folder (the one holding pack.toml).
        path: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Pack(PackCommand::Check { path }) => check(&path),
    }
}

fn check(path: &std::path::Path) -> ExitCode {
    if !path.join("pack.toml").is_file() {
        eprintln!(
            "{}: no pack.toml here (give the folder that holds the pack's manifest)",
            path.display()
        );
        return ExitCode::from(2);
    }
    let result = PackFiles::from_dir(path).and_then(|files| parse_pack(&files));
    match result {
        Ok(pack) => {
            let lessons: usize = pack.modules.iter().map(|m| m.lessons.len()).sum();
            println!(
                "{} {}: {} modules, {lessons} lessons, no problems",
                pack.manifest.id,
                pack.manifest.version,
                pack.modules.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            for problem in &error.problems {
                eprintln!(
                    "{}: {problem}",
                    path.join(&problem.file)
                        .display()
                        .to_string()
                        .trim_end_matches("/.")
                );
            }
            eprintln!("{} problem(s) found", error.problems.len());
            ExitCode::from(1)
        }
    }
}
