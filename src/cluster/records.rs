//! What the feeds topic holds: one record kind per key prefix, so compaction keeps the latest
//! of each feed's state, each finished item and each instance's restore marker.

use serde::{Deserialize, Serialize};

use crate::state::FeedState;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterRecord {
    /// Key `feed:<feed id>`: the feed's validators, schedule and health after its last poll.
    Feed(FeedState),
    /// Key `done:<item id>`: every record of the item was acknowledged.
    Done { feed: String },
    /// Key `marker:<instance>`: written by a new owner; reading it back means the partition's
    /// earlier records have all been read.
    Marker { nonce: u64 },
}

impl ClusterRecord {
    /// The record's key for `id` (a feed id, an item id or an instance name).
    pub fn key(&self, id: &str) -> String {
        let kind = match self {
            ClusterRecord::Feed(_) => "feed",
            ClusterRecord::Done { .. } => "done",
            ClusterRecord::Marker { .. } => "marker",
        };
        format!("{kind}:{id}")
    }

    /// The id part of a key.
    pub fn id_of(key: &str) -> &str {
        key.split_once(':').map_or(key, |(_, id)| id)
    }
}

/// The partition of the feeds topic a feed belongs to: FNV-1a of its id, so every instance,
/// whatever its build or platform, maps a feed to the same partition.
pub fn partition_of(feed_id: &str, partitions: u32) -> i32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in feed_id.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash % u64::from(partitions.max(1))) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_spread_over_every_partition_and_always_land_in_the_same_one() {
        let partitions = 8;
        let mut counts = vec![0; partitions as usize];
        for i in 0..800 {
            let feed = format!("feed-{i}");
            let p = partition_of(&feed, partitions);
            assert_eq!(p, partition_of(&feed, partitions));
            counts[p as usize] += 1;
        }
        // Each partition gets a fair share (100 expected), none empty or hoarding.
        assert!(
            counts.iter().all(|&c| (50..=150).contains(&c)),
            "{counts:?}"
        );
        // The published FNV-1a value of "a" pins the hash: instances of other builds agree.
        assert_eq!(
            partition_of("a", 1_000_000),
            (0xaf63_dc4c_8601_ec8c_u64 % 1_000_000) as i32
        );
    }

    #[test]
    fn records_round_trip_with_their_keys() {
        let done = ClusterRecord::Done { feed: "f".into() };
        assert_eq!(done.key("item-1"), "done:item-1");
        assert_eq!(ClusterRecord::id_of("feed:a:b"), "a:b");
        let json = serde_json::to_vec(&done).expect("json");
        assert_eq!(
            serde_json::from_slice::<ClusterRecord>(&json).expect("back"),
            done
        );
        let feed = ClusterRecord::Feed(FeedState {
            consecutive_errors: 2,
            ..FeedState::default()
        });
        let json = serde_json::to_vec(&feed).expect("json");
        assert_eq!(
            serde_json::from_slice::<ClusterRecord>(&json).expect("back"),
            feed
        );
    }
}
