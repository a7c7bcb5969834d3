//! Coverage's rules: which evidence is recent (dated in the 12 months up to today), and how
//! a framework's behaviours and domains add up from the ratings the store reads.

use std::collections::{HashMap, HashSet};

use chrono::{Months, NaiveDate};

use super::{BehaviourCoverage, Coverage, DomainCoverage, FrameworkChoice};
use crate::frameworks::Framework;
use crate::portfolio::LinkedLesson;

/// One behaviour rated on one entry outside the bin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rated {
    pub behaviour_id: String,
    pub entry_id: i64,
    /// YYYY-MM-DD
    pub date: String,
    pub rating: u32,
}

/// The days that count as recent from `today`: after the day 12 months before, up to today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recency {
    after: String,
    until: String,
}

impl Recency {
    pub fn new(today: NaiveDate) -> Self {
        let year_ago = today
            .checked_sub_months(Months::new(12))
            .unwrap_or(NaiveDate::MIN);
        Self {
            after: year_ago.format("%Y-%m-%d").to_string(),
            until: today.format("%Y-%m-%d").to_string(),
        }
    }

    /// Whether an entry dated `date` (YYYY-MM-DD) is recent: a future date is not.
    pub fn is_recent(&self, date: &str) -> bool {
        self.is_fresh(date) && date <= self.until.as_str()
    }

    /// Whether evidence dated `date` is newer than 12 months ago (today or later included).
    fn is_fresh(&self, date: &str) -> bool {
        date > self.after.as_str()
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Coverage of `fw` by `rated` (newest first), with the lessons that teach each behaviour
/// and the `installed` frameworks to choose from.
pub fn coverage(
    fw: &Framework,
    installed: &[Framework],
    rated: &[Rated],
    teaching: &HashMap<String, Vec<LinkedLesson>>,
    today: NaiveDate,
) -> Coverage {
    let recency = Recency::new(today);
    let mut domains: Vec<DomainCoverage> = Vec::new();
    let (mut total, mut covered) = (0, 0);
    let all_items = fw.items();
    for domain in fw.domains() {
        let mut entries = HashSet::new();
        let mut recent = HashSet::new();
        let mut items = Vec::new();
        for item in all_items.iter().filter(|i| i.domain.id == domain.id) {
            let mine: Vec<&Rated> = rated.iter().filter(|r| r.behaviour_id == item.id).collect();
            let fresh: Vec<i64> = mine
                .iter()
                .filter(|r| recency.is_recent(&r.date))
                .map(|r| r.entry_id)
                .collect();
            entries.extend(mine.iter().map(|r| r.entry_id));
            recent.extend(fresh.iter().copied());
            total += 1;
            if !mine.is_empty() {
                covered += 1;
            }
            items.push(BehaviourCoverage {
                id: item.id.into(),
                element_title: item.element.title.clone(),
                statement: item.statement.into(),
                entries: to_u32(mine.len()),
                recent: to_u32(fresh.len()),
                last_date: mine.first().map(|r| r.date.clone()),
                stale: mine.first().is_some_and(|r| !recency.is_fresh(&r.date)),
                latest_rating: mine.first().map(|r| r.rating),
                lessons: teaching.get(item.id).cloned().unwrap_or_default(),
            });
        }
        domains.push(DomainCoverage {
            id: domain.id.clone(),
            title: domain.title.clone(),
            entries: to_u32(entries.len()),
            recent: to_u32(recent.len()),
            behaviours_covered: to_u32(items.iter().filter(|i| i.entries > 0).count()),
            behaviours: items,
        });
    }
    Coverage {
        framework_id: fw.id.clone(),
        framework_title: fw.title.clone(),
        frameworks: installed
            .iter()
            .map(|f| FrameworkChoice {
                id: f.id.clone(),
                title: f.title.clone(),
            })
            .collect(),
        today: recency.until,
        domains,
        items_total: total,
        items_covered: covered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
    }

    fn rated(behaviour_id: &str, entry_id: i64, date: &str, rating: u32) -> Rated {
        Rated {
            behaviour_id: behaviour_id.into(),
            entry_id,
            date: date.into(),
            rating,
        }
    }

    #[test]
    fn recent_means_the_twelve_months_up_to_today() {
        let recency = Recency::new(today());
        assert!(recency.is_recent("2026-11-23"), "today is recent");
        assert!(
            recency.is_recent("2025-11-24"),
            "the day after a year ago is recent"
        );
        assert!(
            !recency.is_recent("2025-11-23"),
            "a year ago to the day is not"
        );
        assert!(!recency.is_recent("2026-11-24"), "a future date is not");
        assert!(
            !recency.is_fresh("2025-11-23"),
            "a year ago to the day is stale"
        );
        assert!(recency.is_fresh("2026-11-24"), "a future date is not stale");
    }

    #[test]
    fn behaviours_and_domains_add_up_from_the_ratings() {
        let fw = crate::frameworks::builtin()
            .iter()
            .find(|f| f.id == "cmpf")
            .expect("the app's own framework");
        let items = fw.items();
        let (first, second) = (items[0].id, items[1].id);
        let same_domain = items[0].domain.id == items[1].domain.id;
        let rated = [
            rated(first, 2, "2026-10-01", 3),
            rated(second, 2, "2026-10-01", 2),
            rated(first, 1, "2024-01-01", 1),
        ];
        let c = coverage(
            fw,
            crate::frameworks::builtin(),
            &rated,
            &HashMap::new(),
            today(),
        );
        assert_eq!(
            c.items_total,
            u32::try_from(items.len()).unwrap_or(0),
            "every item counts"
        );
        assert_eq!(c.items_covered, 2, "two items have evidence");
        let b = &c.domains[0].behaviours[0];
        assert_eq!((b.entries, b.recent), (2, 1), "two entries, one recent");
        assert_eq!(
            b.last_date.as_deref(),
            Some("2026-10-01"),
            "the newest entry's date"
        );
        assert_eq!(b.latest_rating, Some(3), "the newest entry's rating");
        assert!(!b.stale, "recent evidence is not stale");
        let old = coverage(
            fw,
            crate::frameworks::builtin(),
            &rated[2..],
            &HashMap::new(),
            today(),
        );
        assert!(
            old.domains[0].behaviours[0].stale,
            "only old evidence is stale"
        );
        assert!(
            old.domains
                .iter()
                .flat_map(|d| &d.behaviours)
                .all(|b| b.entries > 0 || !b.stale),
            "no evidence is a gap, not stale"
        );
        if same_domain {
            assert_eq!(
                c.domains[0].entries, 2,
                "an entry evidencing two behaviours counts once"
            );
        }
        assert_eq!(c.today, "2026-11-23", "the date recent counts back from");
    }
}
