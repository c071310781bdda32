#!/bin/sh
# Runs scripts/crosscheck.py and `java -jar JAR report` on each input folder, compares both tables
# (scripts/compare_indicators.py: rows hidden by jsna's audit are accepted and counted on one line)
# and checks that jsna's indicators.csv is closed under the disclosure rules (crosscheck.py
# --closure-of). Usage:
#   scripts/crosscheck_vs_jar.sh JAR [--period fiscal-year|calendar-year] [DIR...]
# (default DIRs: the crosscheck fixtures). Extra options for crosscheck.py go in CC_OPTS
# (e.g. CC_OPTS="--reps 20000"). Exit 1 when any run fails or any comparison finds a difference.
set -u
[ $# -ge 1 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
jar=$1; shift
period=fiscal-year
if [ "${1:-}" = "--period" ]; then period=$2; shift 2; fi
here=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || set -- "$here"/crosscheck_fixtures/tiny "$here"/crosscheck_fixtures/deciles \
    "$here"/crosscheck_fixtures/ties "$here"/crosscheck_fixtures/rules "$here"/crosscheck_fixtures/edge \
    "$here"/crosscheck_fixtures/years
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rc=0
for d in "$@"; do
    n=$(basename "$d")
    echo "== $d ($period)"
    java -jar "$jar" report "$d" --out "$tmp/j_$n" --formats csv --period "$period" --quiet \
        || { echo "jar failed"; rc=1; continue; }
    # shellcheck disable=SC2086
    python3 "$here/crosscheck.py" "$d" "$tmp/cc_$n" --period "$period" ${CC_OPTS:-} \
        --closure-of "$tmp/j_$n/indicators.csv" || rc=1
    for t in indicators inequalities; do
        python3 "$here/compare_indicators.py" "$tmp/cc_$n/$t.csv" "$tmp/j_$n/$t.csv" --max 20 || rc=1
    done
done
exit $rc
