#!/bin/sh
# Seeds the fuzz corpora from the bundled samples: every sample as it is for
# detect_and_parse, and each sample behind every format byte for every_format.
set -eu
cd "$(dirname "$0")"
mkdir -p corpus/detect_and_parse corpus/every_format
# The target takes the first byte modulo the number of formats: 32 covers them all.
formats=32
find ../assets/samples -type f \( -name '*.csv' -o -name '*.json' \) | while read -r f; do
    base=$(echo "$f" | tr '/ ' '__')
    cp "$f" "corpus/detect_and_parse/$base"
    i=0
    while [ "$i" -lt "$formats" ]; do
        { printf "\\$(printf '%03o' "$i")"; cat "$f"; } > "corpus/every_format/${i}_$base"
        i=$((i + 1))
    done
done
echo "seeded $(ls corpus/detect_and_parse | wc -l) files"
