//! Where a rated item sits in a framework for the cohort report: its domain (a top-level item)
//! and its element (the domain's child that holds it, or the domain itself in a framework of
//! one level). The heat map's columns are a framework's elements, in the framework's order.

use std::collections::HashMap;

use crate::bundle::BundleFramework;

/// A framework's domains and elements, and every item's place among them.
#[derive(Debug, Clone)]
pub(super) struct Placement {
    /// Item id to (domain index, element index).
    places: HashMap<String, (usize, usize)>,
    pub domains: Vec<(String, String)>,
    /// (id, title, domain index), in the framework's order.
    pub elements: Vec<(String, String, usize)>,
}

impl Placement {
    /// Items whose parent is missing or forms a loop are left unplaced rather than guessed:
    /// a verified bundle's framework has none, a scheme's file is checked when parsed.
    pub fn of(framework: &BundleFramework) -> Self {
        let parent: HashMap<&str, Option<&str>> = framework
            .items
            .iter()
            .map(|i| (i.id.as_str(), i.parent.as_deref()))
            .collect();
        let mut domains = Vec::new();
        let mut domain_at = HashMap::new();
        for item in framework.items.iter().filter(|i| i.parent.is_none()) {
            domain_at.insert(item.id.as_str(), domains.len());
            domains.push((item.id.clone(), item.title.clone()));
        }
        let has_children: std::collections::HashSet<&str> = framework
            .items
            .iter()
            .filter_map(|i| i.parent.as_deref())
            .collect();
        let mut elements = Vec::new();
        let mut element_at = HashMap::new();
        // Elements grouped by domain, each domain's in the framework's order.
        for (d, (domain_id, domain_title)) in domains.iter().enumerate() {
            if !has_children.contains(domain_id.as_str()) {
                element_at.insert(domain_id.as_str(), elements.len());
                elements.push((domain_id.clone(), domain_title.clone(), d));
                continue;
            }
            for item in framework
                .items
                .iter()
                .filter(|i| i.parent.as_deref() == Some(domain_id.as_str()))
            {
                element_at.insert(item.id.as_str(), elements.len());
                elements.push((item.id.clone(), item.title.clone(), d));
            }
        }
        let mut places = HashMap::with_capacity(framework.items.len());
        for item in &framework.items {
            // Walk up to the top, remembering the item just below it; bounded by the
            // number of items, so a loop ends.
            let mut below = item.id.as_str();
            let mut at = item.id.as_str();
            let mut steps = 0;
            while let Some(&Some(up)) = parent.get(at) {
                below = at;
                at = up;
                steps += 1;
                if steps > framework.items.len() {
                    break;
                }
            }
            let (Some(&d), Some(&e)) = (
                domain_at.get(at),
                element_at.get(below).or_else(|| element_at.get(at)),
            ) else {
                continue;
            };
            places.insert(item.id.clone(), (d, e));
        }
        Self {
            places,
            domains,
            elements,
        }
    }

    /// The (domain id, element id) of an item, if the framework has it.
    pub fn ids(&self, item_id: &str) -> Option<(String, String)> {
        let (d, e) = self.place(item_id)?;
        Some((self.domains[d].0.clone(), self.elements[e].0.clone()))
    }

    /// The (domain, element) indexes of an item, if the framework has it.
    pub fn place(&self, item_id: &str) -> Option<(usize, usize)> {
        self.places.get(item_id).copied()
    }
}
