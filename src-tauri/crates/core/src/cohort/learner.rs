//! One learner's part of the cohort report: what their bundle is reduced to while it is
//! open ([`Tally`]: counts only, no entry text), and the row it becomes once the report's
//! frameworks are known ([`LearnerReport`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use super::placement::Placement;
use crate::bundle::{BundleFramework, VerifiedBundle};
use crate::portfolio::EntryKind;

/// Where a rating lands: (framework id, domain id, element id).
pub(super) type Place = (String, String, String);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KindCount {
    pub kind: String,
    pub label: String,
    pub count: u32,
}

/// Counts in the manner of NMC revalidation, from the shared entries alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevalidationCounts {
    /// Clinical and management CPD time together.
    pub cpd_minutes: u32,
    /// CPD time in entries marked participatory.
    pub participatory_minutes: u32,
    /// Entries of the kind "feedback received".
    pub feedback: u32,
    /// Reflections written on the NMC reflective account form.
    pub reflective_accounts: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "CohortDomainCoverage")]
pub struct DomainCoverage {
    pub title: String,
    /// Entries evidencing any of the domain's elements.
    pub entries: u32,
    pub elements_covered: u32,
    pub elements_total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FrameworkCoverage {
    pub framework_id: String,
    pub domains: Vec<DomainCoverage>,
    /// Entries evidencing each element, in the framework's element order.
    pub elements: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackProgress {
    pub pack_id: String,
    pub title: String,
    pub version: String,
    pub lessons_total: u32,
    /// Titles of the lessons completed, in the pack's order.
    pub completed: Vec<String>,
}

/// One bundle's row in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LearnerReport {
    /// The bundle's path as given.
    pub file: String,
    /// The name the learner gave at export; may be empty.
    pub learner: String,
    pub bundle_id: String,
    pub created_at: String,
    pub format_version: u32,
    /// The period the learner chose at export (YYYY-MM-DD), if any.
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    /// The earliest and latest entry dates.
    pub first_entry: Option<String>,
    pub last_entry: Option<String>,
    /// The latest day with an entry or a lesson completed.
    pub last_activity: Option<String>,
    pub entries: u32,
    /// Every kind the app has, in its order, then any other the bundle names.
    pub by_kind: Vec<KindCount>,
    pub revalidation: RevalidationCounts,
    pub coverage: Vec<FrameworkCoverage>,
    /// Ratings that could not be placed in a reported framework (another framework, or an
    /// item the report's version does not have).
    pub unplaced_ratings: u32,
    /// The learning summary, `None` when the learner did not share it.
    pub learning: Option<Vec<PackProgress>>,
    /// Other bundles in the report from a learner of the same name.
    pub also_in: Vec<String>,
}

impl LearnerReport {
    /// The learner's name, or words saying none was given.
    pub fn name(&self) -> &str {
        if self.learner.trim().is_empty() {
            "(no name given)"
        } else {
            self.learner.trim()
        }
    }
}

/// A bundle reduced to counts while it is open.
#[derive(Debug)]
pub(super) struct Tally {
    row: LearnerReport,
    /// (framework, element) and (framework, domain) to entries.
    elements: HashMap<(String, String), u32>,
    domains: HashMap<(String, String), u32>,
}

impl Tally {
    pub fn of(
        file: &str,
        bundle: &VerifiedBundle,
        place: impl Fn(&str, &str) -> Option<Place>,
    ) -> Self {
        let doc = &bundle.document;
        let mut kinds: Vec<KindCount> = EntryKind::ALL
            .iter()
            .map(|k| KindCount {
                kind: k.as_str().to_owned(),
                label: k.label().to_owned(),
                count: 0,
            })
            .collect();
        let mut revalidation = RevalidationCounts::default();
        let mut elements = HashMap::new();
        let mut domains = HashMap::new();
        let mut unplaced = 0u32;
        let (mut first, mut last): (Option<&str>, Option<&str>) = (None, None);
        for entry in &doc.entries {
            match kinds.iter_mut().find(|k| k.kind == entry.kind) {
                Some(k) => k.count += 1,
                None => kinds.push(KindCount {
                    kind: entry.kind.clone(),
                    label: entry.kind_label.clone(),
                    count: 1,
                }),
            }
            let minutes = entry
                .clinical_minutes
                .saturating_add(entry.management_minutes);
            revalidation.cpd_minutes = revalidation.cpd_minutes.saturating_add(minutes);
            if entry.participatory {
                revalidation.participatory_minutes =
                    revalidation.participatory_minutes.saturating_add(minutes);
            }
            revalidation.feedback += u32::from(entry.kind == EntryKind::Feedback.as_str());
            revalidation.reflective_accounts += u32::from(
                entry
                    .reflection
                    .as_ref()
                    .is_some_and(|r| r.template == "nmc"),
            );
            first = Some(first.map_or(entry.date.as_str(), |f| f.min(entry.date.as_str())));
            last = Some(last.map_or(entry.date.as_str(), |l| l.max(entry.date.as_str())));
            // An entry counts once for each element and domain it evidences.
            let mut seen_elements = HashSet::new();
            let mut seen_domains = HashSet::new();
            for rating in &entry.behaviours {
                let Some((fw, domain, element)) = place(&rating.framework_id, &rating.behaviour_id)
                else {
                    unplaced += 1;
                    continue;
                };
                if seen_elements.insert((fw.clone(), element.clone())) {
                    *elements.entry((fw.clone(), element)).or_insert(0u32) += 1;
                }
                if seen_domains.insert((fw.clone(), domain.clone())) {
                    *domains.entry((fw, domain)).or_insert(0u32) += 1;
                }
            }
        }
        let learning = doc.learning.as_ref().map(|packs| {
            packs
                .iter()
                .map(|p| PackProgress {
                    pack_id: p.pack_id.clone(),
                    title: p.title.clone(),
                    version: p.version.clone(),
                    lessons_total: p.lessons_total,
                    completed: p.completed.iter().map(|l| l.title.clone()).collect(),
                })
                .collect()
        });
        let last_lesson = doc
            .learning
            .iter()
            .flatten()
            .flat_map(|p| &p.completed)
            .filter_map(|l| l.completed_at.get(..10))
            .max();
        let last_activity = last.into_iter().chain(last_lesson).max().map(str::to_owned);
        let row = LearnerReport {
            file: file.to_owned(),
            learner: doc.learner.clone(),
            bundle_id: doc.bundle_id.clone(),
            created_at: doc.created_at.clone(),
            format_version: doc.format_version,
            period_from: doc.period_from.clone(),
            period_to: doc.period_to.clone(),
            first_entry: first.map(str::to_owned),
            last_entry: last.map(str::to_owned),
            last_activity,
            entries: u32::try_from(doc.entries.len()).unwrap_or(u32::MAX),
            by_kind: kinds,
            revalidation,
            coverage: Vec::new(),
            unplaced_ratings: unplaced,
            learning,
            also_in: Vec::new(),
        };
        Self {
            row,
            elements,
            domains,
        }
    }

    /// The frameworks this learner's ratings landed in.
    pub fn framework_ids(&self) -> BTreeSet<&str> {
        self.elements.keys().map(|(fw, _)| fw.as_str()).collect()
    }

    /// The row, with coverage laid out in each reported framework's columns.
    pub fn report(self, frameworks: &[(BundleFramework, Placement)]) -> LearnerReport {
        let mut row = self.row;
        for (fw, placement) in frameworks {
            let look = |element: &str| {
                self.elements
                    .get(&(fw.id.clone(), element.to_owned()))
                    .copied()
                    .unwrap_or(0)
            };
            let elements: Vec<u32> = placement.elements.iter().map(|e| look(&e.0)).collect();
            let domains = placement
                .domains
                .iter()
                .enumerate()
                .map(|(d, (id, title))| {
                    let mine = placement
                        .elements
                        .iter()
                        .zip(&elements)
                        .filter(|(e, _)| e.2 == d);
                    let (total, covered) =
                        mine.fold((0, 0), |(t, c), (_, n)| (t + 1, c + u32::from(*n > 0)));
                    DomainCoverage {
                        title: title.clone(),
                        entries: self
                            .domains
                            .get(&(fw.id.clone(), id.clone()))
                            .copied()
                            .unwrap_or(0),
                        elements_covered: covered,
                        elements_total: total,
                    }
                })
                .collect();
            row.coverage.push(FrameworkCoverage {
                framework_id: fw.id.clone(),
                domains,
                elements,
            });
        }
        row
    }
}

/// Marks rows whose learner's name appears in another bundle too, and returns a notice for
/// each such name and for each bundle given twice.
pub(super) fn mark_repeats(rows: &mut [LearnerReport]) -> Vec<String> {
    let mut notices = Vec::new();
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let key = row
            .learner
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if !key.is_empty() {
            by_name.entry(key).or_default().push(i);
        }
        by_id.entry(row.bundle_id.as_str()).or_default().push(i);
    }
    for same in by_id.values().filter(|v| v.len() > 1) {
        let files: Vec<&str> = same.iter().map(|&i| rows[i].file.as_str()).collect();
        notices.push(format!(
            "{} are copies of the same bundle ({}); it is counted once for each copy",
            files.join(" and "),
            rows[same[0]].bundle_id
        ));
    }
    let mut marks = Vec::new();
    for same in by_name.values().filter(|v| v.len() > 1) {
        let files: Vec<String> = same.iter().map(|&i| rows[i].file.clone()).collect();
        notices.push(format!(
            "The same learner, {}, is in {} bundles: {}. Each is shown as its own row; check \
             whether one is an older export, and leave it out",
            rows[same[0]].name(),
            same.len(),
            files.join(", ")
        ));
        for &i in same {
            let others = files
                .iter()
                .filter(|f| **f != rows[i].file)
                .cloned()
                .collect();
            marks.push((i, others));
        }
    }
    for (i, others) in marks {
        rows[i].also_in = others;
    }
    notices
}
