#!/bin/sh
# io_continuity: I/O through a multibus map (1 LU, 2 paths) while paths fail, under each
# no_path_retry setting. A writer (tests/vm/tools/blockio.sh) keeps writing numbered 4 KiB blocks
# with O_DIRECT, logging every write, while each path in turn is offlined and restored (the
# re-run reinstates it), then both paths for a few seconds, then both come back and multipath
# re-runs. Then every block is read back through the map and through each path. Every setting:
# zero corrupt blocks, no failed write while a path is left, the kernel fails an offline path and
# the re-run reinstates it (reinstate_path), a re-run while no path is usable changes nothing.
#   fail:  writes fail while no path is usable, and only then.
#   queue: no write fails; a write is held through the whole outage and succeeds after the re-run.
# multipath leaves the kernel's global queue_if_no_path_timeout_secs alone (0): no_path_retry N
# is counted per map by the revalidator (scenario revalidate_policies).
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=1
# vm-files: tests/vm/tools/blockio.sh:/usr/bin/blockio
# vm-timeout: 240
. /lib/vmtest.sh
need_multipath
check "2 sd paths appear" wait_for_devs 2 || end_scenario
set -- $(sd_list)
PA=$1 PB=$2
W=$(scsi_wwid $PA)
M=/dev/mapper/$W
NBLK=128                # 512 KiB: about 1.5 s per pass at ~100 O_DIRECT writes/s under TCG
NPR_TIMEOUT=/sys/module/dm_multipath/parameters/queue_if_no_path_timeout_secs

now() { read -r _t _ < /proc/uptime; echo "$_t"; }
# wait_until SECS CMD...: poll CMD every 0.2 s until it succeeds; fail after SECS.
wait_until() {
	_end=$(($1 * 5)); shift
	while [ "$_end" -gt 0 ]; do
		"$@" && return 0
		usleep 200000
		_end=$((_end - 1))
	done
	"$@"
}
# kstate sdX: the kernel's view of the path in the map: A (active) or F (failed).
kstate() {
	dmsetup status $W | awk -v d="$(devt $1)" '{ for (i = 1; i < NF; i++) if ($i == d) print $(i + 1) }'
}
kstate_is() { [ "$(kstate $1)" = "$2" ]; }
both_failed() { kstate_is $PA F && kstate_is $PB F; }
# features: the live table's feature words, e.g. "1 queue_if_no_path" or "0".
features() { dmsetup table $W | awk '{ n = $4; s = $4; for (i = 1; i <= n; i++) s = s " " $(4 + i); print s }'; }
# fgt X Y: X > Y for decimal seconds.
fgt() { awk -v x="$1" -v y="$2" 'BEGIN { exit !(x > y) }'; }
lines() { wc -l < "$1"; }
# ok_after LOG T N: at least N successful writes started after T.
ok_after() { [ "$(awk -v t="$2" '$3 == 0 && $4 > t' "$1" | wc -l)" -ge "$3" ]; }

# round SETTING: one writer run under "no_path_retry SETTING".
round() {
	m=$1 log=/tmp/io-$1.log stop=/tmp/io-$1.stop
	step "no_path_retry $m"
	dm_remove_all
	printf 'defaults {\n\tno_path_retry %s\n}\n' "$m" > /etc/multipath.conf
	capture out multipath -p multibus
	expect_eq "$m: map created" "$VMT_RC $(dm_names)" "0 $W"
	expect_eq "$m: one group of both paths" "$(mp_shape $W)" "$(devts_of $PA $PB | paste -sd, -)"
	case $m in
	fail) expect_eq "$m: features: no queueing" "$(features)" "0" ;;
	*) expect_eq "$m: features: queue_if_no_path" "$(features)" "1 queue_if_no_path" ;;
	esac
	expect_eq "$m: the kernel's global queue timeout left alone" "$(cat $NPR_TIMEOUT)" 0
	devt0=$(dm_devt $W)
	rm -f "$log" "$log.err" "$stop"
	check "$m: fill $NBLK blocks (generation 0)" blockio fill $M $NBLK "$log" || return
	blockio write $M $NBLK "$log" "$stop" &
	wpid=$!
	check "$m: writer running" wait_until 20 ok_after "$log" 0 20

	for p in $PA $PB; do
		set_path_state $p offline
		check "$m: kernel fails offline $p" wait_until 15 kstate_is $p F
		set_path_state $p running
		capture out multipath -p multibus
		expect_match "$m: re-run reinstates $p" "$out" "^reinstate_path $(devt $p): $W\$"
		expect_eq "$m: both paths active again" "$(kstate $PA) $(kstate $PB)" "A A"
	done

	hold=3
	[ $m = queue ] && hold=4
	t_down=$(now)
	set_path_state $PA offline
	set_path_state $PB offline
	check "$m: kernel fails both paths" wait_until 15 both_failed
	sleep $hold
	table=$(dm_table $W)
	n0=$(lines "$log")
	capture out multipath -p multibus
	expect_eq "$m: re-run with no usable path: exit 0" "$VMT_RC" 0
	expect_match "$m: re-run with no usable path: says so" "$VMT_STDERR" "^$W: no usable path, map left as it is\$"
	expect_eq "$m: re-run with no usable path: table unchanged" "$(dm_table $W)" "$table"
	if [ $m = queue ]; then
		sleep 1
		expect_eq "$m: the write is still held (nothing completed during the outage)" "$(lines "$log")" "$n0"
		check "$m: the writer is blocked, not gone" kill -0 $wpid
	fi

	set_path_state $PA running
	set_path_state $PB running
	t_back=$(now)
	capture out multipath -p multibus
	t_up=$(now)
	expect_eq "$m: re-run after the outage: exit 0" "$VMT_RC" 0
	expect_match "$m: re-run reinstates $PA" "$out" "^reinstate_path $(devt $PA): $W\$"
	expect_match "$m: re-run reinstates $PB" "$out" "^reinstate_path $(devt $PB): $W\$"
	expect_eq "$m: both paths active" "$(kstate $PA) $(kstate $PB)" "A A"
	expect_eq "$m: same dev_t throughout" "$(dm_devt $W)" "$devt0"
	check "$m: writes succeed again" wait_until 20 ok_after "$log" "$t_up" 20
	touch "$stop"
	wait $wpid

	note "$m: $(lines "$log") writes; outage from $t_down to $t_up (uptime s), held $hold s"
	for dev in $M /dev/$PA /dev/$PB; do
		capture out blockio verify $dev $NBLK "$log"
		expect_eq "$m: read back through $dev: zero corrupt blocks" "$VMT_RC" 0
		note "$m: $dev: $out"
	done
	blockio errors "$log" > /tmp/io-$m.errors
	nerr=$(lines /tmp/io-$m.errors)
	[ -s "$log.err" ] && sort "$log.err" | uniq -c
	# end times of failed writes outside [lo, hi]
	outside() { awk -v lo="$1" -v hi="$2" '$4 < lo || $4 > hi' /tmp/io-$m.errors | head -n 3; }
	case $m in
	fail)
		expect_ne "$m: writes failed during the outage" "$nerr" 0
		expect_empty "$m: and only then ($t_down..$t_up)" "$(outside $t_down $t_up)"
		;;
	queue)
		expect_eq "$m: no write failed" "$nerr" 0
		held=$(awk -v b="$t_back" -v d="$t_down" '$3 == 0 && $4 < b - 3 && $4 >= d && $5 >= b' "$log" | head -n 1)
		expect_ne "$m: a write was held through the outage and succeeded after the re-run" "$held" ""
		;;
	esac
}

round fail
round queue

step "the verifier catches a lost write"
# Put generation 0 of block 7 back behind the map's back: the last round's log says block 7 was
# acknowledged later, so this is exactly what a lost write looks like.
awk 'BEGIN { for (i = 0; i < 128; i++) printf "blk %06d gen %06d ln %03d ##\n", 7, 0, i }' > /tmp/old7
dd if=/tmp/old7 of=/dev/$PA bs=4096 seek=7 count=1 oflag=direct conv=notrunc status=none
capture out blockio verify $M $NBLK /tmp/io-queue.log
expect_eq "verify fails" "$VMT_RC" 1
expect_match "and names block 7" "$out" "^corrupt block 7: holds generation 0, last acknowledged [1-9]"
check "flush at the end" dm_remove_all
end_scenario
