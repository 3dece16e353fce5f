"""Dump what feedparser reads from feed files, one JSON line per file, for feed_parity.

    python3 -m venv /tmp/fp && /tmp/fp/bin/pip install feedparser
    /tmp/fp/bin/python tests/eval/feed_reference.py tests/fixtures/feeds > target/feed-reference.jsonl
    cargo run --release --example feed_parity -- target/feed-reference.jsonl

Arguments are files or directories (read recursively; `.expected.json` sidecars are skipped).
Relative links resolve against https://news.example/feeds/feed.xml, as in feed_parity.
"""

import json
import os
import sys

import feedparser

FEED_URL = "https://news.example/feeds/feed.xml"


def files(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in sorted(os.walk(path)):
                for name in sorted(names):
                    if not name.endswith(".expected.json"):
                        yield os.path.join(root, name)
        else:
            yield path


def main():
    for path in files(sys.argv[1:]):
        with open(path, "rb") as f:
            parsed = feedparser.parse(f.read(), response_headers={"content-location": FEED_URL})
        entries = [
            {"link": e.get("link"), "guid": e.get("id"), "title": e.get("title")}
            for e in parsed.entries
        ]
        print(json.dumps({"file": path, "entries": entries}, ensure_ascii=False))


if __name__ == "__main__":
    main()
