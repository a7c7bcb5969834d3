//! A forgiving HTML tokenizer: tags (lowercased names, only `href` kept, and only for web and
//! mail links), text with character references decoded, comments and declarations skipped.
//! It never fails: broken markup becomes text or is dropped.

/// One piece of HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    Open(String),
    /// An `<a>` with a web or mail address.
    Link(String),
    Close(String),
    /// A void element (`<br>`, `<hr>`, `<img>`) or a self-closed tag.
    Empty(String),
    Text(String),
}

const VOID: [&str; 13] = [
    "br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track",
    "wbr",
];

/// Elements whose content is raw text: nothing inside is markup.
const RAW: [&str; 2] = ["script", "style"];

pub(super) fn tokens(html: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push(Token::Text(decode(rest)));
            break;
        };
        if lt > 0 {
            out.push(Token::Text(decode(&rest[..lt])));
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
        } else if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").unwrap_or(after.len());
            out.push(Token::Text(after[..end].to_owned()));
            rest = after.get(end + 3..).unwrap_or("");
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
        } else if let Some((token, after)) = tag(rest) {
            rest = after;
            if let Token::Open(name) = &token {
                if RAW.contains(&name.as_str()) {
                    let close = format!("</{name}");
                    let end = find_ignoring_case(rest, &close).unwrap_or(rest.len());
                    rest = &rest[end..];
                }
            }
            out.push(token);
        } else {
            // A '<' that starts no tag is text.
            out.push(Token::Text("<".to_owned()));
            rest = &rest[1..];
        }
    }
    out
}

/// Where `needle` (lowercase ASCII) starts in `haystack`, in any case, without copying the
/// haystack (a file of many `<script>` tags must not take quadratic time).
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len()) + 1)
        .filter(|&i| h[i] == n[0])
        .find(|&i| {
            h.get(i..i + n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
        })
}

/// Reads one tag at the start of `text` (which begins with '<').
fn tag(text: &str) -> Option<(Token, &str)> {
    let body = &text[1..];
    let closing = body.starts_with('/');
    let body = body.strip_prefix('/').unwrap_or(body);
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    if name_len == 0 || !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = body[..name_len].to_ascii_lowercase();
    let (attributes, rest) = until_tag_end(&body[name_len..])?;
    let token = if closing {
        Token::Close(name)
    } else if VOID.contains(&name.as_str()) || attributes.trim_end().ends_with('/') {
        Token::Empty(name)
    } else if name == "a" {
        match attribute(attributes, "href").filter(|h| is_safe_link(h)) {
            Some(href) => Token::Link(href),
            None => Token::Open(name),
        }
    } else {
        Token::Open(name)
    };
    Some((token, rest))
}

/// The attributes of a tag and what follows its '>', minding quoted values.
fn until_tag_end(text: &str) -> Option<(&str, &str)> {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some((&text[..i], &text[i + 1..])),
            _ => {}
        }
    }
    None
}

/// The decoded value of `name` among `attributes`.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let mut rest = attributes;
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphabetic()) {
        rest = &rest[start..];
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let key = rest[..end].to_ascii_lowercase();
        rest = rest[end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let close = inner.find(q).unwrap_or(inner.len());
                    (&inner[..close], inner.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let close = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            rest = next;
            Some(value)
        } else {
            None
        };
        if key == name {
            return value.map(decode);
        }
    }
    None
}

/// Only web and mail links are kept, written in full, with nothing that could end the
/// Markdown link early.
fn is_safe_link(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        && !href.contains(['<', '>', '\n', '\r', ' ', '"'])
}

/// Decodes character references: the common named ones and numeric ones; anything else is
/// left as written.
pub(super) fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|e| *e <= 12);
        let decoded = end.and_then(|e| reference(&rest[1..e]));
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "pound" => '£',
        "euro" => '€',
        "copy" => '©',
        "bull" => '•',
        _ => return None,
    })
}
