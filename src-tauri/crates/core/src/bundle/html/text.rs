//! Words and safe text for the HTML view: escaping, link targets, dates, times, sizes and the
//! labels of stored codes.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate};

use crate::portfolio::code_themes;

/// Escapes text for HTML element content and quoted attribute values alike.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// Percent-encodes everything but unreserved URL characters (and `/` when asked), so a name
/// can never become a scheme, a query or a fragment.
fn percent_encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'_' | b'.' | b'~')
            || (keep_slash && byte == b'/');
        if keep {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The element id of an entry's article.
pub(crate) fn entry_id(uid: &str) -> String {
    format!("entry-{}", percent_encode(uid, false))
}

/// The relative link to an attachment inside the unzipped bundle, or `None` when the path is
/// not a plain path under `attachments/` (such a link could point anywhere).
pub(crate) fn attachment_href(path: &str) -> Option<String> {
    let rest = path.strip_prefix(super::super::ATTACHMENTS_DIR)?;
    let plain = !rest.is_empty()
        && rest
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && !rest.contains('\\');
    plain.then(|| percent_encode(path, true))
}

/// "15 March 2026" from a YYYY-MM-DD date; other text as it is.
pub(crate) fn date_in_words(date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_or_else(|_| date.to_owned(), |d| d.format("%-d %B %Y").to_string())
}

/// "17 March 2026 at 09:30 UTC" from an RFC 3339 instant; other text as it is. The bundle is
/// read in any time zone, so the instant stays in UTC and says so.
pub(crate) fn instant_in_words(instant: &str) -> String {
    DateTime::parse_from_rfc3339(instant).map_or_else(
        |_| instant.to_owned(),
        |t| t.naive_utc().format("%-d %B %Y at %H:%M UTC").to_string(),
    )
}

/// "1 hour 5 minutes", "40 minutes", "0 minutes".
pub(crate) fn duration(minutes: u32) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    let mut parts = Vec::new();
    if hours > 0 {
        parts.push(count(hours, "hour", "hours"));
    }
    if rest > 0 || hours == 0 {
        parts.push(count(rest, "minute", "minutes"));
    }
    parts.join(" ")
}

/// "1 entry", "3 entries".
pub(crate) fn count(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "840 KB", "2.5 MB"; the exact byte count goes beside it where it matters.
pub(crate) fn file_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes < MB {
        format!("{} KB", (bytes.div_ceil(1024)).max(1))
    } else {
        // Tenths of a megabyte, rounded, without floating point.
        let tenths = (bytes * 10 + MB / 2) / MB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// Whole percent of `part` in `whole`, 0 when there is no whole, never above 100.
pub(crate) fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        return 0;
    }
    let p = u64::from(part.min(whole)) * 100 / u64::from(whole);
    u32::try_from(p).unwrap_or(100)
}

pub(crate) fn goal_status(status: &str) -> &str {
    match status {
        "not_started" => "Not started",
        "in_progress" => "In progress",
        "achieved" => "Achieved",
        "dropped" => "Dropped",
        other => other,
    }
}

pub(crate) fn feedback_source(source: &str) -> &str {
    match source {
        "colleague" => "A colleague",
        "patient" => "A patient",
        "compliment_or_complaint" => "A compliment or complaint",
        "other" => "Somewhere else",
        other => other,
    }
}

/// An NMC Code theme's title from its id; a title already, as it is.
pub(crate) fn code_theme(theme: &str) -> &str {
    code_themes()
        .iter()
        .find(|(id, _)| *id == theme)
        .map_or(theme, |(_, title)| title)
}

/// What a file is, in words where the type is a common one.
pub(crate) fn file_kind(media_type: &str) -> &str {
    match media_type {
        "application/pdf" => "PDF document",
        "image/png" => "PNG picture",
        "image/jpeg" => "JPEG picture",
        "image/gif" => "GIF picture",
        "image/webp" => "WebP picture",
        "text/plain" | "text/markdown" => "Text file",
        "text/csv" => "Spreadsheet (CSV)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/msword" => "Word document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/vnd.ms-excel" => "Excel spreadsheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            "PowerPoint presentation"
        }
        "application/vnd.oasis.opendocument.text" => "OpenDocument text",
        other => other,
    }
}
