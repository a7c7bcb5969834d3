//! The privacy guard: finds text that looks patient-identifiable, so the app can warn while
//! the learner types and before anything is exported. It warns; it never blocks: about 1 in
//! 11 random 10-digit numbers pass the NHS number check, and a date can be innocent.
//!
//! What it looks for:
//! - **NHS numbers**: 10 digits, with or without spaces or hyphens in the 3-3-4 pattern,
//!   passing the Modulus 11 check (NHS Data Dictionary), and not part of a longer number.
//! - **Dates of birth**: a full date next to "DOB", "date of birth" or "born"; or any full
//!   date whose year means the person would be at least 16 today, which in a reflection on
//!   recent work is more likely a birth date than an event.
//! - **UK postcodes**: the full outward and inward code ("SW1A 1AA", "m1 1ae").

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    NhsNumber,
    DateOfBirth,
    Postcode,
}

/// Something in the text that looks patient-identifiable, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrivacyFinding {
    pub kind: FindingKind,
    /// Byte offsets of the match in the text, start inclusive, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// What it looks like and what to do, in words for the learner.
    pub message: String,
}

static NHS_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| compile(r"[0-9]{3}[ \-]?[0-9]{3}[ \-]?[0-9]{4}"));

static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    // Outward code: A9, A99, AA9, AA99, A9A or AA9A; inward code: 9AA. The letters each
    // position may hold follow Royal Mail's rules (no Q, V or X first; no C, I, K, M, O or V
    // in the inward code).
    compile(
        r"(?i)\b(?:GIR ?0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?) ?[0-9][ABD-HJLNP-UW-Z]{2})\b",
    )
});

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

static NUMERIC_DATE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4}|[0-9]{2})\b"));

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b([0-9]{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})\.?,?\s+([0-9]{{4}})\b"
    ))
});

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b({MONTHS})\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+([0-9]{{4}})\b"
    ))
});

static BIRTH_CUE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)(?:\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bborn\b(?:\s+on)?)[\s:\-]*$")
});

fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("privacy pattern {pattern:?} is invalid: {e}"))
}

/// The NHS Data Dictionary's Modulus 11 check on 10 digits.
pub fn is_valid_nhs_number(digits: &str) -> bool {
    let digits: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(d, weight)| d * weight)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == digits[9]
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| lower.starts_with(m))
    .and_then(|i| u32::try_from(i + 1).ok())
}

/// Finds text that looks patient-identifiable. `this_year` dates the check for birth dates.
pub fn scan(text: &str, this_year: i32) -> Vec<PrivacyFinding> {
    let mut findings = Vec::new();
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);

    for m in NHS_NUMBER.find_iter(text) {
        // Not a slice of a longer number (a phone number, an account number).
        let before = m.start().checked_sub(1).is_some_and(digit_at);
        let joined_before = m.start() >= 2
            && matches!(bytes[m.start() - 1], b' ' | b'-')
            && digit_at(m.start() - 2);
        let after = digit_at(m.end());
        let joined_after = matches!(bytes.get(m.end()), Some(b' ' | b'-')) && digit_at(m.end() + 1);
        if before || after || joined_before || joined_after || !is_valid_nhs_number(m.as_str()) {
            continue;
        }
        findings.push(PrivacyFinding {
            kind: FindingKind::NhsNumber,
            start: m.start(),
            end: m.end(),
            text: m.as_str().to_owned(),
            message:
                "This looks like an NHS number. Remove it: refer to the patient as \"patient A\"."
                    .into(),
        });
    }

    for m in POSTCODE.find_iter(text) {
        findings.push(PrivacyFinding {
            kind: FindingKind::Postcode,
            start: m.start(),
            end: m.end(),
            text: m.as_str().to_owned(),
            message:
                "This looks like a postcode. Remove it, or give only the area in general terms."
                    .into(),
        });
    }

    let mut dates: Vec<(usize, usize, Option<NaiveDate>, bool)> = Vec::new();
    for c in NUMERIC_DATE.captures_iter(text) {
        let (Some(whole), Some(d), Some(mo), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        let two_digit_year = y.as_str().len() == 2;
        let date = parse_ymd(y.as_str(), mo.as_str().parse().ok(), d.as_str(), this_year);
        dates.push((whole.start(), whole.end(), date, two_digit_year));
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        let (Some(whole), Some(d), Some(mo), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        let date = parse_ymd(y.as_str(), month_number(mo.as_str()), d.as_str(), this_year);
        dates.push((whole.start(), whole.end(), date, false));
    }
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        let (Some(whole), Some(mo), Some(d), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        let date = parse_ymd(y.as_str(), month_number(mo.as_str()), d.as_str(), this_year);
        dates.push((whole.start(), whole.end(), date, false));
    }
    for (start, end, date, two_digit_year) in dates {
        let Some(date) = date else { continue };
        // The words just before the date: is it introduced as a birth date?
        let mut from = start.saturating_sub(24);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let cued = BIRTH_CUE.is_match(&text[from..start]);
        let old_enough = !two_digit_year && {
            use chrono::Datelike;
            date.year() >= 1900 && date.year() <= this_year - 16
        };
        if !(cued || old_enough) || findings.iter().any(|f| f.start < end && start < f.end) {
            continue;
        }
        findings.push(PrivacyFinding {
            kind: FindingKind::DateOfBirth,
            start,
            end,
            text: text[start..end].to_owned(),
            message: if cued {
                "This looks like a date of birth. Remove it and give an approximate age instead."
            } else {
                "This date is long ago: if it is a date of birth, remove it and give an approximate age."
            }
            .into(),
        });
    }

    findings.sort_by_key(|f| (f.start, f.end));
    findings
}

/// A real calendar date from the parts, with a two-digit year read as the most recent one
/// not after `this_year`.
fn parse_ymd(year: &str, month: Option<u32>, day: &str, this_year: i32) -> Option<NaiveDate> {
    let mut y: i32 = year.parse().ok()?;
    if year.len() == 2 {
        let century = this_year - this_year % 100;
        y += if century + y > this_year {
            century - 100
        } else {
            century
        };
    }
    NaiveDate::from_ymd_opt(y, month?, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(FindingKind, &str)> {
        let found = scan(text, 2026);
        found
            .iter()
            .map(|f| (f.kind, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn the_modulus_11_check_follows_the_data_dictionary() {
        for valid in [
            "9434765919",
            "3982597919",
            "8762328603",
            "1290404798",
            "9074833780",
        ] {
            assert!(is_valid_nhs_number(valid), "{valid} is valid");
        }
        // Wrong check digit; a remainder that makes the check digit 10 (never valid); too short.
        for invalid in [
            "9434765918",
            "3040119800",
            "3040119805",
            "943476591",
            "94347659190",
        ] {
            assert!(!is_valid_nhs_number(invalid), "{invalid} is not valid");
        }
    }

    #[test]
    fn nhs_numbers_are_found_with_or_without_spaces() {
        assert_eq!(
            kinds("Patient 943 476 5919 was reviewed; also 9434765919 and 943-476-5919."),
            [
                (FindingKind::NhsNumber, "943 476 5919"),
                (FindingKind::NhsNumber, "9434765919"),
                (FindingKind::NhsNumber, "943-476-5919"),
            ]
        );
    }

    #[test]
    fn numbers_that_are_not_nhs_numbers_are_left_alone() {
        for text in [
            "Ring 943 476 5918 for the bed bureau.",  // fails the check
            "Account 19434765919 was charged.",       // part of a longer number
            "Call 0161 943 476 5919 extension",       // a longer run with spaces
            "Budget line 1,056,000 and 528,000 YTD.", // money
            "Mobile 07700 900123.",                   // an 11-digit phone number
        ] {
            assert!(
                kinds(text)
                    .iter()
                    .all(|(k, _)| *k != FindingKind::NhsNumber),
                "{text}: {:?}",
                kinds(text)
            );
        }
    }

    #[test]
    fn postcodes_are_found_in_every_valid_shape_and_case() {
        assert_eq!(
            kinds(
                "Lives at M1 1AE, near B33 8TH, CR2 6XH, DN55 1PT, W1A 0AX, EC1A 1BB and sw1a1aa."
            ),
            [
                (FindingKind::Postcode, "M1 1AE"),
                (FindingKind::Postcode, "B33 8TH"),
                (FindingKind::Postcode, "CR2 6XH"),
                (FindingKind::Postcode, "DN55 1PT"),
                (FindingKind::Postcode, "W1A 0AX"),
                (FindingKind::Postcode, "EC1A 1BB"),
                (FindingKind::Postcode, "sw1a1aa"),
            ]
        );
    }

    #[test]
    fn things_shaped_almost_like_postcodes_are_not() {
        for text in [
            "Band 5 nurses on Ward 14 at 2pm.",
            "SW1A 1CA has a C in the inward code.",
            "Q1 1AA starts with Q.",
            "The ST3 trainee and the FY2.",
            "NEWS2 score of 7 at 0300.",
        ] {
            assert!(
                kinds(text).iter().all(|(k, _)| *k != FindingKind::Postcode),
                "{text}: {:?}",
                kinds(text)
            );
        }
    }

    #[test]
    fn dates_of_birth_are_found_by_their_cue_or_their_age() {
        assert_eq!(
            kinds("DOB: 01/02/1957. D.O.B 12-11-85. Date of birth 3rd March 1957. Born on March 3, 2001."),
            [
                (FindingKind::DateOfBirth, "01/02/1957"),
                (FindingKind::DateOfBirth, "12-11-85"),
                (FindingKind::DateOfBirth, "3rd March 1957"),
                (FindingKind::DateOfBirth, "March 3, 2001"),
            ]
        );
        // No cue, but a year that makes the person at least 16 today.
        assert_eq!(
            kinds("A man (14/02/1948) was admitted."),
            [(FindingKind::DateOfBirth, "14/02/1948")]
        );
    }

    #[test]
    fn recent_dates_and_impossible_dates_are_not_birth_dates() {
        for text in [
            "On 12/03/2025 we met the finance team.",
            "The audit ran from 1 April 2026 to 30 June 2026.",
            "The 31/02/1960 entry is a typo.",
            "Version 1.2.3 of the policy.",
        ] {
            assert!(
                kinds(text)
                    .iter()
                    .all(|(k, _)| *k != FindingKind::DateOfBirth),
                "{text}: {:?}",
                kinds(text)
            );
        }
    }

    #[test]
    fn findings_carry_their_place_and_advice() {
        let text = "Pt 943 476 5919, SW1A 1AA.";
        let found = scan(text, 2026);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].start, found[0].end), (3, 15));
        assert!(found[0].message.contains("NHS number"));
        assert!(found[1].message.contains("postcode"));
        assert!(scan("", 2026).is_empty());
        assert!(scan("A reflection with nothing identifying in it at all.", 2026).is_empty());
    }
}
