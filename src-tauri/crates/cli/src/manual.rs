//! The manual pages and shell completions shipped in the Linux packages, made from the same
//! command definitions as `--help`, so they cannot drift from what `w2b` accepts.

use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::Cli;

/// Prints the completion script for `shell` (`w2b completions bash > /etc/bash_completion.d/w2b`).
pub fn completions(shell: Shell) -> ExitCode {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "w2b", &mut std::io::stdout());
    ExitCode::SUCCESS
}

/// Writes `w2b.1` and one page per subcommand (`w2b-pack-check.1`, ...) into `dir`.
pub fn write_manual(dir: &Path) -> ExitCode {
    match write_pages(dir) {
        Ok(count) => {
            say!("Wrote {count} manual pages to {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!(
                "cannot write the manual pages to {}: {error}",
                dir.display()
            );
            ExitCode::from(2)
        }
    }
}

fn write_pages(dir: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut command = Cli::command();
    command.build();
    let mut count = 0;
    write_page(&command, "w2b", dir, &mut count)?;
    Ok(count)
}

/// One page for `command`, named after its path (`w2b-pack-check`), then its subcommands.
fn write_page(
    command: &clap::Command,
    name: &str,
    dir: &Path,
    count: &mut usize,
) -> std::io::Result<()> {
    if command.is_hide_set() || name.ends_with("-help") {
        return Ok(());
    }
    let page = command.clone().name(name.to_owned());
    let mut bytes = Vec::new();
    clap_mangen::Man::new(page).render(&mut bytes)?;
    w2b_core::atomic::write(&dir.join(format!("{name}.1")), &bytes)?;
    *count += 1;
    for sub in command.get_subcommands() {
        write_page(sub, &format!("{name}-{}", sub.get_name()), dir, count)?;
    }
    Ok(())
}
