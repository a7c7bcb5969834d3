//! The cohort report: a scheme lead's view of a whole intake's portfolio bundles. Each bundle
//! is verified with the same checker an appraiser's app uses, then reduced to one learner's
//! counts and dropped before the next is read, so memory is bounded by one bundle however
//! many there are. Refused bundles are listed with their reason, never skipped.
//!
//! [`CohortBuilder`] takes bundles one at a time; [`report_on`] finds the bundles in the
//! files and folders given and runs them through it. The report renders as HTML
//! ([`render_html`]), CSV ([`to_csv`]) and JSON (serde). Review mode's "Open several bundles"
//! runs the same through [`cohort_in_app`] and saves with [`save_cohort_report`].

mod csv;
mod html;
mod in_app;
mod inputs;
mod learner;
mod placement;
mod run;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

pub use self::csv::to_csv;
pub use self::html::render_html;
pub use self::in_app::{cohort_in_app, save_cohort_report, CohortError, SavedCohortReport};
pub use self::inputs::{find_bundles, BundleInputs, InputError};
pub use self::learner::{
    DomainCoverage, FrameworkCoverage, KindCount, LearnerReport, PackProgress, RevalidationCounts,
};
use self::learner::{Place, Tally};
use self::placement::Placement;
pub use self::run::{report_on, report_with_progress, CohortProgress};
use crate::bundle::{verify_bundle_as, BundleFramework, PageCheck, VerifiedBundle};
use crate::frameworks::{builtin, Framework};

/// A bundle that was not reported on, and why, in the verifier's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusedBundle {
    pub file: String,
    pub reason: String,
}

/// One framework across the cohort: its elements (the heat map's columns), and for each how
/// many learners have evidence and how many entries in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CohortFramework {
    pub id: String,
    pub version: String,
    pub title: String,
    pub domains: Vec<String>,
    pub elements: Vec<CohortElement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CohortElement {
    pub id: String,
    pub title: String,
    /// Index into the framework's `domains`.
    pub domain: usize,
    /// Learners with at least one entry evidencing it.
    pub learners: u32,
    pub entries: u32,
}

/// How many entries each learner shared: the spread, and learners counted in bands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryDistribution {
    pub fewest: u32,
    pub median: u32,
    pub most: u32,
    /// (band's label, learners in it), lowest band first; every band is listed.
    pub bands: Vec<(String, u32)>,
}

/// The whole report, as `--json` writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CohortReport {
    /// When it was made: RFC 3339, UTC (passed in, never read from the clock here).
    pub generated_at: String,
    /// Bundles found in the files and folders given, refused ones included.
    pub bundles_found: u32,
    pub learners: Vec<LearnerReport>,
    pub refused: Vec<RefusedBundle>,
    /// Things the reader should know: the same learner or bundle twice, files in a folder that
    /// were not bundles, folders with no bundles.
    pub notices: Vec<String>,
    pub frameworks: Vec<CohortFramework>,
    pub distribution: EntryDistribution,
    /// Whether the frameworks are the scheme's own (`--framework`) or those the bundles carry.
    pub scheme_framework: bool,
}

/// What one bundle came to: its counts and the framework definitions it carries, or why it
/// was refused.
#[derive(Debug)]
enum Outcome {
    Counted(Box<Tally>, Vec<BundleFramework>),
    Refused(RefusedBundle),
}

/// Takes verified bundles one at a time and keeps only their counts.
#[derive(Debug)]
pub struct CohortBuilder {
    scheme: Option<(BundleFramework, Placement)>,
    /// Definitions met in bundles, newest version of each id (used when no scheme framework).
    carried: BTreeMap<String, BundleFramework>,
    shipped: Vec<BundleFramework>,
    tallies: Vec<Tally>,
    refused: Vec<RefusedBundle>,
    notices: Vec<String>,
    found: u32,
}

impl CohortBuilder {
    /// `scheme`: the scheme's own framework, whose elements become the heat map's columns;
    /// `None` to use the frameworks the bundles carry.
    pub fn new(scheme: Option<&Framework>) -> Self {
        Self {
            scheme: scheme.map(|f| {
                let carried = BundleFramework::whole(f);
                let placement = Placement::of(&carried);
                (carried, placement)
            }),
            carried: BTreeMap::new(),
            shipped: builtin().iter().map(BundleFramework::whole).collect(),
            tallies: Vec::new(),
            refused: Vec::new(),
            notices: Vec::new(),
            found: 0,
        }
    }

    /// Verifies the bundle at `path` and adds it, or lists it as refused.
    pub fn add_file(&mut self, path: &Path) {
        let outcome = self.reduce(path);
        self.absorb(outcome);
    }

    /// Verifies the bundle at `path` and reduces it to counts, changing nothing: several
    /// bundles can be reduced at once (`report_on` does), then absorbed in order.
    ///
    /// Every file is hashed against the manifest and `portfolio.json` checked against it, as
    /// review mode does; the page (`portfolio.html`) is hashed but not made again from the
    /// portfolio ([`PageCheck::HashedOnly`]): the report reads `portfolio.json` alone and
    /// never shows, links or copies the page, and making it again was most of the time.
    fn reduce(&self, path: &Path) -> Outcome {
        let file = path.display().to_string();
        let name = path
            .file_name()
            .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
        match verify_bundle_as(path, &name, PageCheck::HashedOnly) {
            Ok(bundle) => Outcome::Counted(
                Box::new(self.tally_of(&file, &bundle)),
                bundle.document.frameworks.clone(),
            ),
            Err(error) => Outcome::Refused(RefusedBundle {
                file,
                reason: error.to_string(),
            }),
        }
    }

    fn absorb(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Counted(tally, frameworks) => self.count(*tally, &frameworks),
            Outcome::Refused(refused) => self.refuse(&refused.file, &refused.reason),
        }
    }

    pub fn refuse(&mut self, file: &str, reason: &str) {
        self.found += 1;
        self.refused.push(RefusedBundle {
            file: file.to_owned(),
            reason: reason.to_owned(),
        });
    }

    pub fn notice(&mut self, text: String) {
        self.notices.push(text);
    }

    /// Reduces one verified bundle to its learner's counts.
    pub fn add(&mut self, file: &str, bundle: &VerifiedBundle) {
        let tally = self.tally_of(file, bundle);
        self.count(tally, &bundle.document.frameworks);
    }

    fn tally_of(&self, file: &str, bundle: &VerifiedBundle) -> Tally {
        let document = &bundle.document;
        // Each rating is placed in the scheme's framework first, then in the definition the
        // bundle carries, then (format 1 bundles carry none) in the shipped one.
        let own: HashMap<&str, Placement> = document
            .frameworks
            .iter()
            .map(|f| (f.id.as_str(), Placement::of(f)))
            .collect();
        let shipped: HashMap<&str, Placement> = self
            .shipped
            .iter()
            .filter(|f| {
                document
                    .entries
                    .iter()
                    .flat_map(|e| &e.behaviours)
                    .any(|b| b.framework_id == f.id)
            })
            .filter(|f| !own.contains_key(f.id.as_str()))
            .map(|f| (f.id.as_str(), Placement::of(f)))
            .collect();
        let scheme = self.scheme.as_ref();
        let place = |framework_id: &str, item_id: &str| -> Option<Place> {
            let theirs = own.get(framework_id).or_else(|| shipped.get(framework_id));
            let Some((fw, placement)) = scheme else {
                // Without a scheme framework, each framework the bundle rates against.
                return theirs?
                    .ids(item_id)
                    .map(|(d, e)| (framework_id.to_owned(), d, e));
            };
            // With one, only it is reported on.
            if fw.id != framework_id {
                return None;
            }
            if let Some((d, e)) = placement.ids(item_id) {
                return Some((fw.id.clone(), d, e));
            }
            // An item the scheme's version does not have: placed by its element's id, when
            // the scheme's version has that element.
            let (_, element) = theirs?.ids(item_id)?;
            let (d, e) = placement.ids(&element)?;
            Some((fw.id.clone(), d, e))
        };
        Tally::of(file, bundle, place)
    }

    fn count(&mut self, tally: Tally, frameworks: &[BundleFramework]) {
        self.found += 1;
        if self.scheme.is_none() {
            for fw in frameworks {
                self.keep_definition(fw);
            }
            for id in tally.framework_ids() {
                if !self.carried.contains_key(id) {
                    if let Some(fw) = self.shipped.iter().find(|f| f.id == id) {
                        self.carried.insert(fw.id.clone(), fw.clone());
                    }
                }
            }
        }
        self.tallies.push(tally);
    }

    fn keep_definition(&mut self, fw: &BundleFramework) {
        let newer = self
            .carried
            .get(&fw.id)
            .is_none_or(|kept| newer_version(&fw.version, &kept.version));
        if newer {
            self.carried.insert(fw.id.clone(), fw.clone());
        }
    }

    /// The report, stamped with `generated_at` (RFC 3339).
    pub fn finish(self, generated_at: &str) -> CohortReport {
        let scheme_framework = self.scheme.is_some();
        let definitions: Vec<BundleFramework> = match self.scheme {
            Some((fw, _)) => vec![fw],
            None => self.carried.into_values().collect(),
        };
        // Element columns come from each framework's own definition; a learner's counts were
        // kept by element id, so a learner whose bundle carried another version still lines up.
        let placements: Vec<(BundleFramework, Placement)> = definitions
            .into_iter()
            .map(|f| {
                let p = Placement::of(&f);
                (f, p)
            })
            .collect();
        let mut notices = self.notices;
        let mut learners: Vec<LearnerReport> = self
            .tallies
            .into_iter()
            .map(|t| t.report(&placements))
            .collect();
        notices.extend(learner::mark_repeats(&mut learners));
        let frameworks = placements
            .iter()
            .map(|(fw, p)| cohort_framework(fw, p, &learners))
            .collect();
        let distribution = distribution(&learners);
        CohortReport {
            generated_at: generated_at.to_owned(),
            bundles_found: self.found,
            learners,
            refused: self.refused,
            notices,
            frameworks,
            distribution,
            scheme_framework,
        }
    }
}

fn cohort_framework(
    fw: &BundleFramework,
    placement: &Placement,
    learners: &[LearnerReport],
) -> CohortFramework {
    let coverage: Vec<&FrameworkCoverage> = learners
        .iter()
        .filter_map(|l| l.coverage.iter().find(|c| c.framework_id == fw.id))
        .collect();
    CohortFramework {
        id: fw.id.clone(),
        version: fw.version.clone(),
        title: fw.title.clone(),
        domains: placement.domains.iter().map(|d| d.1.clone()).collect(),
        elements: placement
            .elements
            .iter()
            .enumerate()
            .map(|(i, (id, title, domain))| CohortElement {
                id: id.clone(),
                title: title.clone(),
                domain: *domain,
                learners: count(coverage.iter().filter(|c| c.elements[i] > 0)),
                entries: coverage
                    .iter()
                    .map(|c| c.elements[i])
                    .fold(0, u32::saturating_add),
            })
            .collect(),
    }
}

/// Bands of entries per learner, chosen for portfolios of a term to a few years.
const BANDS: [(u32, u32, &str); 7] = [
    (0, 0, "None"),
    (1, 9, "1 to 9"),
    (10, 24, "10 to 24"),
    (25, 49, "25 to 49"),
    (50, 99, "50 to 99"),
    (100, 499, "100 to 499"),
    (500, u32::MAX, "500 or more"),
];

fn distribution(learners: &[LearnerReport]) -> EntryDistribution {
    let mut counts: Vec<u32> = learners.iter().map(|l| l.entries).collect();
    counts.sort_unstable();
    EntryDistribution {
        fewest: counts.first().copied().unwrap_or(0),
        median: counts.get(counts.len() / 2).copied().unwrap_or(0),
        most: counts.last().copied().unwrap_or(0),
        bands: BANDS
            .iter()
            .map(|(low, high, label)| {
                let n = count(counts.iter().filter(|c| (*low..=*high).contains(*c)));
                ((*label).to_owned(), n)
            })
            .collect(),
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

/// Semantic versions compared as such; anything else as text.
fn newer_version(candidate: &str, kept: &str) -> bool {
    match (
        semver::Version::parse(candidate),
        semver::Version::parse(kept),
    ) {
        (Ok(a), Ok(b)) => a > b,
        _ => candidate > kept,
    }
}

#[cfg(test)]
mod in_app_tests;
#[cfg(test)]
mod tests;
