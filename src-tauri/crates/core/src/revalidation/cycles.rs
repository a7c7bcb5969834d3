//! Revalidation periods and clinical currency: date arithmetic and sums that need no
//! database. The store gathers the entries; these decide which count and what to say.

use chrono::{Datelike, Months, NaiveDate};

use super::{ClinicalCurrency, CurrencyQuarter};

/// The NMC revalidation cycle, in years.
pub const CYCLE_YEARS: u32 = 3;

/// Below this share of the year's CPD being clinical, the currency view says so.
const CLINICAL_SHARE_FLAG: f64 = 0.25;
/// Too little CPD in the year to judge a balance from.
const MIN_MINUTES_TO_JUDGE: u32 = 10 * 60;

/// The NMC cycle that ends on the registration's renewal date: the three years up to and
/// including it.
pub fn nmc_cycle(expiry: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = expiry
        .checked_sub_months(Months::new(12 * CYCLE_YEARS))
        .and_then(|d| d.succ_opt())
        .unwrap_or(expiry);
    (start, expiry)
}

/// The GMC appraisal year that ends on the appraisal date.
pub fn gmc_year(appraisal: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = appraisal
        .checked_sub_months(Months::new(12))
        .and_then(|d| d.succ_opt())
        .unwrap_or(appraisal);
    (start, appraisal)
}

fn quarter_of(date: NaiveDate) -> (i32, u32) {
    (date.year(), (date.month() - 1) / 3 + 1)
}

/// Clinical against management CPD for the eight quarters up to `today`'s, and a gentle flag
/// when clinical CPD has fallen well behind in the last 12 months. `cpd` is (date, clinical
/// minutes, management minutes) for each entry.
pub fn clinical_currency(cpd: &[(NaiveDate, u32, u32)], today: NaiveDate) -> ClinicalCurrency {
    let mut quarters: Vec<((i32, u32), u32, u32)> = Vec::with_capacity(8);
    let (mut year, mut q) = quarter_of(today);
    for _ in 0..8 {
        quarters.push(((year, q), 0, 0));
        if q == 1 {
            year -= 1;
            q = 4;
        } else {
            q -= 1;
        }
    }
    quarters.reverse();
    let year_ago = today
        .checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN);
    let (mut clinical, mut management) = (0u32, 0u32);
    for (date, c, m) in cpd {
        if *date > today {
            continue;
        }
        if let Some(slot) = quarters
            .iter_mut()
            .find(|(k, _, _)| *k == quarter_of(*date))
        {
            slot.1 += c;
            slot.2 += m;
        }
        if *date > year_ago {
            clinical += c;
            management += m;
        }
    }
    let total = clinical + management;
    let flag = (total >= MIN_MINUTES_TO_JUDGE
        && f64::from(clinical) < f64::from(total) * CLINICAL_SHARE_FLAG)
        .then(|| {
            format!(
                "In the last 12 months {} of your {} CPD hours were clinical. If you still \
                 practise clinically, or mean to return, it may be worth planning some clinical \
                 learning so your practice stays current.",
                hours(clinical),
                hours(total)
            )
        });
    ClinicalCurrency {
        quarters: quarters
            .into_iter()
            .map(|((y, q), c, m)| CurrencyQuarter {
                label: format!("{y} Q{q}"),
                clinical_minutes: c,
                management_minutes: m,
                clinical_hours: tenths_of_hours(c),
                management_hours: tenths_of_hours(m),
            })
            .collect(),
        last_year_clinical_minutes: clinical,
        last_year_management_minutes: management,
        last_year_clinical_hours: tenths_of_hours(clinical),
        last_year_management_hours: tenths_of_hours(management),
        flag,
    }
}

/// Minutes as hours to the nearest tenth, as the page shows them.
pub fn tenths_of_hours(minutes: u32) -> f64 {
    (f64::from(minutes) / 6.0).round() / 10.0
}

fn hours(minutes: u32) -> String {
    let h = f64::from(minutes) / 60.0;
    if (h - h.round()).abs() < 0.05 {
        format!("{h:.0}")
    } else {
        format!("{h:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn the_nmc_cycle_is_the_three_years_ending_on_renewal() {
        assert_eq!(
            nmc_cycle(d("2027-03-31")),
            (d("2024-04-01"), d("2027-03-31")),
            "three years, inclusive"
        );
        assert_eq!(
            nmc_cycle(d("2028-02-29")),
            (d("2025-03-01"), d("2028-02-29")),
            "a leap day renewal still spans three years"
        );
        assert_eq!(
            gmc_year(d("2027-01-15")),
            (d("2026-01-16"), d("2027-01-15")),
            "the appraisal year ends on the appraisal"
        );
    }

    #[test]
    fn currency_sums_by_quarter_and_flags_only_a_clear_drift() {
        let today = d("2026-11-23");
        let balanced = [(d("2026-10-01"), 300, 300), (d("2026-02-10"), 120, 0)];
        let c = clinical_currency(&balanced, today);
        assert_eq!(c.quarters.len(), 8, "two years of quarters");
        assert_eq!(
            c.quarters[7].label, "2026 Q4",
            "the last quarter is today's"
        );
        assert_eq!(
            c.quarters[0].label, "2025 Q1",
            "the first is seven quarters back"
        );
        assert_eq!(
            (
                c.quarters[7].clinical_minutes,
                c.quarters[7].management_minutes
            ),
            (300, 300)
        );
        assert_eq!(c.flag, None, "half clinical is no drift");
        assert_eq!(
            (c.quarters[7].clinical_hours, c.last_year_clinical_minutes),
            (5.0, 420),
            "hours are given beside minutes, and the year sums both entries"
        );
        assert_eq!(tenths_of_hours(93), 1.6, "hours to the nearest tenth");

        let drifted = [(d("2026-10-01"), 60, 900), (d("2024-01-01"), 6000, 0)];
        let c = clinical_currency(&drifted, today);
        assert_eq!(
            c.last_year_clinical_minutes, 60,
            "entries older than a year do not count"
        );
        let flag = c.flag.unwrap_or_default();
        assert!(
            flag.contains("1 of your 16 CPD hours"),
            "the flag gives the figures: {flag}"
        );

        let little = [(d("2026-10-01"), 0, 120)];
        assert_eq!(
            clinical_currency(&little, today).flag,
            None,
            "two hours is too little to judge"
        );
    }
}
