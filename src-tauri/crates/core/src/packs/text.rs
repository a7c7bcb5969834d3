//! Reading text that people write by hand: UTF-8 with an optional byte order mark and
//! Windows line endings, and TOML whose errors point at the line in the author's file.

use serde::de::DeserializeOwned;

use super::problem::{line_col, Problem};

/// Drops a UTF-8 byte order mark and turns CRLF into LF, as Windows editors write them.
pub(crate) fn normalise(text: &str) -> String {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
}

/// Parses TOML whose first line is line `first_line + 1` of `path`, so problems carry the
/// author's line and column; `hint` says where the format is documented.
pub(crate) fn toml_at<T: DeserializeOwned>(
    path: &str,
    toml_text: &str,
    first_line: usize,
    hint: &str,
) -> Result<T, Problem> {
    toml::from_str(toml_text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(toml_text, s.start));
        // The parser and the deserializer each stop at their own depth, with terse words.
        let message = e.message().trim();
        let message = if message.contains("recursion") {
            "tables or arrays are nested deeper than the TOML reader allows (a few dozen levels)"
        } else {
            message
        };
        Problem::in_file(path, message, hint).at(line + first_line, column)
    })
}
