//! The learning summary a bundle carries when the learner shares it: every installed pack with
//! its lessons completed, read in one transaction so the counts agree with the lessons listed.

use std::collections::HashMap;

use super::super::{Result, Store};
use crate::bundle::{BundleCompletedLesson, BundleLearningPack};

impl Store {
    /// Every installed pack in the learner's order, with how many current lessons it has and
    /// the ones completed (in the pack's order). Lessons a newer version archived are left
    /// out: the summary describes the pack as the learner has it now.
    pub fn learning_summary(&self) -> Result<Vec<BundleLearningPack>> {
        let conn = self.reader();
        let tx = conn.unchecked_transaction()?;
        let mut packs: Vec<BundleLearningPack> = tx
            .prepare(
                "SELECT p.id, p.title, p.version, p.publisher,
                        (SELECT count(*) FROM lessons l WHERE l.pack_id = p.id AND l.archived = 0)
                 FROM packs p ORDER BY p.position, p.id",
            )?
            .query_map([], |r| {
                Ok(BundleLearningPack {
                    pack_id: r.get(0)?,
                    title: r.get(1)?,
                    version: r.get(2)?,
                    publisher: r.get(3)?,
                    lessons_total: r.get(4)?,
                    completed: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let at: HashMap<String, usize> = packs
            .iter()
            .enumerate()
            .map(|(i, p)| (p.pack_id.clone(), i))
            .collect();
        let mut completed = tx.prepare(
            "SELECT l.pack_id, l.id, l.title, g.completed_at
             FROM lessons l
             JOIN lesson_progress g ON g.pack_id = l.pack_id AND g.lesson_id = l.id
             JOIN modules m ON m.pack_id = l.pack_id AND m.id = l.module_id
             WHERE l.archived = 0 AND g.completed_at IS NOT NULL
             ORDER BY l.pack_id, m.position, l.position",
        )?;
        let rows = completed.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                BundleCompletedLesson {
                    lesson_id: r.get(1)?,
                    title: r.get(2)?,
                    completed_at: r.get(3)?,
                },
            ))
        })?;
        for row in rows {
            let (pack_id, lesson) = row?;
            if let Some(&i) = at.get(&pack_id) {
                packs[i].completed.push(lesson);
            }
        }
        drop(completed);
        tx.commit()?;
        Ok(packs)
    }
}
