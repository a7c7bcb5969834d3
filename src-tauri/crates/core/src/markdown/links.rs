//! Addresses in lessons: bare web addresses made into links, and relative paths resolved
//! inside the pack (never outside it).

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

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
