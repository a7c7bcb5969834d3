//! `w2b`: the command-line tool for training schemes and appraisers. It only calls `w2b-core`.

/// Prints a line to stdout. A closed pipe (`w2b pack list | head -1`) ends the output quietly
/// instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod bundle;
mod cohort;
mod framework;
mod key;
mod manual;
mod pack;
mod portfolio;
mod records;
mod review;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "w2b",
    version,
    about = "Work with Ward to Board curriculum packs, frameworks, portfolio bundles and Leap2A portfolios"
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
    /// Portfolio bundles a learner exported for their appraiser.
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// Frameworks: what lessons and evidence map to.
    #[command(subcommand)]
    Framework(FrameworkCommand),
    /// Signing keys for schemes, appraisers and learners.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Review files an appraiser sends back: sign one, or check who signed it.
    #[command(subcommand)]
    Review(ReviewCommand),
    /// Reports over a training scheme's cohort of bundles.
    #[command(subcommand)]
    Cohort(CohortCommand),
    /// A learner's portfolio to and from Mahara (Leap2A).
    #[command(subcommand)]
    Portfolio(PortfolioCommand),
    /// NMC revalidation: the record set for a cycle, as a PDF the nurse or midwife keeps.
    #[command(subcommand)]
    Revalidation(RevalidationCommand),
    /// GMC appraisal: the summary of supporting information for an appraisal year, as a PDF.
    #[command(subcommand)]
    Appraisal(AppraisalCommand),
    /// Print the shell completion script for SHELL (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual pages (w2b.1, w2b-pack-check.1, ...) into DIR; used to build the
    /// packages.
    #[command(hide = true)]
    Manual { dir: PathBuf },
}

#[derive(Debug, Subcommand)]
enum FrameworkCommand {
    /// Check a framework file and report every problem as file:line:column: message. Exit
    /// status: 0 clean, 1 problems found, 2 no such file.
    Check {
        /// The framework file (.toml).
        file: PathBuf,
    },
    /// Check a framework file and install it into a learner's data folder. A newer version
    /// keeps every link from the learner's evidence; an older one, or another publisher's
    /// framework with the same id, is refused.
    Install {
        file: PathBuf,
        /// The learner's data folder (as shown at the foot of the app's pages).
        #[arg(long, env = "W2B_DATA_DIR")]
        data_dir: PathBuf,
    },
    /// List the frameworks installed in a learner's data folder.
    List {
        #[arg(long, env = "W2B_DATA_DIR")]
        data_dir: PathBuf,
    },
    /// Convert a framework kept in another system into a framework file. The same input
    /// always gives the same file. Exit status: 0 written, 1 problems found, 2 unreadable.
    Import {
        /// The format of FILE.
        #[arg(long, value_enum)]
        from: framework::Foreign,
        file: PathBuf,
        /// The framework file to write (.toml).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Write a framework file in another system's format, so a scheme can keep that system
    /// as its source of truth.
    Export {
        /// The format to write.
        #[arg(long, value_enum)]
        to: framework::Foreign,
        /// The framework file (.toml).
        file: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// What the records commands share: where the data is, whose records, where to write.
#[derive(Debug, clap::Args)]
struct RecordsArgs {
    #[arg(long, env = "W2B_DATA_DIR")]
    data_dir: PathBuf,
    /// Your name as it should appear on every page.
    #[arg(long)]
    name: String,
    /// The PDF to write, for example records.pdf.
    #[arg(short, long)]
    output: PathBuf,
    /// Also write the same document as Word (.docx) beside the PDF.
    #[arg(long)]
    docx: bool,
    /// Write even though the privacy check found something (after reading its findings).
    #[arg(long)]
    yes: bool,
}

#[derive(Debug, Subcommand)]
enum RevalidationCommand {
    /// Write the NMC record set for the cycle ending on a date: practice hours, CPD,
    /// feedback, reflective accounts, the discussion and confirmation forms, and what is
    /// still missing. Exit status: 0 written, 1 refused or privacy findings (nothing
    /// written), 2 no data folder.
    Nmc {
        /// Your registration's renewal date: the last day of the three-year cycle.
        #[arg(long, value_name = "YYYY-MM-DD")]
        cycle_ending: NaiveDate,
        /// You are registered as both nurse and midwife (900 practice hours).
        #[arg(long)]
        dual_registration: bool,
        #[command(flatten)]
        args: RecordsArgs,
    },
}

#[derive(Debug, Subcommand)]
enum AppraisalCommand {
    /// Write the GMC appraisal summary for the year ending on a date: scope of work, the six
    /// types of supporting information with reflection, the development plan, and what is
    /// missing. Exit status as for `revalidation nmc`.
    Gmc {
        /// The date of the appraisal: the last day of the appraisal year.
        #[arg(long, value_name = "YYYY-MM-DD")]
        year_ending: NaiveDate,
        #[command(flatten)]
        args: RecordsArgs,
    },
}

impl RecordsArgs {
    fn request(self, ending: NaiveDate) -> records::Request {
        records::Request {
            data_dir: self.data_dir,
            ending,
            name: self.name,
            output: self.output,
            docx: self.docx,
            yes: self.yes,
        }
    }
}

#[derive(Debug, Subcommand)]
enum KeyCommand {
    /// Make a signing key pair: FILE (the private key, sealed with a passphrase you type, or
    /// the first line of --passphrase-file) and FILE with .pub (the public key, to send to
    /// learners). Never overwrites a key.
    New {
        /// The name learners see, such as "North West CLF" or "Dr A Patel".
        #[arg(long)]
        name: String,
        /// The private key file to write, for example scheme.key.
        #[arg(short, long)]
        output: PathBuf,
        /// Read the passphrase from the first line of this file, for scripts.
        #[arg(long)]
        passphrase_file: Option<PathBuf>,
    },
    /// Show a key file's name, fingerprint and one-line public key (a private key file's
    /// without asking for its passphrase).
    Show { file: PathBuf },
}

#[derive(Debug, Subcommand)]
enum ReviewCommand {
    /// Sign a review file with your own key (made with `w2b key new --name "Dr A Patel"`), so
    /// the learner sees it comes from you. The file is replaced by the signed review, or
    /// written to --output; nothing is written on a wrong passphrase. Exit status: 0 signed,
    /// 1 refused, 2 unreadable.
    Sign {
        /// The .w2breview file.
        file: PathBuf,
        /// Your private key file.
        #[arg(long)]
        key: PathBuf,
        /// Read the passphrase from the first line of this file, for scripts.
        #[arg(long)]
        passphrase_file: Option<PathBuf>,
        /// Write the signed review here instead of replacing FILE.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Check a review file whole and say who signed it ("Signed by NAME (fingerprint ...)" or
    /// "Not signed"), and which bundle it reviews. Exit status: 0 readable, 1 refused
    /// (altered, or its signature fails), 2 unreadable.
    Verify { file: PathBuf },
}

#[derive(Debug, Subcommand)]
enum PortfolioCommand {
    /// Write every entry (outside the bin) with its files as one zip that Mahara imports as
    /// a journal. Exit status: 0 written, 1 failed (nothing left under OUT), 2 no data folder.
    Export {
        #[arg(long, value_enum)]
        to: portfolio::Format,
        #[arg(long, env = "W2B_DATA_DIR")]
        data_dir: PathBuf,
        /// The zip to write, for example portfolio-leap2a.zip.
        output: PathBuf,
    },
    /// Show what a Mahara Leap2A export (zip or leap2a.xml) would add: new entries, those
    /// already imported, and what is left out. With --yes, import them all in one go.
    /// Exit status: 0 done, 1 refused (nothing written), 2 unreadable or not Leap2A.
    Import {
        #[arg(long, value_enum)]
        from: portfolio::Format,
        #[arg(long, env = "W2B_DATA_DIR")]
        data_dir: PathBuf,
        /// The Leap2A zip Mahara exported, or its leap2a.xml.
        file: PathBuf,
        /// Import; without it the preview is printed and nothing is written.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
enum BundleCommand {
    /// Check a bundle against its manifest (every file's size and SHA-256) and that it is safe
    /// to open; every problem is listed. Nothing is written. Exit status: 0 verified, 1
    /// problems found, 2 not a bundle, unreadable, or made by a newer version.
    Verify {
        /// The .w2bbundle file.
        file: PathBuf,
    },
    /// Verify a bundle, then describe it: who and when, the period, entries by kind,
    /// attachments, goals and framework coverage. Exit status as for verify.
    Info {
        /// The .w2bbundle file.
        file: PathBuf,
        /// Print the description (or the refusal) as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum CohortCommand {
    /// Verify every bundle given (files, or folders of .w2bbundle files) and write one report
    /// on the cohort: per learner, the period, entries by kind, framework coverage,
    /// revalidation-style counts, last activity and lessons completed; across the cohort, a
    /// coverage heat map, the elements nobody has evidence for and entries per learner. A
    /// refused bundle is listed with its reason. Exit status: 0 written, 1 written with
    /// bundles refused, 2 nothing written.
    Report {
        /// Bundle files, or folders holding them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The report page to write (.html).
        #[arg(short, long)]
        output: PathBuf,
        /// Also write one row per bundle as CSV.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Also write the whole report as JSON.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
        /// The scheme's own framework file (.toml): its elements become the heat map's
        /// columns. Without it, the frameworks the bundles carry are used.
        #[arg(long, value_name = "FILE")]
        framework: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum PackCommand {
    /// Check a pack folder or pack file and report every problem as file:line:column: message,
    /// with a warning for each lesson past its review date. Exit status: 0 clean (warnings
    /// allowed unless --strict), 1 problems found, 2 nothing usable to check.
    Check {
        /// The pack folder (the one holding pack.toml) or a built .w2bpack file.
        path: PathBuf,
        /// Print the result as JSON, for CI systems.
        #[arg(long)]
        json: bool,
        /// Judge review dates as of this day instead of today, for example the start of the
        /// next intake.
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<chrono::NaiveDate>,
        /// Count warnings (lessons past review among them) as problems.
        #[arg(long)]
        strict: bool,
    },
    /// Check a pack folder and build it into one .w2bpack file to send to learners. The same
    /// folder always gives a byte-identical file.
    Build {
        /// The pack folder.
        dir: PathBuf,
        /// The file to write, for example my-pack-1.2.0.w2bpack.
        #[arg(short, long)]
        output: PathBuf,
        /// Sign the pack with this private key file (made by `w2b key new`).
        #[arg(long, value_name = "KEY_FILE")]
        sign: Option<PathBuf>,
        /// With --sign: read the passphrase from the first line of this file.
        #[arg(long, requires = "sign")]
        passphrase_file: Option<PathBuf>,
    },
    /// Check a pack file whole and say who signed it ("Signed by NAME (fingerprint ...)" or
    /// "Not signed"). Exit status: 0 whole, 1 refused (altered, or its signature fails), 2
    /// no such file.
    Verify {
        /// The .w2bpack file.
        file: PathBuf,
    },
    /// Check a pack file (or folder) and install it into a learner's data folder. A newer
    /// version upgrades in place and keeps progress.
    Import {
        /// The .w2bpack file or pack folder.
        path: PathBuf,
        /// The learner's data folder (as shown at the foot of the app's pages).
        #[arg(long, env = "W2B_DATA_DIR")]
        data_dir: PathBuf,
        /// Install even if a newer version of the pack is installed.
        #[arg(long)]
        allow_downgrade: bool,
    },
    /// List the packs installed in a learner's data folder.
    List {
        #[arg(long, env = "W2B_DATA_DIR")]
        data_dir: PathBuf,
    },
    /// Remove an installed pack. The learner's progress in it is kept for if it returns.
    Remove {
        /// The pack's id.
        id: String,
        #[arg(long, env = "W2B_DATA_DIR")]
        data_dir: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Pack(PackCommand::Check {
            path,
            json,
            as_of,
            strict,
        }) => pack::check(
            &path,
            &pack::CheckOptions {
                json,
                // A person's "today" is their own machine's date.
                as_of: as_of.unwrap_or_else(|| chrono::Local::now().date_naive()),
                strict,
            },
        ),
        Command::Pack(PackCommand::Build {
            dir,
            output,
            sign,
            passphrase_file,
        }) => {
            let signing = sign.map(|key| pack::Signing {
                key,
                passphrase_file,
            });
            pack::build(&dir, &output, signing.as_ref())
        }
        Command::Pack(PackCommand::Verify { file }) => pack::verify(&file),
        Command::Key(KeyCommand::New {
            name,
            output,
            passphrase_file,
        }) => key::new(&name, &output, passphrase_file.as_deref()),
        Command::Key(KeyCommand::Show { file }) => key::show(&file),
        Command::Review(ReviewCommand::Sign {
            file,
            key,
            passphrase_file,
            output,
        }) => review::sign(&file, &key, passphrase_file.as_deref(), output.as_deref()),
        Command::Review(ReviewCommand::Verify { file }) => review::verify(&file),
        Command::Pack(PackCommand::Import {
            path,
            data_dir,
            allow_downgrade,
        }) => pack::import(&path, &data_dir, allow_downgrade),
        Command::Pack(PackCommand::List { data_dir }) => pack::list(&data_dir),
        Command::Pack(PackCommand::Remove { id, data_dir }) => pack::remove(&id, &data_dir),
        Command::Completions { shell } => manual::completions(shell),
        Command::Manual { dir } => manual::write_manual(&dir),
        Command::Bundle(BundleCommand::Verify { file }) => bundle::verify(&file),
        Command::Bundle(BundleCommand::Info { file, json }) => bundle::info(&file, json),
        Command::Framework(FrameworkCommand::Check { file }) => framework::check(&file),
        Command::Framework(FrameworkCommand::Install { file, data_dir }) => {
            framework::install(&file, &data_dir)
        }
        Command::Framework(FrameworkCommand::List { data_dir }) => framework::list(&data_dir),
        Command::Framework(FrameworkCommand::Import { from, file, output }) => {
            framework::import(from, &file, &output)
        }
        Command::Framework(FrameworkCommand::Export { to, file, output }) => {
            framework::export(to, &file, &output)
        }
        Command::Cohort(CohortCommand::Report {
            paths,
            output,
            csv,
            json,
            framework,
        }) => cohort::report(
            &paths,
            &cohort::Outputs {
                html: output,
                csv,
                json,
            },
            framework.as_deref(),
        ),
        Command::Portfolio(PortfolioCommand::Export {
            to,
            data_dir,
            output,
        }) => portfolio::export(to, &data_dir, &output),
        Command::Portfolio(PortfolioCommand::Import {
            from,
            data_dir,
            file,
            yes,
        }) => portfolio::import(from, &data_dir, &file, yes),
        Command::Revalidation(RevalidationCommand::Nmc {
            cycle_ending,
            dual_registration,
            args,
        }) => records::nmc(&args.request(cycle_ending), dual_registration),
        Command::Appraisal(AppraisalCommand::Gmc { year_ending, args }) => {
            records::gmc(&args.request(year_ending))
        }
    }
}
