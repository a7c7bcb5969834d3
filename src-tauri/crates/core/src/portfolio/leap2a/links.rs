//! What a file link in a feed points at: a file inside the archive (a safe relative path,
//! percent-decoded as Mahara writes them), a web address (never fetched), or a path that
//! would leave the archive (refused, with the whole import).

/// Where a link (an enclosure `href` or a content `src`) points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    /// A path inside the archive, relative to the feed, `/`-separated.
    Inside(String),
    /// A web address or another scheme: never fetched.
    Remote,
    /// A path that leaves the archive: absolute, a drive letter, `..`, a backslash.
    Escapes(&'static str),
}

/// Classifies `href`. Schemes of one letter are Windows drive letters, not addresses.
pub(super) fn target(href: &str) -> Target {
    let decoded = percent_decoded(href.trim());
    let path = decoded.as_str();
    if path.contains('\\') {
        return Target::Escapes("holds a backslash (a Windows path)");
    }
    if let Some((scheme, _)) = path.split_once(':') {
        let is_scheme = !scheme.is_empty()
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme && scheme.len() == 1 {
            return Target::Escapes("is an absolute path with a drive letter");
        }
        if is_scheme && scheme.eq_ignore_ascii_case("file") {
            return Target::Escapes("is a file: address on the computer that made it");
        }
        if is_scheme {
            return Target::Remote;
        }
        return Target::Escapes("holds a `:`, which no file in an archive has");
    }
    if path.starts_with('/') {
        return Target::Escapes("is an absolute path");
    }
    let parts: Vec<&str> = path.split('/').collect();
    if parts.contains(&"..") {
        return Target::Escapes("leaves the archive's folder (`..`)");
    }
    if path.chars().any(char::is_control) {
        return Target::Escapes("holds control characters");
    }
    let kept: Vec<&str> = parts
        .into_iter()
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if kept.is_empty() {
        return Target::Escapes("names no file");
    }
    Target::Inside(kept.join("/"))
}

/// `%XX` sequences decoded as UTF-8 (Mahara urldecodes its links); a malformed sequence is
/// kept as written.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_inside_and_decoded() {
        assert_eq!(
            target("export_info/files/12-ward%20budget.pdf"),
            Target::Inside("export_info/files/12-ward budget.pdf".into())
        );
        assert_eq!(
            target("./files/a.txt"),
            Target::Inside("files/a.txt".into())
        );
    }

    #[test]
    fn addresses_are_remote_and_escapes_are_named() {
        assert_eq!(target("https://example.org/a.pdf"), Target::Remote);
        assert_eq!(target("portfolio:artefact12"), Target::Remote);
        for hostile in [
            "../secret.txt",
            "files/../../etc/passwd",
            "%2e%2e/escape.txt",
            "/etc/passwd",
            "C:\\Windows\\win.ini",
            "C:/Windows/win.ini",
            "file:///etc/passwd",
            "files\\a.txt",
        ] {
            assert!(
                matches!(target(hostile), Target::Escapes(_)),
                "{hostile} must be refused"
            );
        }
    }
}
