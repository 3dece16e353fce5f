# Dump Python's view of every code point through razdel's own compiled
# regexes and str methods, run-length encoded:
#   <first cp hex> <atom> <tok> <space> <alpha> <digit> <lower> <upper> <lowered>
# Used by the ignored test `chars::tests::python_classification_parity`.
import importlib
import sys

tok = importlib.import_module('razdel.segmenters.tokenize')
sent = importlib.import_module('razdel.segmenters.sentenize')
import re

WND = re.compile(r'[^\W\d]')
D = re.compile(r'\d')
NWS = re.compile(r'[^\w\s]')
ALPHABET = set('abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя§')

prev = None
out = []
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF:
        continue
    c = chr(cp)
    m = tok.ATOM.fullmatch(c)
    atom = m.lastgroup if m else 'SPACE'
    # Runs: a 2-char string of the same char must stay one atom for runs.
    if atom in ('RU', 'LAT', 'INT'):
        assert tok.ATOM.fullmatch(c + c)
    t = 'W' if WND.fullmatch(c) else 'D' if D.fullmatch(c) else 'P' if NWS.fullmatch(c) else 'S'
    assert (sent.FIRST_TOKEN.match(c) is None) == (t == 'S')
    space = int(bool(sent.SPACE_PREFIX.match(c)))
    low = c.lower()
    lowered = low if len(low) == 1 and low in ALPHABET else '-'
    row = (atom, t, space, int(c.isalpha()), int(c.isdigit()), int(c.islower()), int(c.isupper()), lowered)
    if row != prev:
        out.append('%x %s %s %d %d %d %d %d %s' % ((cp,) + row))
        prev = row
sys.stdout.write('\n'.join(out) + '\n')
