//! Revalidation: the NMC three-year cycle and the GMC appraisal year, the counters the learner
//! tracks against them, practice hours, and clinical currency.

mod counters;
mod cycles;
mod forms;
pub mod records;

pub use counters::{gmc_period, nmc_period, practised_hours, EntryFacts, Period};
pub use cycles::{clinical_currency, gmc_year, nmc_cycle, tenths_of_hours, CYCLE_YEARS};
pub use forms::{check_practice_hours, check_settings, periods};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which revalidation counters the learner wants, and their dates. Field errors name
/// `nmcExpiry` and `gmcAppraisal`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct RevalidationSettings {
    /// NMC registration renewal date (YYYY-MM-DD); the 3-year cycle ends on it.
    pub nmc_expiry: Option<String>,
    /// GMC: the date of the next appraisal (YYYY-MM-DD); the appraisal year ends on it.
    pub gmc_appraisal: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Counter {
    pub id: String,
    pub label: String,
    pub value: f64,
    /// What the regulator asks for; `None` when it sets no number.
    pub target: Option<f64>,
    pub unit: String,
    /// The value has reached the target.
    pub done: bool,
    /// What is left to reach the target; `None` once done or when there is no target.
    pub to_go: Option<f64>,
    /// What the counter counts, for a regulator that sets no number for it.
    pub hint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevalidationPeriod {
    pub start: String,
    pub end: String,
    #[ts(type = "number")]
    pub days_left: i64,
    pub counters: Vec<Counter>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PracticeHours {
    #[ts(type = "number")]
    pub id: i64,
    pub start_date: String,
    pub end_date: String,
    pub hours: f64,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Revalidation {
    pub settings: RevalidationSettings,
    pub nmc: Option<RevalidationPeriod>,
    pub gmc: Option<RevalidationPeriod>,
    pub practice_hours: Vec<PracticeHours>,
    pub currency: ClinicalCurrency,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CurrencyQuarter {
    /// e.g. "2026 Q3"
    pub label: String,
    pub clinical_minutes: u32,
    pub management_minutes: u32,
    /// The same, in hours to the nearest tenth.
    pub clinical_hours: f64,
    pub management_hours: f64,
}

/// Clinical against management CPD, a quarter at a time, for the last two years.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClinicalCurrency {
    pub quarters: Vec<CurrencyQuarter>,
    pub last_year_clinical_minutes: u32,
    pub last_year_management_minutes: u32,
    /// The same, in hours to the nearest tenth.
    pub last_year_clinical_hours: f64,
    pub last_year_management_hours: f64,
    /// A gentle note when clinical CPD has fallen well behind; `None` when it has not.
    pub flag: Option<String>,
}
