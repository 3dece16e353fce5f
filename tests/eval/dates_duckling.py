#!/usr/bin/env python3
"""Duckling's reading of sentences, for the dates oracle example (tests/eval/dates_oracle.rs).

    python3 -m venv target/tools/duckling-venv
    target/tools/duckling-venv/bin/pip install pyduckling-native-phihos==0.3.0

Reads JSON lines {"lang": "de", "anchor": "2025-08-27", "text": "..."} on stdin and writes, per
line, a JSON list of Duckling's time entities: {"start", "end" (code points), "value", "grain"}.
The reference time is noon UTC of the anchor day.
"""

import datetime
import json
import sys

from duckling import (Context, default_locale_lang, load_time_zones, parse, parse_dimensions,
                      parse_lang, parse_ref_time)

ZONES = load_time_zones("/usr/share/zoneinfo")
DIMS = parse_dimensions(["time"])


def main():
    contexts = {}
    for line in sys.stdin:
        item = json.loads(line)
        anchor = datetime.datetime.fromisoformat(item["anchor"]).replace(
            hour=12, tzinfo=datetime.timezone.utc)
        key = (item["lang"], item["anchor"])
        if key not in contexts:
            ref = parse_ref_time(ZONES, "UTC", int(anchor.timestamp()))
            lang = parse_lang(item["lang"].upper())
            contexts[key] = Context(ref, default_locale_lang(lang))
        found = []
        for e in parse(item["text"], contexts[key], DIMS, False):
            value = e.get("value", {})
            if value.get("type") != "value":
                continue  # intervals: not compared
            found.append({"start": e["start"], "end": e["end"], "value": value["value"],
                          "grain": value["grain"]})
        print(json.dumps(found), flush=True)


if __name__ == "__main__":
    main()
