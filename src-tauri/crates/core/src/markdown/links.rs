//! Addresses in lessons: bare web addresses made into links, and relative paths resolved
//! inside the pack (never outside it).

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// The URL scheme under which the app serves a pack's own images.
pub const ASSET_SCHEME: &str = "w2b-pack";

/// A web or mail address: the only links that leave the app (in the person's browser or
/// mail program).
pub fn is_web(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

/// Resolves `target` (as written in the lesson at `lesson_path`) to a path in the pack.
/// `None` for anything that is not a plain relative path or that would leave the pack.
pub fn resolve_relative(lesson_path: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or_default();
    if target.is_empty() || target.starts_with('/') || target.contains(':') || target.contains('\\')
    {
        return None;
    }
    let mut parts: Vec<&str> = lesson_path.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The address of a pack file served by the app: each path segment percent-encoded.
pub fn asset_url(pack_id: &str, path: &str) -> String {
    let encoded: Vec<String> = path
        .split('/')
        .map(|segment| {
            segment
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect()
        })
        .collect();
    format!("{ASSET_SCHEME}://localhost/{pack_id}/{}", encoded.join("/"))
}

/// The pack id and file path an asset URL's path (`/pack/dir/file%201.png`) names, decoded.
/// `None` for anything [`asset_url`] could not have made.
pub fn parse_asset_path(url_path: &str) -> Option<(String, String)> {
    let (pack_id, rest) = url_path.strip_prefix('/')?.split_once('/')?;
    let mut bytes = Vec::with_capacity(rest.len());
    let mut input = rest.bytes();
    while let Some(b) = input.next() {
        if b == b'%' {
            let hex = [input.next()?, input.next()?];
            bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    let safe = !pack_id.is_empty()
        && !path.is_empty()
        && path
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != "..");
    safe.then(|| (pack_id.to_owned(), path))
}

/// Turns bare `https://` and `http://` addresses in text into links, as GitHub does: pack
/// authors often list sources as "Name: https://...". Trailing punctuation that usually ends
/// the sentence rather than the address is left outside the link.
pub(super) fn autolink(text: CowStr<'_>) -> Vec<Event<'_>> {
    let mut events = Vec::new();
    let mut rest: &str = &text;
    while let Some(start) = rest
        .find("https://")
        .into_iter()
        .chain(rest.find("http://"))
        .min()
    {
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
            .unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"']);
        if url.len() <= "https://".len() {
            events.push(Event::Text(CowStr::from(rest[..start + end].to_owned())));
            rest = &rest[start + end..];
            continue;
        }
        if start > 0 {
            events.push(Event::Text(CowStr::from(rest[..start].to_owned())));
        }
        let url = CowStr::from(url.to_owned());
        events.push(Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: url.clone(),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        events.push(Event::Text(url.clone()));
        events.push(Event::End(TagEnd::Link));
        rest = &rest[start + url.len()..];
    }
    if !rest.is_empty() {
        events.push(Event::Text(CowStr::from(rest.to_owned())));
    }
    events
}
