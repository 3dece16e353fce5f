"""Body text of trafilatura 2.3.1 (Python) for the pages of an evaluation set, as a reference.

    cargo run --release --example evaluate -- zyte --list-pages \
        | target/tools/trafilatura-venv/bin/python tests/eval/trafilatura_reference.py \
        > target/trafilatura-zyte.jsonl
    cargo run --release --example evaluate -- zyte --reference target/trafilatura-zyte.jsonl

Reads the page list (JSON lines: id, url, html_path of the gzip-compressed page) on stdin and
writes one JSON line per page: id and the body text (plain text, default settings; empty when
trafilatura finds none). The venv: `python3 -m venv target/tools/trafilatura-venv` then
`target/tools/trafilatura-venv/bin/pip install -r tests/eval/trafilatura-requirements.txt`.
"""

import gzip
import json
import sys

import trafilatura


def main() -> None:
    for line in sys.stdin:
        page = json.loads(line)
        with gzip.open(page["html_path"], "rb") as file:
            html = file.read()
        text = trafilatura.extract(html, url=page["url"], output_format="txt") or ""
        print(json.dumps({"id": page["id"], "text": text}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
