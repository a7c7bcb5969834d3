//! Addresses in lessons: bare web addresses made into links, and relative paths resolved
//! inside the pack (never outside it).

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// A web or mail address: the only links that leave the app (in the person's browser or
/// mail program). Plain `http://` is not one of them: anyone on the network can change what
/// it shows, so links to it are dropped like any other scheme.
pub fn is_web(target: &str) -> bool {
    OUTSIDE_SCHEMES
        .iter()
        .any(|s| starts_with_ignoring_case(target, s))
}

/// The schemes of links that leave the app.
const OUTSIDE_SCHEMES: [&str; 2] = ["https://", "mailto:"];

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The `mailto:` fields kept: who to write to and what to say. Anything else a link can ask a
/// mail program for (`attach=`, `cc=`, `bcc=`, headers) is dropped, so a lesson cannot make
/// the mail program attach a local file or copy someone in.
const MAILTO_FIELDS: [&str; 3] = ["to", "subject", "body"];

/// The link as it may be handed to the operating system, or `None` when it must not leave
/// the app: `https://` addresses as written, `mailto:` with only its address and its `to`,
/// `subject` and `body` fields, nothing with control characters, no other scheme.
pub fn outside_link(url: &str) -> Option<String> {
    if !is_web(url) || url.chars().any(char::is_control) {
        return None;
    }
    if !starts_with_ignoring_case(url, "mailto:") {
        return Some(url.to_owned());
    }
    let mail = &url["mailto:".len()..];
    let (to, query) = mail.split_once('?').unwrap_or((mail, ""));
    let fields: Vec<&str> = query
        .split('&')
        .filter(|field| {
            let name = field.split_once('=').map_or(*field, |(name, _)| name);
            MAILTO_FIELDS.iter().any(|f| name.eq_ignore_ascii_case(f))
        })
        .collect();
    Some(if fields.is_empty() {
        format!("mailto:{to}")
    } else {
        format!("mailto:{to}?{}", fields.join("&"))
    })
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

/// Turns bare `https://` addresses in text into links, as GitHub does: pack authors often
/// list sources as "Name: https://...". Trailing punctuation that usually ends the sentence
/// rather than the address is left outside the link. Bare `http://` addresses stay text, as
/// the sanitiser would drop such a link. One pass: each search starts where the last ended.
pub(super) fn autolink(text: CowStr<'_>) -> Vec<Event<'_>> {
    const WEB: &str = "https://";
    if !text.contains(WEB) {
        return vec![Event::Text(text)];
    }
    let mut events = Vec::new();
    let mut rest: &str = &text;
    while let Some(start) = rest.find(WEB) {
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
            .unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"']);
        if url.len() <= WEB.len() {
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
