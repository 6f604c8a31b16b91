#!/bin/sh
# check.sh: ours against Debian's multipath-tools 0.9.4 (the peer), through `multipath -t`.
#
#   tests/peer/check.sh builtin        the built-in defaults and hardware table, entry by entry
#                                      (both tools with an empty config file)
#   tests/peer/check.sh corpus [FILE...]  every real-world config (default: all of
#                                      tests/fixtures/config/realworld/*.conf): ours must accept
#                                      each (exit 0), and the effective settings of defaults,
#                                      overrides, blacklists, multipaths and each device entry the
#                                      file declares must equal the peer's
#
# Both dumps go through normalize.awk and compare.awk. A difference that is on purpose is listed in
# tests/peer/deliberate.txt (an awk regular expression matched against "FILE: DIFFERENCE", then
# " ::: " and the reason); any other difference, and any refusal, fails the check. Differences the
# corpus files share with the empty config are reported once, by `builtin`, not per file.
# Environment: MULTIPATH (ours, default build/multipath), PEER_MULTIPATH (default
# /usr/sbin/multipath), PEER_OUT (keep the dumps and diffs there).
set -u
here=$(dirname "$0")
OURS=${MULTIPATH:-build/multipath}
CORPUS=tests/fixtures/config/realworld
DELIB=$here/deliberate.txt
mode=${1:-}
[ $# -gt 0 ] && shift
case $mode in builtin|corpus) ;; *) sed -n '2,13s/^# \{0,1\}//p' "$0" >&2; exit 2 ;; esac
[ -x "$OURS" ] || { echo "peer: $OURS not built" >&2; exit 2; }

out=${PEER_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/peer.XXXXXX")}
mkdir -p "$out"
[ -n "${PEER_OUT:-}" ] || trap 'rm -rf "$out"' EXIT
: > "$out/empty.conf"

# dump TOOL CONF NAME: TOOL's -t of CONF normalized into $out/NAME.TOOL; its exit status
dump() {
	if [ "$1" = peer ]; then
		"$here/peer-t.sh" "$2" > "$out/$3.peer.t" 2> "$out/$3.peer.err"
	else
		"$OURS" --config "$2" -t > "$out/$3.ours.t" 2> "$out/$3.ours.err"
	fi
	rc=$?
	awk -f "$here/normalize.awk" "$out/$3.$1.t" > "$out/$3.$1"
	return $rc
}

# filter NAME: the differences in $out/NAME.diff not listed as deliberate -> $out/NAME.left
filter() {
	awk -v name="$1" -v delib="$DELIB" '
		FILENAME == delib { if ($0 !~ /^[ \t]*(#|$)/) { i = index($0, " ::: "); pat[++n] = i ? substr($0, 1, i - 1) : $0 }
			    next }
		{ line = name ": " $0; for (j = 1; j <= n; j++) if (line ~ pat[j]) { nd++; next }; print }
		END { print nd + 0 > "/dev/stderr" }' "$DELIB" "$out/$1.diff" > "$out/$1.left" 2> "$out/$1.ndelib"
}

fail=0
dump peer "$out/empty.conf" empty || { echo "peer: the peer's multipath -t failed:" >&2; cat "$out/empty.peer.err" >&2; exit 2; }
dump ours "$out/empty.conf" empty || { echo "peer: ours refuses an empty config:" >&2; cat "$out/empty.ours.err" >&2; exit 1; }
awk -f "$here/compare.awk" mode=builtin which=p "$out/empty.peer" which=o "$out/empty.ours" \
	| LC_ALL=C sort > "$out/empty.diff"

if [ "$mode" = builtin ]; then
	filter empty
	total=$(wc -l < "$out/empty.diff"); left=$(wc -l < "$out/empty.left")
	sed 's/^/peer: builtin: /' "$out/empty.left"
	np=$(awk -F '\t' '$1 == "device" { k[$2] } END { print length(k) }' "$out/empty.peer")
	no=$(awk -F '\t' '$1 == "device" { k[$2] } END { print length(k) }' "$out/empty.ours")
	echo "peer: built-in table and defaults: $np peer entries, $no ours;" \
		"$total differences, $(cat "$out/empty.ndelib") deliberate, $left not listed"
	[ "$left" -eq 0 ]
	exit
fi

[ $# -gt 0 ] || set -- "$CORPUS"/*.conf
files=0 refused=0 peer_refused=0 total=0 left=0 delib=0
for f in "$@"; do
	n=$(basename "$f" .conf)
	files=$((files + 1))
	dump peer "$f" "$n"; prc=$?
	if ! dump ours "$f" "$n"; then
		refused=$((refused + 1))
		echo "peer: REFUSED by ours: $f: $(head -n 1 "$out/$n.ours.err")"
	fi
	if [ $prc -ne 0 ]; then
		# The peer refuses it (e.g. an invalid regex): nothing to compare, ours must still accept.
		peer_refused=$((peer_refused + 1))
		echo "peer: refused by the peer (not compared): $f: $(grep -v '^$' "$out/$n.peer.err" | head -n 1)"
		continue
	fi
	[ -s "$out/$n.ours.t" ] || continue  # ours refused: no dump to compare
	awk -f "$here/compare.awk" mode=file which=pe "$out/empty.peer" which=p "$out/$n.peer" \
		which=o "$out/$n.ours" | LC_ALL=C sort | LC_ALL=C comm -23 - "$out/empty.diff" > "$out/$n.diff"
	filter "$n"
	total=$((total + $(wc -l < "$out/$n.diff")))
	delib=$((delib + $(cat "$out/$n.ndelib")))
	left=$((left + $(wc -l < "$out/$n.left")))
	sed "s|^|peer: $n: |" "$out/$n.left"
done
echo "peer: corpus: $files files, $refused refused by ours, $peer_refused refused by the peer;" \
	"$total differences, $delib deliberate, $left not listed"
[ "$refused" -eq 0 ] && [ "$left" -eq 0 ]
