//! How deep rendered Markdown may nest. Deeper block quotes and lists are flattened (their
//! content kept, the extra levels dropped), and past [`MAX_ELEMENT_DEPTH`] every element is
//! reduced to its text, so the HTML the sanitiser parses is never deep: its tree builder
//! checks scopes along the open elements for every tag, which costs time in the square of
//! the depth. `pack check` refuses lessons that would be flattened (see `lint`).

use pulldown_cmark::{Event, Tag, TagEnd};

/// Block quotes and lists nested in one another at most; deeper levels are flattened when
/// rendering and refused by `pack check`. No lesson needs more than a handful.
pub const MAX_NESTING: usize = 32;

/// Elements of any kind (emphasis in emphasis, say) nested at most; deeper ones are reduced
/// to their text. Room for [`MAX_NESTING`] lists (a list and an item each) with a table or
/// emphasis inside.
pub const MAX_ELEMENT_DEPTH: usize = 3 * MAX_NESTING;

/// Whether an element opened when rendering was kept, and what it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opened {
    Kept,
    /// A block quote or list past [`MAX_NESTING`]: dropped, its content kept.
    FlattenedLevel,
    /// An item of a flattened list: dropped, and a line break ends it.
    FlattenedItem,
    /// Past [`MAX_ELEMENT_DEPTH`]: the element is dropped, its text kept.
    Dropped,
}

/// Follows the elements opened and closed while rendering one text.
#[derive(Debug, Default)]
pub(super) struct Nesting {
    opened: Vec<Opened>,
    /// Elements kept and open now.
    depth: usize,
    /// Block quotes and lists kept and open now.
    levels: usize,
}

/// Whether an element counts as a level of nesting.
pub(super) fn is_level(tag: &Tag<'_>) -> bool {
    matches!(tag, Tag::BlockQuote(_) | Tag::List(_))
}

impl Nesting {
    /// Elements kept and open: where raw HTML met now sits.
    pub(super) fn depth(&self) -> usize {
        self.depth
    }

    /// Block quotes and lists kept and open.
    pub(super) fn levels(&self) -> usize {
        self.levels
    }

    /// The event as it should be rendered, or `None` when it is dropped.
    pub(super) fn pass<'a>(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        match &event {
            Event::Start(tag) => {
                let opened = if self.depth >= MAX_ELEMENT_DEPTH {
                    Opened::Dropped
                } else if matches!(tag, Tag::Item)
                    && self.opened.last() == Some(&Opened::FlattenedLevel)
                {
                    Opened::FlattenedItem
                } else if is_level(tag) && self.levels >= MAX_NESTING {
                    Opened::FlattenedLevel
                } else {
                    Opened::Kept
                };
                self.opened.push(opened);
                if opened != Opened::Kept {
                    return None;
                }
                self.depth += 1;
                self.levels += usize::from(is_level(tag));
                Some(event)
            }
            Event::End(end) => match self.opened.pop() {
                Some(Opened::Kept) => {
                    self.depth = self.depth.saturating_sub(1);
                    if matches!(end, TagEnd::BlockQuote(_) | TagEnd::List(_)) {
                        self.levels = self.levels.saturating_sub(1);
                    }
                    Some(event)
                }
                Some(Opened::FlattenedItem) => Some(Event::SoftBreak),
                Some(Opened::FlattenedLevel | Opened::Dropped) | None => None,
            },
            _ => Some(event),
        }
    }
}
