#!/bin/sh
# Runs scripts/crosscheck.py and `java -jar JAR report` on each input folder and compares both
# tables. Usage: scripts/crosscheck_vs_jar.sh JAR [DIR...] (default: the crosscheck fixtures).
# Extra options for crosscheck.py go in CC_OPTS (e.g. CC_OPTS="--cost-users known").
# Exit 1 when any comparison finds a difference.
set -u
jar=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || set -- "$here"/crosscheck_fixtures/tiny "$here"/crosscheck_fixtures/deciles \
    "$here"/crosscheck_fixtures/ties "$here"/crosscheck_fixtures/edge
tmp=$(mktemp -d)
rc=0
for d in "$@"; do
    n=$(basename "$d")
    echo "== $d"
    python3 "$here/crosscheck.py" "$d" "$tmp/cc_$n" ${CC_OPTS:-} || { rc=1; continue; }
    java -jar "$jar" report "$d" --out "$tmp/j_$n" --formats csv --quiet || { echo "jar failed"; rc=1; continue; }
    for t in indicators inequalities; do
        python3 "$here/compare_indicators.py" "$tmp/cc_$n/$t.csv" "$tmp/j_$n/$t.csv" --max 20 | grep -v '^  ' \
            | grep -v '^notes' || true
        python3 "$here/compare_indicators.py" "$tmp/cc_$n/$t.csv" "$tmp/j_$n/$t.csv" >/dev/null || rc=1
    done
done
rm -rf "$tmp"
exit $rc
