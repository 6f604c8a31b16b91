#!/bin/sh
# flush_queued: multipath -f/-F and kpartx -d never remove a map that is in use — held open by a
# process, with a partition map open, or with writes queued on it while no path is usable
# (no_path_retry queue): each says why, exits 2, removes nothing, and does not hang on the queued
# I/O, which is neither failed nor lost. Queued I/O that no process waits for (write-back of a
# buffered write, the map held only by its partition maps) must be refused the same way, within
# seconds. When the paths return, the re-run reinstates them, the held writes complete and their
# data is on the LU (read back through each path); only then do kpartx -d and -f remove the maps.
# (Mounted maps and partitions: scenarios flush and kpartx.)
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=1 dev_size_mb=16
. /lib/vmtest.sh
need_multipath
if [ "$(command -v kpartx)" != /usr/local/sbin/kpartx ]; then
	fail "kpartx binary" "not in the VM: build/kpartx was not built (make all)"
	end_scenario
fi
check "2 sd paths appear" wait_for_devs 2 || end_scenario
set -- $(sd_list)
PA=$1 PB=$2
W=$(scsi_wwid $PA)
M=/dev/mapper/$W
# kpartx: "p" between the name and the number when the name ends in a decimal digit.
case $W in *[0-9]) P=${W}p ;; *) P=$W ;; esac

# kstate sdX: the kernel's view of the path in the map: A (active) or F (failed).
kstate() {
	dmsetup status $W | awk -v d="$(devt $1)" '{ for (i = 1; i < NF; i++) if ($i == d) print $(i + 1) }'
}
both_failed() { [ "$(kstate $PA) $(kstate $PB)" = "F F" ]; }
wait_until() {
	_end=$(($1 * 5)); shift
	while [ "$_end" -gt 0 ]; do "$@" && return 0; usleep 200000; _end=$((_end - 1)); done
	"$@"
}
maps() { dm_names | paste -sd' ' -; }
held() { kill -0 $d1 && kill -0 $d2 && kill -0 $d3; }
# block N: 4 KiB of recognisable data, different for each N.
block() { awk -v n="$1" 'BEGIN { for (i = 0; i < 128; i++) printf "queued write %03d line %03d #####\n", n, i }'; }
sum() { sha256sum | cut -d' ' -f1; }

printf 'defaults {\n\tno_path_retry queue\n}\n' > /etc/multipath.conf
capture out multipath -p multibus
expect_eq "map created" "$VMT_RC $(maps)" "0 $W"
expect_match "it queues when no path is left" "$(dm_table $W)" " multipath 1 queue_if_no_path "

step "a map held open by a process"
exec 3<$M
capture out multipath -f $W
expect_eq "-f: exit 2" "$VMT_RC" 2
expect_match "-f: says it is in use" "$VMT_STDERR" "$W: in use"
capture out multipath -F
expect_eq "-F: exit 2" "$VMT_RC" 2
expect_eq "the map is still there" "$(maps)" "$W"
exec 3<&-

step "an open partition map"
printf ',4M\n,4M\n' | sfdisk -q $M >/dev/null 2>&1
check "kpartx -a" kpartx -a $M
expect_eq "two partition maps" "$(maps)" "$W ${P}1 ${P}2"
exec 4</dev/mapper/${P}1
capture out kpartx -d $M
expect_eq "kpartx -d with ${P}1 open: exit 2" "$VMT_RC" 2
expect_match "kpartx -d: says why" "$VMT_STDERR" "${P}1: remove failed: Device or resource busy"
expect_eq "kpartx -d: only the unused ${P}2 went" "$(maps)" "$W ${P}1"
capture out multipath -f $W
expect_eq "-f with ${P}1 open: exit 2" "$VMT_RC" 2
expect_match "-f: names the partition map" "$VMT_STDERR" "partition map ${P}1 is in use"
expect_eq "-f: nothing removed" "$(maps)" "$W ${P}1"
exec 4<&-
check "kpartx -a again" kpartx -a $M
expect_eq "both partition maps" "$(maps)" "$W ${P}1 ${P}2"

step "writes queued while no path is usable"
p1start=$(dmsetup table ${P}1 | awk '{ print $5 }')
p2start=$(dmsetup table ${P}2 | awk '{ print $5 }')
block 1 > /tmp/b1; block 2 > /tmp/b2; block 3 > /tmp/b3
set_path_state $PA offline
set_path_state $PB offline
# O_DIRECT through the partition map, O_DIRECT through the map, and a buffered write to the other
# partition map whose flush (at its last close) is what waits: each holds its device open until
# its I/O completes.
dd if=/tmp/b1 of=/dev/mapper/${P}1 bs=4096 seek=10 count=1 oflag=direct conv=notrunc 2>/tmp/d1 &
d1=$!
dd if=/tmp/b2 of=$M bs=4096 seek=3500 count=1 oflag=direct conv=notrunc 2>/tmp/d2 &
d2=$!
dd if=/tmp/b3 of=/dev/mapper/${P}2 bs=4096 seek=10 count=1 conv=notrunc 2>/tmp/d3 &
d3=$!
check "the kernel fails both paths" wait_until 15 both_failed
sleep 2
check "the writes are held (O_DIRECT on ${P}1)" kill -0 $d1
check "the writes are held (O_DIRECT on the map)" kill -0 $d2
check "the writes are held (buffered on ${P}2, flushed at close)" kill -0 $d3
run dmsetup info -c
capture out timeout 60 multipath -f $W
expect_eq "-f while I/O is queued: exit 2" "$VMT_RC" 2
expect_match "-f: says why (in use, or queueing with no path)" "$VMT_STDERR" "in use|queues I/O and has no usable path"
capture out timeout 60 multipath -F
expect_eq "-F while I/O is queued: exit 2" "$VMT_RC" 2
capture out timeout 60 kpartx -d $M
expect_eq "kpartx -d while I/O is queued on ${P}1 and ${P}2: exit 2" "$VMT_RC" 2
expect_match "kpartx -d: says why (the parent queues with no usable path)" "$VMT_STDERR" "$W: queues I/O and has no usable path"
expect_eq "the map and both busy partition maps are still there" "$(maps)" "$W ${P}1 ${P}2"
expect_match "the map still queues" "$(dm_table $W)" " multipath 1 queue_if_no_path "
capture out timeout 60 multipath -ll $W
expect_eq "-ll answers while I/O is queued" "$VMT_RC" 0
capture out timeout 60 multipath -p multibus
expect_eq "a re-run with no usable path: exit 0, changes nothing" "$VMT_RC $(maps)" "0 $W ${P}1 ${P}2"
check "the writes are still held, not failed" held

step "paths back: the re-run releases the queued writes"
set_path_state $PA running
set_path_state $PB running
capture out multipath -p multibus
expect_match "re-run reinstates $PA" "$out" "^reinstate_path $(devt $PA): $W\$"
expect_match "re-run reinstates $PB" "$out" "^reinstate_path $(devt $PB): $W\$"
wait $d1; expect_eq "O_DIRECT write on ${P}1 completed: exit 0" "$?" 0
wait $d2; expect_eq "O_DIRECT write on the map completed: exit 0" "$?" 0
wait $d3; expect_eq "buffered write completed: exit 0" "$?" 0
for s in $PA $PB; do
	expect_eq "write 1 is on the LU (read through $s)" \
		"$(dd if=/dev/$s bs=512 skip=$((p1start + 80)) count=8 iflag=direct 2>/dev/null | sum)" "$(sum < /tmp/b1)"
	expect_eq "write 2 is on the LU (read through $s)" \
		"$(dd if=/dev/$s bs=4096 skip=3500 count=1 iflag=direct 2>/dev/null | sum)" "$(sum < /tmp/b2)"
	expect_eq "write 3 is on the LU (read through $s)" \
		"$(dd if=/dev/$s bs=512 skip=$((p2start + 80)) count=8 iflag=direct 2>/dev/null | sum)" "$(sum < /tmp/b3)"
done

step "queued write-back that no process waits for"
# A buffered write to the map while only its partition maps hold it open: dd's close does not
# flush (it is not the last opener) and dd exits; the kernel's flusher then sends the dirty page,
# and it queues. No process has the map open, yet I/O waits in it: -f and -F must still refuse.
# -f runs in the background so that a hang is reported rather than stalling the VM.
echo 50 > /proc/sys/vm/dirty_expire_centisecs
echo 50 > /proc/sys/vm/dirty_writeback_centisecs
block 4 > /tmp/b4
set_path_state $PA offline
set_path_state $PB offline
check "buffered write to the map returns" dd if=/tmp/b4 of=$M bs=4096 seek=3700 count=1 conv=notrunc
writeback() { [ "$(awk '$1 == "Writeback:" { print $2 }' /proc/meminfo)" -gt 0 ]; }
check "its write-back is under way" wait_until 15 writeback
check "the kernel fails both paths" wait_until 15 both_failed
run dmsetup info -c
gone() { ! kill -0 $1 2>/dev/null; }
echo "+ multipath -f $W &"
multipath -f $W >/tmp/f.out 2>/tmp/f.err &
fpid=$!
if wait_until 10 gone $fpid; then
	wait $fpid
	expect_eq "-f with queued write-back: exit 2" "$?" 2
	sed 's/^/    stderr: /' /tmp/f.err
	capture out timeout 60 multipath -F
	expect_eq "-F with queued write-back: exit 2" "$VMT_RC" 2
	fpid=""
else
	fail "-f with queued write-back: returns" "still blocked after 10 s"
fi
expect_eq "nothing removed while the write-back waits" "$(maps)" "$W ${P}1 ${P}2"
set_path_state $PA running
set_path_state $PB running
if [ -n "$fpid" ]; then
	# The blocked -f holds the run lock: a re-run cannot reinstate the paths. Do it by hand.
	capture out timeout 10 multipath -p multibus
	note "a re-run while -f is blocked: exit $VMT_RC"
	for s in $PA $PB; do
		dmsetup info $W >/dev/null 2>&1 && run dmsetup message $W 0 reinstate_path $(devt $s)
	done
	wait_until 30 gone $fpid
	wait $fpid
	note "the blocked -f ended with exit $? once the paths were reinstated; maps now: $(maps)"
	sed 's/^/    stderr: /' /tmp/f.err
else
	capture out multipath -p multibus
	expect_match "re-run reinstates $PA" "$out" "^reinstate_path $(devt $PA): $W\$"
fi
run sync
for s in $PA $PB; do
	expect_eq "the write-back reached the LU (read through $s)" \
		"$(dd if=/dev/$s bs=4096 skip=3700 count=1 iflag=direct 2>/dev/null | sum)" "$(sum < /tmp/b4)"
done

step "unused now: the maps go"
if [ -n "$(maps)" ]; then
	capture out kpartx -d $M
	expect_eq "kpartx -d: exit 0" "$VMT_RC" 0
	capture out multipath -f $W
	expect_eq "-f: exit 0" "$VMT_RC" 0
fi
expect_empty "no map left" "$(maps)"
end_scenario
