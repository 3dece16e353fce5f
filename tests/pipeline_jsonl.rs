//! The pipeline with the embedded default sink (JSON Lines files).

mod scenarios;
mod support;

use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_item_exactly_once_to_json_lines() {
    scenarios::exactly_once(SinkUnderTest::Jsonl).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_items_reach_the_dead_letter_file() {
    scenarios::dead_letters(SinkUnderTest::Jsonl).await;
}
