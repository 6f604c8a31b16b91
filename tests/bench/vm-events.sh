# shellcheck shell=sh
# vm-events.sh (/bench/vm-events.sh in the VM) — make bench's event rows (busybox sh): ours (our
# udev rule, the hotplug handler, the revalidator) next to Debian's multipathd, in the same VM
# run, under the same systemd-udevd. Sourced after /lib/vmtest.sh and /bench/vm-bench.sh (its
# shape, benchrun and the staged rules). Each figure is one result-channel line:
#   NOTE: BENCH topo=T impl=ours|theirs env=udev step=S rep=R ns=N rss=KiB rc=C user=us sys=us
#   bench_storm   B_TOPO B_HOSTS B_LUS: B_HOSTS scsi_debug hosts of B_LUS LUs added at once
#                 (B_HOSTS x B_LUS add events); step=storm: until every LU has its map with all
#                 B_HOSTS paths; step=timeouts / errors: udev worker timeouts (udevd's log in
#                 dmesg) and error lines (ours: the handler log) as ns
#   bench_reval   B_TOPO B_HOSTS B_LUS: step=latency1 (one path back until the kernel shows it
#                 active; twice), step=down (30 s with a path down: ns = CPU ns per minute, rss = peak RSS of the
#                 revalidator / of multipathd), step=fabric (half the hosts back: until every
#                 path is active), step=healthy (ns = our resident processes / multipathd's
#                 count, rss = their RSS)
OURS_RULES=/etc/bench/ours-rules
MPD_PIDFILE=/run/multipathd.pid
SDBG=/sys/bus/pseudo/drivers/scsi_debug
HLOG=/run/multipath/hotplug.log

ev_note() { note "BENCH topo=$B_TOPO impl=$1 env=udev step=$2 rep=${5:-1} ns=$3 rss=${4:-0} rc=${6:-0} user=0 sys=0"; }
ns_now() { awk '{ printf "%.0f\n", $1 * 1e9 }' /proc/uptime; }
# all_paths N: every multipath map (B_LUS of them) holds N paths, all active.
all_paths() {
	case " $(shape) " in
	*" maps=$B_LUS "*" paths=$((B_LUS * $1)) uniform=$B_LUS "*) ;;
	*) return 1 ;;
	esac
	[ "$(dmsetup status --target multipath 2>/dev/null | grep -oE ' [0-9]+:[0-9]+ A ' | wc -l)" -ge $((B_LUS * $1)) ]
}
nfailed() { dmsetup status --target multipath 2>/dev/null | grep -o ' F ' | wc -l; }
wait_for() {   # wait_for SECS CMD...: poll every 0.1 s; 1 on timeout
	_e=$(($(cut -d. -f1 /proc/uptime) + $1)); shift
	while ! "$@" > /dev/null 2>&1; do
		[ "$(cut -d. -f1 /proc/uptime)" -ge "$_e" ] && return 1
		usleep 100000
	done
}

# use_impl IMPL: the udev rules and the daemon of IMPL only (theirs: multipath-tools' rules and
# multipathd; ours: our 60-multipath.rules and the handler), with its configuration file.
use_impl() {
	udevadm settle --timeout=600
	mpd_stop
	rm -f /etc/udev/rules.d/*.rules
	if [ "$1" = theirs ]; then
		cp /etc/bench/theirs-rules/*.rules /etc/udev/rules.d/
		cp /etc/bench/theirs.conf /etc/multipath.conf
	else
		cp $OURS_RULES/*.rules /etc/udev/rules.d/
		cp /etc/bench/ours.conf /etc/multipath.conf   # hotplug runs read only this file
		mkdir -p -m 0700 /run/multipath
		: > $HLOG
	fi
	udevadm control --reload
}
# mpd_start: multipathd in the foreground (-d; its log in /tmp/multipathd.log), its pid in
# $MPD_PIDFILE; 1 (with its log shown) if it is not running 5 s later.
mpd_start() {
	/sbin/multipathd -d -s -v2 > /tmp/multipathd.log 2>&1 &
	echo $! > $MPD_PIDFILE
	sleep 5
	kill -0 "$(mpd_pid)" 2> /dev/null && return 0
	tail -n 20 /tmp/multipathd.log
	rm -f $MPD_PIDFILE
	return 1
}
mpd_pid() { cat $MPD_PIDFILE 2> /dev/null; }
mpd_stop() {
	[ -s $MPD_PIDFILE ] || return 0
	kill "$(mpd_pid)" 2> /dev/null
	wait_for 30 sh -c "! kill -0 $(mpd_pid) 2>/dev/null"
	rm -f $MPD_PIDFILE
}
# ev_udevd: systemd-udevd as vm-bench's start_udevd starts it, without its coldplug check
# (the storm starts with no path).
ev_udevd() {
	unset DM_DISABLE_UDEV
	B_ENV=udev
	mkdir -p /etc/udev/rules.d
	/lib/systemd/systemd-udevd --daemon --resolve-names=never || { fail "systemd-udevd" "did not start"; end_scenario; }
	udevadm trigger --type=subsystems --action=add && udevadm trigger --type=devices --action=add
	udevadm settle --timeout=1800
}
# cpu_ns PID: user+system CPU of the process so far, in ns (clock ticks of 10 ms).
cpu_ns() { sed 's/.*) //' "/proc/$1/stat" 2> /dev/null | awk '{ printf "%.0f\n", ($12 + $13) * 1e7 }'; }
hwm_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2> /dev/null; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2> /dev/null; }
udev_timeouts() { dmesg | grep -ciE 'udev.*(timeout|timed out|killed)'; }

# --- the storm ---------------------------------------------------------------------------------
# timeline T0: every 2 s until /tmp/tl.on goes, one line to /tmp/timeline: seconds since T0,
# sd disks, udev's queue (1: events pending), multipath maps / maps with all B_HOSTS paths,
# multipath processes (our runs; theirs' multipath -u) with their pids, our handlers, kpartx,
# udev workers. Cheap: one dmsetup, the rest shell builtins over /proc/PID/comm.
timeline() {
	local t0=$1 p c nsd nmp nhp nkp nw pids maps
	while [ -e /tmp/tl.on ]; do
		nsd=0 nmp=0 nhp=0 nkp=0 nw=0 pids=
		for p in /sys/block/sd*; do [ -e "$p" ] && nsd=$((nsd + 1)); done
		for p in /proc/[0-9]*; do
			{ read -r c < "$p/comm"; } 2> /dev/null || continue   # (gone meanwhile)
			case $c in
			multipath) nmp=$((nmp + 1)); pids="$pids,${p#/proc/}" ;;
			multipath.hotpl) nhp=$((nhp + 1)) ;;
			kpartx) nkp=$((nkp + 1)) ;;
			"(udev-worker)" | systemd-udevd) nw=$((nw + 1)) ;;
			esac
		done
		maps=$(dmsetup table --target multipath 2> /dev/null | awk -v ppl="$B_HOSTS" '
			/No devices/ { next } { n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+:[0-9]+$/) n++; m++; if (n == ppl) c++ }
			END { print m + 0 "/" c + 0 }')
		echo "$(awk -v a="$(ns_now)" -v b="$t0" 'BEGIN { printf "%6.1f", (a - b) / 1e9 }') sd=$nsd q=$([ -e /run/udev/queue ] && echo 1 || echo 0) maps=$maps mp=$nmp${pids:+[${pids#,}]} hp=$nhp kpartx=$nkp udevd=$nw" >> /tmp/timeline
		sleep 2
	done
}
# show_timeline IMPL: the timeline's lines where something but the time changed, and the
# multipath runs seen (pid: first and last sample).
show_timeline() {
	echo "    timeline ($1; s since the hosts were added):"
	awk '{ k = $0; sub(/^ *[0-9.]+ /, "", k) } k != last { print "    | " $0; last = k }' /tmp/timeline | head -n 150
	awk '{ if (match($0, /mp=[0-9]+\[[0-9,]+\]/)) { s = substr($0, RSTART, RLENGTH); sub(/^mp=[0-9]+\[/, "", s); sub(/\]$/, "", s)
		n = split(s, P, ","); for (i = 1; i <= n; i++) { if (!(P[i] in a)) { a[P[i]] = $1; o[++k] = P[i] } z[P[i]] = $1 } } }
		END { for (i = 1; i <= k && i <= 40; i++) printf "    multipath pid %s: seen %s..%s s\n", o[i], a[o[i]], z[o[i]]; if (k > 40) print "    (" k " multipath processes in all)" }' /tmp/timeline
}

# storm_floor: udev alone (no multipath rule, no daemon): the hosts added until every sd disk is
# there and udev's queue is empty. No tool that waits for udev's processing can be faster.
storm_floor() {
	local t0 t1 rc=0
	step "storm: udev alone, $B_HOSTS hosts x $B_LUS LUs added at once (no multipath)"
	udevadm settle --timeout=600
	mpd_stop
	rm -f /etc/udev/rules.d/*.rules
	udevadm control --reload
	t0=$(ns_now)
	echo "$B_HOSTS" > $SDBG/add_host
	wait_for "$B_STEP_TIMEOUT" sh -c "[ \$(ls -d /sys/block/sd* 2>/dev/null | wc -l) -ge $((B_HOSTS * B_LUS)) ]" || rc=124
	udevadm settle --timeout="$B_STEP_TIMEOUT" || rc=124
	t1=$(ns_now)
	ev_note udev floor $((t1 - t0)) 0 1 $rc
	echo "    udev alone: $((B_HOSTS * B_LUS)) disks handled by udev after $(awk -v n=$((t1 - t0)) 'BEGIN { printf "%.1f s", n / 1e9 }')"
	echo "-$B_HOSTS" > $SDBG/add_host
	udevadm settle --timeout=600
	wait_for 300 sh -c '! ls -d /sys/block/sd* >/dev/null 2>&1'
}

storm_one() {
	local impl=$1 t0 t1 rc=0 to0 tl_pid
	step "storm: $impl, $B_HOSTS hosts x $B_LUS LUs added at once ($((B_HOSTS * B_LUS)) add events)"
	use_impl "$impl"
	if [ "$impl" = theirs ] && ! mpd_start; then
		fail "multipathd starts" "it exited (its log above)"
		return
	fi
	to0=$(udev_timeouts)
	t0=$(ns_now)
	: > /tmp/timeline
	: > /tmp/tl.on
	timeline "$t0" &
	tl_pid=$!
	echo "$B_HOSTS" > $SDBG/add_host
	wait_for "$B_STEP_TIMEOUT" all_paths "$B_HOSTS" || rc=124
	t1=$(ns_now)
	ev_note "$impl" storm $((t1 - t0)) 0 1 $rc
	echo "    $impl: $(shape) after $(awk -v n=$((t1 - t0)) 'BEGIN { printf "%.1f s", n / 1e9 }')"
	expect_eq "$impl: $B_LUS maps with all $B_HOSTS paths" "$rc" 0
	if [ "$impl" = theirs ]; then
		# Measured. The events still queued would each run its multipath -u / -U (measured
		# under load: 10 more minutes after the maps were complete); without its rules
		# they pass quickly. Its timeouts count up to here.
		ev_note "$impl" timeouts $(($(udev_timeouts) - to0))
		mpd_stop
		rm -f /etc/udev/rules.d/*.rules
		udevadm control --reload
	fi
	udevadm settle --timeout=600
	[ "$impl" = ours ] && ev_note "$impl" timeouts $(($(udev_timeouts) - to0))
	[ "$impl" = ours ] && glue_idle 600
	rm -f /tmp/tl.on
	wait "$tl_pid"
	show_timeline "$impl"
	if [ "$impl" = ours ]; then
		ev_note ours errors "$(grep -vc ': info: ' $HLOG)"
		ev_note ours runs "$(grep -c ': info: run: ' $HLOG)"
		grep -v ': info: ' $HLOG | head -n 5
	fi
	# tear down: no daemon, no map, no host
	mpd_stop
	/usr/local/sbin/multipath -F > /dev/null 2>&1
	udevadm settle --timeout=600
	[ "$(shape)" = "maps=0 pg1=0 paths=0 uniform=0" ] || dm_remove_all
	echo "-$B_HOSTS" > $SDBG/add_host
	udevadm settle --timeout=600
	wait_for 300 sh -c '! ls -d /sys/block/sd* >/dev/null 2>&1'
}

bench_storm() {
	need_multipath
	. /lib/glue.sh
	ev_udevd
	for _i in ${B_ORDER:-floor theirs ours}; do
		if [ "$_i" = floor ]; then storm_floor; else storm_one "$_i"; fi
	done
	stop_udevd
}

# --- revalidation ------------------------------------------------------------------------------
# fail_paths sdX...: offline them, and fail them in their maps by message (dm-multipath fails a
# path only when I/O is sent to it, and a selector may send a few test reads to the other
# paths: the 2026-12-02 run measured ours' "latency" of paths that had never failed). The
# message makes the same PATH_FAILED event; offline, the path checks bad until set running.
fail_paths() {
	local want=$(($(nfailed) + $#)) s
	for s in "$@"; do echo offline > "/sys/block/$s/device/state"; done
	for s in "$@"; do cat "/sys/block/$s/dev"; done > /tmp/fail.devts
	dmsetup table --target multipath | awk 'NR == FNR { want[$1] = 1; next }
		{ m = $1; sub(/:$/, "", m); for (i = 2; i <= NF; i++) if ($i in want) print m, $i }' /tmp/fail.devts - |
	while read -r m d; do dmsetup message "$m" 0 "fail_path $d"; done
	wait_for 120 sh -c "[ \$(dmsetup status --target multipath | grep -o ' F ' | wc -l) -ge $want ]" ||
		{ fail "fail_paths: $# paths failed" "only $(nfailed) failed paths of $want"; return 1; }
}
# restore_until_active sdX...: set them running; ns from the last one set running (the fabric
# is back) until the kernel shows no failed path. Setting a device running makes the kernel
# rescan it (INQUIRY, VPD pages), so 256 of them take seconds in TCG: the paths come back one
# by one meanwhile; how long that took goes to stderr (a note in the log).
restore_until_active() {
	local t0 ts s
	ts=$(ns_now)
	for s in "$@"; do echo running > "/sys/block/$s/device/state"; done
	t0=$(ns_now)
	[ $# -gt 1 ] && echo "    setting $# paths running took $(awk -v n=$((t0 - ts)) 'BEGIN { printf "%.2f s", n / 1e9 }')" >&2
	wait_for 300 sh -c '[ $(dmsetup status --target multipath | grep -o " F " | wc -l) -eq 0 ]' || return 1
	echo $(($(ns_now) - t0))
}
reval_pid() { . /lib/glue.sh; revalidator_pids | head -n1; }

reval_one() {
	local impl=$1 r lat pid c0 c1 hosts half sds
	step "revalidation: $impl ($((B_HOSTS * B_LUS)) paths)"
	use_impl "$impl"
	if [ "$impl" = theirs ]; then
		mpd_start || { fail "multipathd starts" "it exited (its log above)"; return; }
	else
		/usr/local/sbin/multipath -v0
	fi
	check "$impl: all maps with all paths" wait_for 600 all_paths "$B_HOSTS" || return
	udevadm settle --timeout=600
	hosts=$(scsi_hosts scsi_debug)
	one=$(sd_of_host "$(echo $hosts | cut -d' ' -f2)" | head -n1)
	r=1
	while [ $r -le 2 ]; do
		fail_paths "$one"
		sleep 3
		lat=$(restore_until_active "$one") || lat=0
		ev_note "$impl" latency1 "$lat" 0 $r $([ "$lat" = 0 ] && echo 1 || echo 0)
		echo "    $impl: one path back after $(awk -v n="$lat" 'BEGIN { printf "%.2f s", n / 1e9 }')"
		[ "$impl" = ours ] && wait_for 60 sh -c '[ -z "$(. /lib/glue.sh; revalidator_pids)" ]'
		r=$((r + 1))
	done
	# 30 s with one path down: what the checking costs (reported per minute)
	fail_paths "$one"
	if [ "$impl" = theirs ]; then pid=$(mpd_pid); else wait_for 120 sh -c '[ -n "$(. /lib/glue.sh; revalidator_pids)" ]'; pid=$(reval_pid); fi
	if [ -z "$pid" ]; then
		fail "$impl: a checking process while a path is down" "none found ($(nfailed) failed paths)"
		pid=0
		[ "$impl" = ours ] && tail -n 15 $HLOG
	fi
	c0=$(cpu_ns "$pid"); c0=${c0:-0}
	sleep 30
	c1=$(cpu_ns "$pid"); c1=${c1:-$c0}
	ev_note "$impl" down $(((c1 - c0) * 2)) "$(hwm_kib "$pid")"
	echo "    $impl: 30 s with a path down: CPU $(awk -v n=$((c1 - c0)) 'BEGIN { printf "%.2f s", n / 1e9 }'), peak RSS $(hwm_kib "$pid") KiB (pid $pid)"
	restore_until_active "$one" > /dev/null
	[ "$impl" = ours ] && wait_for 60 sh -c '[ -z "$(. /lib/glue.sh; revalidator_pids)" ]'
	# fabric: half the hosts fail and come back
	half=$(echo $hosts | tr ' ' '\n' | tail -n $((B_HOSTS / 2)))
	sds=$(for h in $half; do sd_of_host "$h"; done)
	fail_paths $sds
	note "fabric: $(nfailed) paths failed"
	sleep 5
	lat=$(restore_until_active $sds) || lat=0
	ev_note "$impl" fabric "$lat" 0 1 $([ "$lat" = 0 ] && echo 1 || echo 0)
	echo "    $impl: $(echo $sds | wc -w) paths back after $(awk -v n="$lat" 'BEGIN { printf "%.2f s", n / 1e9 }')"
	# healthy: what stays resident
	if [ "$impl" = ours ]; then
		wait_for 60 sh -c '[ -z "$(. /lib/glue.sh; ours_running)" ]'
		ev_note ours healthy "$(. /lib/glue.sh; ours_running | wc -l)" 0
	else
		sleep 10
		ev_note theirs healthy 1 "$(rss_kib "$(mpd_pid)")"
	fi
	mpd_stop
	/usr/local/sbin/multipath -F > /dev/null 2>&1
	udevadm settle --timeout=600
	[ "$(shape)" = "maps=0 pg1=0 paths=0 uniform=0" ] || dm_remove_all
}

bench_reval() {
	need_multipath
	. /lib/glue.sh
	check "$B_PATHS sd paths appear" wait_for_devs "$B_PATHS" 1800 || end_scenario
	ev_udevd
	for _i in ${B_ORDER:-theirs ours}; do
		[ "$_i" = floor ] || reval_one "$_i"
	done
	stop_udevd
}
