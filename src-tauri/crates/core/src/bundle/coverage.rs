//! A bundle's framework coverage: what the shared entries alone evidence, so an appraiser
//! sees the coverage of what they were sent, not of the whole portfolio.

use std::collections::HashSet;

use super::{BundleCoverage, BundleDomainCoverage, BundleEntry};
use crate::frameworks::Framework;

/// For each installed framework that at least one shared entry rates against (in the app's
/// order), and each of its domains: how many shared entries evidence it and how many of its
/// behaviours (or elements, for a framework that names no behaviours) they cover. Ratings
/// against a framework or behaviour the app does not know are left out.
pub fn coverage_of(entries: &[BundleEntry], frameworks: &[Framework]) -> Vec<BundleCoverage> {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut coverage = Vec::new();
    for fw in frameworks {
        let rated: Vec<(&str, &str)> = entries
            .iter()
            .flat_map(|e| {
                e.behaviours
                    .iter()
                    .filter(|b| b.framework_id == fw.id)
                    .map(|b| (e.uid.as_str(), b.behaviour_id.as_str()))
            })
            .collect();
        if rated.is_empty() {
            continue;
        }
        let items = fw.items();
        let mut covered_total = 0;
        let mut domains = Vec::new();
        for domain in fw.domains() {
            let ids: HashSet<&str> = items
                .iter()
                .filter(|i| i.domain.id == domain.id)
                .map(|i| i.id)
                .collect();
            let mine: Vec<&(&str, &str)> = rated.iter().filter(|r| ids.contains(r.1)).collect();
            let evidencing: HashSet<&str> = mine.iter().map(|r| r.0).collect();
            let covered: HashSet<&str> = mine.iter().map(|r| r.1).collect();
            covered_total += covered.len();
            domains.push(BundleDomainCoverage {
                title: domain.title.clone(),
                entries: count(evidencing.len()),
                behaviours_covered: count(covered.len()),
                behaviours_total: count(ids.len()),
            });
        }
        coverage.push(BundleCoverage {
            framework_id: fw.id.clone(),
            framework_title: fw.title.clone(),
            items_total: count(items.len()),
            items_covered: count(covered_total),
            domains,
        });
    }
    coverage
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::sample::bundle_entry;
    use crate::bundle::BundleRating;

    fn entry(uid: &str, ratings: &[(&str, &str)]) -> BundleEntry {
        BundleEntry {
            behaviours: ratings
                .iter()
                .map(|(fw, id)| BundleRating {
                    framework_id: (*fw).into(),
                    framework_title: String::new(),
                    behaviour_id: (*id).into(),
                    statement: String::new(),
                    domain_title: String::new(),
                    rating: 1,
                    rating_label: String::new(),
                    justification: String::new(),
                })
                .collect(),
            ..bundle_entry(uid, uid, "2026-01-01")
        }
    }

    #[test]
    fn counts_distinct_entries_and_behaviours_per_domain() {
        let fw = crate::frameworks::builtin()
            .iter()
            .find(|f| f.id == "cmpf")
            .unwrap_or_else(|| panic!("cmpf ships with the app"));
        let items = fw.items();
        let first = items[0];
        let sibling = items
            .iter()
            .find(|i| i.domain.id == first.domain.id && i.id != first.id)
            .unwrap_or_else(|| panic!("a domain has several behaviours"));
        let other = items
            .iter()
            .find(|i| i.domain.id != first.domain.id)
            .unwrap_or_else(|| panic!("cmpf has several domains"));
        let entries = [
            entry("a", &[("cmpf", first.id), ("cmpf", sibling.id)]),
            entry("b", &[("cmpf", first.id)]),
            entry("c", &[("cmpf", other.id), ("nope", "nope.x")]),
        ];
        let coverage = coverage_of(&entries, crate::frameworks::builtin());
        assert_eq!(
            coverage.len(),
            1,
            "only frameworks the entries rate against are listed"
        );
        let c = &coverage[0];
        assert_eq!(
            c.items_total as usize,
            items.len(),
            "every cmpf item counts in the total"
        );
        assert_eq!(c.items_covered, 3, "three distinct behaviours are rated");
        let home = c
            .domains
            .iter()
            .find(|d| d.title == first.domain.title)
            .unwrap_or_else(|| panic!("the first domain is listed"));
        assert_eq!(
            home.entries, 2,
            "entries a and b evidence the first domain, a only once"
        );
        assert_eq!(
            home.behaviours_covered, 2,
            "two behaviours of the first domain are rated"
        );
        assert_eq!(
            c.domains.len(),
            fw.domains().count(),
            "every domain is listed, covered or not"
        );
        assert_eq!(
            c.domains
                .iter()
                .map(|d| d.behaviours_total as usize)
                .sum::<usize>(),
            items.len(),
            "the domains' totals add up to the framework's"
        );
    }

    #[test]
    fn entries_without_ratings_give_no_coverage() {
        assert!(
            coverage_of(&[entry("a", &[])], crate::frameworks::builtin()).is_empty(),
            "no framework is shown when nothing is rated"
        );
    }
}
