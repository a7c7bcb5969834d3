//! The filters of a search as words of the index's `facets` column (migration 0010): kind,
//! tag, behaviour and dates, so FTS5 finds the entries that have the words *and* pass the
//! filters in one pass, newest first. The filters are checked again against the entries'
//! rows (`Filters::confirm`), so a facet can only ever narrow.

use chrono::{Datelike, Months, NaiveDate};

use crate::portfolio::EntryQuery;

pub(super) fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

/// The facet words a query's filters ask for, as an FTS5 expression on the `facets` column
/// (each group required, any word of a group enough), or `None` without filters. `dates` are
/// the first and last entry dates in the portfolio, to close a range left open.
pub(super) fn facet_expression(
    query: &EntryQuery,
    dates: Option<(NaiveDate, NaiveDate)>,
) -> Option<String> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    if !query.kinds.is_empty() {
        groups.push(
            query
                .kinds
                .iter()
                .map(|k| format!("k{}", hex(k.as_str())))
                .collect(),
        );
    }
    if let Some(tag) = query.tag.as_ref().filter(|t| !t.is_empty()) {
        groups.push(vec![format!("t{}", hex(&tag.to_ascii_lowercase()))]);
    }
    if let Some(b) = query.behaviour.as_ref().filter(|b| !b.is_empty()) {
        groups.push(vec![format!("b{}", hex(b))]);
    }
    if let Some(cover) = date_cover(query, dates) {
        groups.push(cover);
    }
    if groups.is_empty() {
        return None;
    }
    let groups: Vec<String> = groups
        .iter()
        .map(|words| {
            let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
            format!("({})", quoted.join(" OR "))
        })
        .collect();
    Some(format!("{{facets}}: ({})", groups.join(" AND ")))
}

/// The year, month and day words that together cover the query's dates exactly, or `None`
/// when the range covers every entry (or there are none, or the dates are not dates: the
/// filters' own check reports those).
fn date_cover(query: &EntryQuery, dates: Option<(NaiveDate, NaiveDate)>) -> Option<Vec<String>> {
    let parse = |d: &Option<String>| {
        d.as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    let (from, to) = (parse(&query.from), parse(&query.to));
    if from.is_none() && to.is_none() {
        return None;
    }
    let (first, last) = dates?;
    let from = from.map_or(first, |f| f.max(first));
    let to = to.map_or(last, |t| t.min(last));
    if from <= first && to >= last {
        return None;
    }
    if from > to {
        // Nothing can match: a facet no entry has.
        return Some(vec!["d0".into()]);
    }
    Some(cover(from, to))
}

/// Whole years, then whole months, then single days, from `from` to `to` inclusive.
pub(super) fn cover(from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let mut words = Vec::new();
    let mut day = from;
    while day <= to {
        let year_end = NaiveDate::from_ymd_opt(day.year(), 12, 31);
        let next_month = day
            .with_day(1)
            .and_then(|d| d.checked_add_months(Months::new(1)));
        let month_end = next_month.and_then(|d| d.pred_opt());
        if day.ordinal() == 1 && year_end.is_some_and(|e| e <= to) {
            words.push(format!("y{}", day.format("%Y")));
            match year_end.and_then(|e| e.succ_opt()) {
                Some(next) => day = next,
                None => break,
            }
        } else if day.day() == 1 && month_end.is_some_and(|e| e <= to) {
            words.push(format!("m{}", day.format("%Y%m")));
            match next_month {
                Some(next) => day = next,
                None => break,
            }
        } else {
            words.push(format!("d{}", day.format("%Y%m%d")));
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
    }
    words
}

/// The month word of a month's first day (`m202403`).
pub(super) fn month_word(first_day: NaiveDate) -> String {
    format!("m{}", first_day.format("%Y%m"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::EntryKind;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn a_range_is_covered_by_whole_years_months_and_the_days_at_its_edges() {
        assert_eq!(
            cover(date("2023-12-30"), date("2025-02-02")),
            [
                "d20231230",
                "d20231231",
                "y2024",
                "m202501",
                "d20250201",
                "d20250202"
            ]
        );
        assert_eq!(cover(date("2024-02-01"), date("2024-02-29")), ["m202402"]);
        assert_eq!(cover(date("2024-03-05"), date("2024-03-05")), ["d20240305"]);
    }

    #[test]
    fn filters_become_one_facet_expression() {
        let query = EntryQuery {
            kinds: vec![EntryKind::Cpd],
            tag: Some("Business-Case".into()),
            from: Some("2024-01-01".into()),
            ..EntryQuery::default()
        };
        let dates = Some((date("2020-06-01"), date("2026-11-30")));
        assert_eq!(
            facet_expression(&query, dates).as_deref(),
            Some(
                "{facets}: ((\"k637064\") AND (\"t627573696e6573732d63617365\") \
                 AND (\"y2024\" OR \"y2025\" OR \"m202601\" OR \"m202602\" OR \"m202603\" \
                 OR \"m202604\" OR \"m202605\" OR \"m202606\" OR \"m202607\" OR \"m202608\" \
                 OR \"m202609\" OR \"m202610\" OR \"m202611\"))"
            ),
            "the tag as tags compare (ASCII case folded), the open end closed at the last entry"
        );
        let all_dates = EntryQuery {
            from: Some("2019-01-01".into()),
            ..EntryQuery::default()
        };
        assert_eq!(
            facet_expression(&all_dates, dates),
            None,
            "a range holding every entry narrows nothing"
        );
    }
}
