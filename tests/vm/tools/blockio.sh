#!/bin/sh
# blockio (VM tool, busybox sh): numbered, self-describing 4 KiB blocks written with O_DIRECT,
# one write at a time, every write logged; then every block checked against the log.
#
#   blockio fill   DEV NBLK LOG          write generation 0 of blocks 0..NBLK-1 (one dd), log them
#   blockio write  DEV NBLK LOG STOPFILE  generations 1, 2, ...: each block in turn, one O_DIRECT
#                                         dd per block, until STOPFILE exists (the current write
#                                         finishes first); run it in the background
#   blockio verify DEV NBLK LOG          read DEV (O_DIRECT) and check every block; exit 0 iff none
#                                         is corrupt; prints "blocks N ok N stale N corrupt N"
#   blockio errors LOG                   the failed writes: "block gen start end" (uptime seconds)
#
# A block of generation G is 128 lines of 32 bytes: "blk BBBBBB gen GGGGGG ln LLL ##\n", so any
# misplaced, torn, stale or zeroed sector shows. The log has one line per write,
# "block gen rc start end" (start/end from /proc/uptime, 10 ms resolution; rc is dd's status).
# What a block may hold: the generation of its last acknowledged write, or of a write after it
# that failed (a failed write may or may not have reached the disk). Anything else is corrupt:
# an acknowledged write that was lost, a block of another index, mixed generations.
BS=4096
LINES_PER_BLOCK=128

# pattern GEN NBLK: generation GEN of every block, on stdout.
pattern() {
	awk -v g="$1" -v n="$2" -v l="$LINES_PER_BLOCK" 'BEGIN {
		for (b = 0; b < n; b++)
			for (i = 0; i < l; i++)
				printf "blk %06d gen %06d ln %03d ##\n", b, g, i
	}'
}

now() { read -r _t _ < /proc/uptime; echo "$_t"; }

cmd_fill() {
	dev=$1 n=$2 log=$3
	pattern 0 "$n" > /tmp/blockio.pat0
	t0=$(now)
	dd if=/tmp/blockio.pat0 of="$dev" bs=$BS count="$n" oflag=direct conv=notrunc status=none
	rc=$?
	t1=$(now)
	rm -f /tmp/blockio.pat0
	awk -v n="$n" -v rc=$rc -v t0="$t0" -v t1="$t1" \
		'BEGIN { for (b = 0; b < n; b++) print b, 0, rc, t0, t1 }' >> "$log"
	return $rc
}

cmd_write() {
	dev=$1 n=$2 log=$3 stop=$4
	exec 3>>"$log"
	g=1
	while [ ! -e "$stop" ]; do
		pattern $g "$n" > /tmp/blockio.pat
		b=0
		while [ $b -lt "$n" ] && [ ! -e "$stop" ]; do
			read -r t0 _ < /proc/uptime
			dd if=/tmp/blockio.pat of="$dev" bs=$BS count=1 skip=$b seek=$b \
				oflag=direct conv=notrunc status=none 2>>"$log.err"
			rc=$?
			read -r t1 _ < /proc/uptime
			echo "$b $g $rc $t0 $t1" >&3
			b=$((b + 1))
		done
		g=$((g + 1))
	done
	exec 3>&-
}

cmd_verify() {
	dev=$1 n=$2 log=$3
	# Cut the data into 32-byte records whatever it holds (a zeroed sector, a stray newline):
	# NUL and newline become '@', then fold makes each record a line.
	dd if="$dev" bs=$BS count="$n" iflag=direct status=none | tr '\000\n' '@@' | fold -w 32 |
	awk -v n="$n" -v l="$LINES_PER_BLOCK" '
		# the log: what each block may hold
		FNR == NR {
			if ($3 == 0) { ok[$1] = $2; late[$1] = "" } else late[$1] = late[$1] " " $2 " "
			next
		}
		{
			k = FNR - 1; b = int(k / l); i = k % l
			if (b >= n) { extra++; next }
			g = $4
			if ($0 != sprintf("blk %06d gen %06d ln %03d ##@", b, g, i)) bad[b] = 1
			else if (i == 0) gen[b] = g
			else if (gen[b] != g) bad[b] = 1
		}
		END {
			for (b = 0; b < n; b++) {
				if (!(b in ok)) { why = "never acknowledged" }
				else if (b in bad || !(b in gen)) { why = "not a whole block of one generation" }
				else if (gen[b] + 0 == ok[b] + 0) { good++; continue }
				else if (index(late[b], " " (gen[b] + 0) " ")) { stale++; continue }
				else why = sprintf("holds generation %d, last acknowledged %d", gen[b], ok[b])
				corrupt++
				if (corrupt <= 10) printf "corrupt block %d: %s\n", b, why
			}
			if (FNR != n * l) { printf "read %d lines, want %d\n", FNR, n * l; corrupt++ }
			printf "blocks %d ok %d stale %d corrupt %d\n", n, good, stale, corrupt
			exit corrupt > 0
		}' "$log" -
}

cmd_errors() {
	awk '$3 != 0 { print $1, $2, $4, $5 }' "$1"
}

case $1 in
fill) shift; cmd_fill "$@" ;;
write) shift; cmd_write "$@" ;;
verify) shift; cmd_verify "$@" ;;
errors) shift; cmd_errors "$@" ;;
*) echo "usage: blockio fill|write|verify DEV NBLK LOG [STOPFILE] | blockio errors LOG" >&2; exit 1 ;;
esac
