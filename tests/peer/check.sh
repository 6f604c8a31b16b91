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
# Both dumps go through normalize.awk and compare.awk; each difference becomes a line
# "NAME: DIFFERENCE" (NAME: "empty" for builtin, else the corpus file without .conf; a refusal
# by ours is "NAME: REFUSED: first message"). A line matching a pattern of deliberate.txt is on
# purpose; one matching pending.txt is known and waits for the work named there. Any other line
# fails the check; a pending pattern that matches nothing any more is reported (remove it).
# Differences the corpus files share with the empty config are reported once, by `builtin`.
# Environment: MULTIPATH (ours, default build/multipath), PEER_MULTIPATH (default
# /usr/sbin/multipath), PEER_OUT (keep the dumps and diffs there).
set -u
here=$(dirname "$0")
OURS=${MULTIPATH:-build/multipath}
CORPUS=tests/fixtures/config/realworld
mode=${1:-}
[ $# -gt 0 ] && shift
case $mode in builtin|corpus) ;; *) sed -n '2,19s/^# \{0,1\}//p' "$0" >&2; exit 2 ;; esac
[ -x "$OURS" ] || { echo "peer: $OURS not built" >&2; exit 2; }

out=${PEER_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/peer.XXXXXX")}
mkdir -p "$out"
[ -n "${PEER_OUT:-}" ] || trap 'rm -rf "$out"' EXIT
: > "$out/empty.conf"
: > "$out/all.diff"

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

dump peer "$out/empty.conf" empty || { echo "peer: the peer's multipath -t failed:" >&2; cat "$out/empty.peer.err" >&2; exit 2; }
if ! dump ours "$out/empty.conf" empty; then
	echo "empty: REFUSED: $(head -n 1 "$out/empty.ours.err")" >> "$out/all.diff"
fi
awk -f "$here/compare.awk" mode=builtin which=p "$out/empty.peer" which=o "$out/empty.ours" \
	| LC_ALL=C sort > "$out/empty.diff"

files=0 refused=0 peer_refused=0 full=1
if [ "$mode" = builtin ]; then
	sed 's/^/empty: /' "$out/empty.diff" >> "$out/all.diff"
	count() { awk -F '\t' '$1 == "device" { k[$2] } END { print length(k) }' "$1"; }
	summary="built-in table and defaults: $(count "$out/empty.peer") peer entries, $(count "$out/empty.ours") ours"
else
	[ $# -gt 0 ] && full=0 || set -- "$CORPUS"/*.conf
	for f in "$@"; do
		n=$(basename "$f" .conf)
		files=$((files + 1))
		dump peer "$f" "$n"; prc=$?
		if ! dump ours "$f" "$n"; then
			refused=$((refused + 1))
			echo "$n: REFUSED: $(head -n 1 "$out/$n.ours.err")" >> "$out/all.diff"
		fi
		if [ $prc -ne 0 ]; then
			# The peer refuses it (e.g. an invalid regex): nothing to compare; ours must accept.
			peer_refused=$((peer_refused + 1))
			echo "peer: $n: refused by the peer, not compared: $(grep -v '^$' "$out/$n.peer.err" | head -n 1)"
			continue
		fi
		[ -s "$out/$n.ours.t" ] || continue  # ours refused: no dump to compare
		awk -f "$here/compare.awk" mode=file which=pe "$out/empty.peer" which=p "$out/$n.peer" \
			which=o "$out/$n.ours" | LC_ALL=C sort | LC_ALL=C comm -23 - "$out/empty.diff" \
			| sed "s|^|$n: |" >> "$out/all.diff"
	done
	summary="corpus: $files files, $refused refused by ours, $peer_refused refused by the peer"
fi

# Classify every line: deliberate, pending, or not listed (printed). Stale pending patterns noted.
awk -v delib="$here/deliberate.txt" -v pend="$here/pending.txt" -v summary="$summary" \
	-v mode="$mode" -v full="$full" '
	function load(file, kind,   l, i) {
		while ((getline l < file) > 0) {
			if (l ~ /^[ \t]*(#|$)/) continue
			i = index(l, " ::: ")
			np++; pat[np] = i ? substr(l, 1, i - 1) : l; kindof[np] = kind
		}
		close(file)
	}
	BEGIN { load(delib, "deliberate"); load(pend, "pending") }
	{
		total++
		for (j = 1; j <= np; j++)
			if ($0 ~ pat[j]) { used[j]++; cnt[kindof[j]]++; next }
		left++
		print "peer: " $0
	}
	END {
		for (j = 1; j <= np; j++)
			if (kindof[j] == "pending" && !used[j] && full && \
			    ((mode == "builtin") == (pat[j] ~ /^\^empty:/)))
				print "peer: pending.txt pattern matches nothing any more (remove it): " pat[j]
		printf "peer: %s; %d differences and refusals: %d deliberate, %d pending, %d not listed\n",
			summary, total, cnt["deliberate"], cnt["pending"], left
		exit left > 0
	}' "$out/all.diff"
