//! The cohort report as CSV for a spreadsheet: one row per bundle (refused ones included,
//! with their reason), the counts in columns, then one column per framework element.
//!
//! Every text is the learners' or a file name: quoted per RFC 4180, and a text a spreadsheet
//! would run as a formula (starting `=`, `+`, `-`, `@`, tab or carriage return) gets a `'`
//! first, so opening the file never runs anything.

use super::{CohortReport, LearnerReport};

/// The report as CSV text (UTF-8, CRLF line ends, a header row).
pub fn to_csv(report: &CohortReport) -> String {
    let mut header: Vec<String> = [
        "File",
        "Status",
        "Learner",
        "Bundle id",
        "Period from",
        "Period to",
        "First entry",
        "Last entry",
        "Last activity",
        "Entries",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let kinds: Vec<(String, String)> = report
        .learners
        .first()
        .map(|l| {
            l.by_kind
                .iter()
                .map(|k| (k.kind.clone(), k.label.clone()))
                .collect()
        })
        .unwrap_or_default();
    header.extend(kinds.iter().map(|(_, label)| label.clone()));
    header.extend(
        [
            "CPD hours",
            "Participatory CPD hours",
            "Feedback",
            "NMC reflective accounts",
            "Lessons completed",
            "Also in",
            "Reason refused",
        ]
        .map(str::to_owned),
    );
    for fw in &report.frameworks {
        header.extend(
            fw.elements
                .iter()
                .map(|e| format!("{}: {}", fw.title, e.title)),
        );
    }
    let mut out = String::new();
    line(&mut out, &header);
    for learner in &report.learners {
        line(&mut out, &learner_row(report, learner, &kinds));
    }
    let reason_at = header.len()
        - report
            .frameworks
            .iter()
            .map(|f| f.elements.len())
            .sum::<usize>()
        - 1;
    for refused in &report.refused {
        let mut row = vec![String::new(); header.len()];
        row[0] = refused.file.clone();
        row[1] = "refused".to_owned();
        // One line per row, so the file also reads well with line-based tools.
        row[reason_at] = refused
            .reason
            .lines()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ");
        line(&mut out, &row);
    }
    out
}

fn learner_row(
    report: &CohortReport,
    l: &LearnerReport,
    kinds: &[(String, String)],
) -> Vec<String> {
    let text = |o: &Option<String>| o.clone().unwrap_or_default();
    let mut row = vec![
        l.file.clone(),
        "reported".to_owned(),
        l.learner.clone(),
        l.bundle_id.clone(),
        text(&l.period_from),
        text(&l.period_to),
        text(&l.first_entry),
        text(&l.last_entry),
        text(&l.last_activity),
        l.entries.to_string(),
    ];
    row.extend(kinds.iter().map(|(kind, _)| {
        l.by_kind
            .iter()
            .find(|k| &k.kind == kind)
            .map_or(0, |k| k.count)
            .to_string()
    }));
    row.push(hours(l.revalidation.cpd_minutes));
    row.push(hours(l.revalidation.participatory_minutes));
    row.push(l.revalidation.feedback.to_string());
    row.push(l.revalidation.reflective_accounts.to_string());
    row.push(lessons(l));
    row.push(l.also_in.join("; "));
    row.push(String::new());
    for fw in &report.frameworks {
        let mine = l.coverage.iter().find(|c| c.framework_id == fw.id);
        row.extend((0..fw.elements.len()).map(|i| mine.map_or(0, |c| c.elements[i]).to_string()));
    }
    row
}

/// "North West CLF 1.2.0: 7 of 12; ..." or "not shared".
pub(super) fn lessons(l: &LearnerReport) -> String {
    match &l.learning {
        None => "not shared".to_owned(),
        Some(packs) if packs.is_empty() => "no packs installed".to_owned(),
        Some(packs) => packs
            .iter()
            .map(|p| {
                format!(
                    "{} {}: {} of {}",
                    p.title,
                    p.version,
                    p.completed.len(),
                    p.lessons_total
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// Minutes as hours with one decimal place.
pub(super) fn hours(minutes: u32) -> String {
    format!("{}.{}", minutes / 60, (minutes % 60) * 10 / 60)
}

fn line(out: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

fn cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("Sam Patel"), "Sam Patel", "plain text as it is");
        assert_eq!(cell("Patel, Sam"), "\"Patel, Sam\"", "a comma is quoted");
        assert_eq!(
            cell("say \"hi\""),
            "\"say \"\"hi\"\"\"",
            "quotes are doubled"
        );
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\"",
            "a formula is text once it starts with a quote mark"
        );
        assert_eq!(
            cell("@SUM(A1)"),
            "'@SUM(A1)",
            "every formula lead is defused"
        );
        assert_eq!(hours(90), "1.5", "minutes as hours");
        assert_eq!(hours(0), "0.0", "none");
    }
}
