//! The desktop's one clock: commands read "now" here and pass it to core, which never reads
//! the system clock itself. A debug build started with `W2B_FIXED_NOW` (an RFC 3339 instant)
//! runs from that instant instead, moving on with real time, and tells the page to do the same
//! in `W2B_TIME_ZONE`: the end-to-end tests use this so that what they see does not depend on
//! the day they run. Release builds ignore both variables.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

/// The instant to start from, in debug builds only.
pub const FIXED_NOW_ENV: &str = "W2B_FIXED_NOW";
/// The IANA time zone the page works in with a fixed clock ("Europe/London").
pub const TIME_ZONE_ENV: &str = "W2B_TIME_ZONE";

/// What the page is told about a fixed clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FixedClock {
    /// The instant the clock read when the app started (RFC 3339).
    pub started_at: String,
    /// The zone "today" is worked out in.
    pub time_zone: String,
}

/// Why the fixed clock the environment names cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{FIXED_NOW_ENV}={value} is not an RFC 3339 instant ({source})")]
pub struct BadFixedNow {
    value: String,
    source: chrono::ParseError,
}

#[derive(Debug, Clone)]
pub struct Clock {
    /// Added to the system's time; zero for the real clock.
    offset: Duration,
    fixed: Option<FixedClock>,
}

impl Clock {
    /// The system's clock.
    pub fn system() -> Self {
        Self {
            offset: Duration::zero(),
            fixed: None,
        }
    }

    /// The system's clock, or in a debug build the fixed one the environment names.
    pub fn from_env() -> Self {
        if !cfg!(debug_assertions) {
            return Self::system();
        }
        let fixed = std::env::var(FIXED_NOW_ENV).ok();
        let zone = std::env::var(TIME_ZONE_ENV).ok();
        match Self::starting_at(fixed.as_deref(), zone.as_deref(), Utc::now()) {
            Ok(clock) => clock,
            Err(problem) => {
                eprintln!("ward-to-board: {problem}; using the system clock");
                Self::system()
            }
        }
    }

    /// A clock that reads `starts_at` at `system_now` (the real clock's reading now).
    fn starting_at(
        starts_at: Option<&str>,
        zone: Option<&str>,
        system_now: DateTime<Utc>,
    ) -> Result<Self, BadFixedNow> {
        let Some(text) = starts_at else {
            return Ok(Self::system());
        };
        let start = DateTime::parse_from_rfc3339(text)
            .map_err(|source| BadFixedNow {
                value: text.to_owned(),
                source,
            })?
            .with_timezone(&Utc);
        let time_zone = zone.unwrap_or("UTC").to_owned();
        Ok(Self {
            offset: start - system_now,
            fixed: Some(FixedClock {
                started_at: start.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                time_zone,
            }),
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }

    /// The fixed clock the page should use, if this is one.
    pub fn fixed(&self) -> Option<&FixedClock> {
        self.fixed.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("valid instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn a_fixed_clock_starts_where_it_is_told_and_names_its_zone() {
        let clock = Clock::starting_at(
            Some("2026-12-04T21:30:00Z"),
            Some("Europe/London"),
            at("2031-01-01T00:00:00Z"),
        )
        .expect("a valid instant");
        assert_eq!(
            clock.offset,
            at("2026-12-04T21:30:00Z") - at("2031-01-01T00:00:00Z"),
            "the clock is moved back by the difference, then runs with real time"
        );
        assert_eq!(
            clock.fixed(),
            Some(&FixedClock {
                started_at: "2026-12-04T21:30:00.000Z".into(),
                time_zone: "Europe/London".into(),
            }),
            "the page is told the same instant and its zone"
        );
    }

    #[test]
    fn no_setting_is_the_system_clock_and_a_bad_one_is_refused() {
        let none = Clock::starting_at(None, Some("Europe/London"), at("2026-01-01T00:00:00Z"))
            .expect("no setting is fine");
        assert!(
            none.fixed().is_none(),
            "without W2B_FIXED_NOW the clock is real"
        );
        assert_eq!(none.offset, Duration::zero(), "and not shifted");
        let bad = Clock::starting_at(Some("tomorrow"), None, at("2026-01-01T00:00:00Z"));
        assert!(
            bad.expect_err("not an instant")
                .to_string()
                .contains("W2B_FIXED_NOW=tomorrow"),
            "the message names the setting and its value"
        );
    }
}
