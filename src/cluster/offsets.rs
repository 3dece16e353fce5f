//! Which offsets of the work partitions may be committed: an item's offset only once all its
//! records are acknowledged, and a partition's commit never passes an unfinished item.

use std::collections::{BTreeMap, HashMap};

#[derive(Default)]
pub(super) struct Progress {
    partitions: HashMap<i32, PartitionProgress>,
    /// Item id → the (partition, offset) of its unfinished sightings.
    by_item: HashMap<String, Vec<(i32, i64)>>,
}

#[derive(Default)]
struct PartitionProgress {
    /// Unfinished offsets; true once the pipeline started the item.
    pending: BTreeMap<i64, bool>,
    /// One past the last offset received.
    next: i64,
    committed: i64,
}

impl PartitionProgress {
    /// The offset to commit: the first unfinished one, or past everything received.
    fn committable(&self) -> i64 {
        self.pending.keys().next().copied().unwrap_or(self.next)
    }
}

impl Progress {
    /// An item arrived from the work topic.
    pub(super) fn received(&mut self, item_id: &str, partition: i32, offset: i64) {
        let p = self.partitions.entry(partition).or_default();
        p.pending.insert(offset, false);
        p.next = offset + 1;
        self.by_item
            .entry(item_id.to_string())
            .or_default()
            .push((partition, offset));
    }

    /// A record that is no work (unreadable): passed over.
    pub(super) fn passed(&mut self, partition: i32, offset: i64) {
        self.partitions.entry(partition).or_default().next = offset + 1;
    }

    /// The pipeline started the item at this offset.
    pub(super) fn started(&mut self, partition: i32, offset: i64) {
        if let Some(started) = self
            .partitions
            .get_mut(&partition)
            .and_then(|p| p.pending.get_mut(&offset))
        {
            *started = true;
        }
    }

    /// Every sighting of the item is finished.
    pub(super) fn complete(&mut self, item_id: &str) {
        for (partition, offset) in self.by_item.remove(item_id).unwrap_or_default() {
            if let Some(p) = self.partitions.get_mut(&partition) {
                p.pending.remove(&offset);
            }
        }
    }

    /// Items started and not finished on these partitions.
    pub(super) fn unfinished(&self, partitions: &[i32]) -> usize {
        partitions
            .iter()
            .filter_map(|p| self.partitions.get(p))
            .map(|p| p.pending.values().filter(|started| **started).count())
            .sum()
    }

    /// Distinct items received and not finished.
    pub(super) fn items(&self) -> usize {
        self.by_item.len()
    }

    /// (partition, offset) of each partition (of `only`, if given) whose commit can move,
    /// marked as committed.
    pub(super) fn take_commits(&mut self, only: Option<&[i32]>) -> Vec<(i32, i64)> {
        let mut moved = Vec::new();
        for (partition, p) in self.partitions.iter_mut() {
            if only.is_some_and(|only| !only.contains(partition)) {
                continue;
            }
            let offset = p.committable();
            if offset > p.committed {
                moved.push((*partition, offset));
                p.committed = offset;
            }
        }
        moved.sort_unstable();
        moved
    }

    /// Partitions handed over: what was received of them is the next owner's.
    pub(super) fn drop_partitions(&mut self, partitions: &[i32]) {
        for p in partitions {
            self.partitions.remove(p);
        }
        self.by_item.retain(|_, sightings| {
            sightings.retain(|(p, _)| !partitions.contains(p));
            !sightings.is_empty()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commit_waits_for_the_first_unfinished_item_of_its_partition() {
        let mut progress = Progress::default();
        progress.received("a", 0, 10);
        progress.received("b", 0, 11);
        progress.received("c", 1, 5);
        // Up to the first unfinished item: where a next owner must start.
        assert_eq!(progress.take_commits(None), vec![(0, 10), (1, 5)]);
        // b finishes before a: nothing of partition 0 may be committed yet.
        progress.complete("b");
        progress.complete("c");
        assert_eq!(progress.take_commits(None), vec![(1, 6)]);
        progress.complete("a");
        assert_eq!(progress.take_commits(None), vec![(0, 12)]);
        // Nothing moved since: nothing to commit again.
        assert_eq!(progress.take_commits(None), vec![]);
        progress.passed(1, 6);
        assert_eq!(progress.take_commits(Some(&[0])), vec![]);
        assert_eq!(progress.take_commits(Some(&[1])), vec![(1, 7)]);
    }

    #[test]
    fn a_second_sighting_finishes_with_the_first_and_revocation_counts_started_items() {
        let mut progress = Progress::default();
        // The same article from two feeds: one item id, two offsets.
        progress.received("a", 2, 0);
        progress.received("x", 2, 1);
        progress.received("a", 2, 2);
        // The first unfinished item is at the partition's start: nothing to commit.
        assert_eq!(progress.take_commits(None), vec![]);
        progress.started(2, 0);
        assert_eq!(
            progress.unfinished(&[2]),
            1,
            "only started items hold a revocation"
        );
        assert_eq!(progress.items(), 2);
        progress.complete("a");
        assert_eq!(progress.unfinished(&[2]), 0);
        assert_eq!(
            progress.take_commits(None),
            vec![(2, 1)],
            "x at 1 is unfinished"
        );
        progress.drop_partitions(&[2]);
        assert_eq!(progress.items(), 0);
        assert_eq!(progress.take_commits(None), vec![]);
    }
}
