# shellcheck shell=sh
# vm-bench.sh (/bench/vm-bench.sh in the VM) — the in-VM half of `make bench` (busybox sh).
# Sourced by the scenario bench.sh generates for one topology, after /lib/vmtest.sh, with
#   B_TOPO  B_PATHS  B_LUS  B_PPL  B_REPS  B_STEP_TIMEOUT
# set. bench_topology times, for ours and Debian's multipath-tools (theirs) under the same
# systemd-udevd, then ours again without udev (the initramfs case): dry run, create, nothing
# to do, flush; bench_slow times discovery of B_PATHS paths whose every command takes ~1 s.
# Each measurement is one result-channel line the host turns into the table:
#   NOTE: BENCH topo=T impl=ours|theirs env=udev|noudev step=S rep=R ns=N rss=KiB rc=C user=us sys=us
# Correctness of every map set is asserted with the usual check/expect_* functions.

OURS=/usr/local/sbin/multipath
THEIRS=/sbin/multipath
# Ours reads this instead of /etc/multipath.conf (theirs' file); theirs ignores the variable.
export MULTIPATH_CONF=/etc/bench/ours.conf
OUT=/tmp/bench                          # commands' output (tmpfs); shown on failure
mkdir -p "$OUT" /etc/multipath /run/multipath

# rules_for IMPL: the udev rules of the implementation's own package come and go with it:
# multipath-tools' 60-multipath.rules and 56-dm-mpath.rules (which run its multipath -u/-U
# on every path and map event) only while theirs is measured. The system's storage rules in
# /lib/udev/rules.d stay for both.
rules_for() {
	[ "$B_ENV" = udev ] || return 0
	udevadm settle --timeout=600
	rm -f /etc/udev/rules.d/*.rules
	[ "$1" = theirs ] && cp /etc/bench/theirs-rules/*.rules /etc/udev/rules.d/
	udevadm control --reload
}

# udev_settle: wait for the event queue to drain (no-op without udevd).
udev_settle() {
	[ "$B_ENV" = udev ] && udevadm settle --timeout=600
	return 0
}

# timed IMPL STEP REP ARGS...: time one multipath run (benchrun), record it, keep its output.
# Sets T_NS and T_RC.
# (vmtest.sh's functions use global _x variables: everything here is local.)
timed() {
	local impl=$1 st=$2 rep=$3 r
	shift 3
	T_LOG=$OUT/$B_TOPO-$impl-$B_ENV-$st-$rep.out
	: > "$T_LOG"
	if [ "$impl" = ours ]; then set -- "$OURS" "$@"; else set -- "$THEIRS" "$@"; fi
	r=$(benchrun -t "$B_STEP_TIMEOUT" -o "$T_LOG" "$@")
	set -- $r
	T_NS=$1 T_RC=$3
	note "BENCH topo=$B_TOPO impl=$impl env=$B_ENV step=$st rep=$rep ns=$1 rss=$2 rc=$3 user=$4 sys=$5"
	echo "    $impl/$B_ENV $st #$rep: $(awk -v n="$1" 'BEGIN { printf "%.3f s", n / 1e9 }'), rc $3, peak RSS $2 KiB, user $(($4 / 1000)) ms, sys $(($5 / 1000)) ms, $(wc -l < "$T_LOG") output lines"
	head -n 2 "$T_LOG" | cut -c1-160 | sed 's/^/    > /'
	[ "$T_RC" = 0 ] || show_log
}

# show_log: the last output lines of the last timed run, and what device-mapper has.
show_log() {
	echo "    --- last lines of $T_LOG:"
	tail -n 15 "$T_LOG" | sed 's/^/    | /'
	echo "    --- dmsetup ls / first tables:"
	dmsetup ls 2>&1 | head -n 5 | sed 's/^/    | /'
	dmsetup table 2>&1 | head -n 3 | sed 's/^/    | /'
}

# shape: "maps=M pg1=G paths=P uniform=U" over every multipath map: M maps, G of them with
# exactly one priority group, P paths in all, U maps with exactly B_PPL paths.
shape() {
	dmsetup table --target multipath 2>/dev/null | awk -v ppl="$B_PPL" '
		/No devices found/ { next }
		{
			for (i = 1; i <= NF && $i != "multipath"; i++) ;
			if (i > NF) next
			maps++
			i++; i += $i + 1          # features
			i += $i + 1               # hardware handler
			npg = $i; i += 2          # #PGs, initial PG
			np = 0
			for (g = 0; g < npg; g++) {
				i++; i += $i + 1  # selector and its args
				n = $i; na = $(i + 1); i += 2
				np += n; i += n * (1 + na)
			}
			paths += np; pg1 += (npg == 1); uni += (np == ppl)
		}
		END { printf "maps=%d pg1=%d paths=%d uniform=%d\n", maps, pg1, paths, uni }'
}

# tables: every map's name and table, to prove a re-run changed nothing.
tables() { dmsetup table --target multipath 2>/dev/null | grep -v 'No devices found' | sort; }

# cycle IMPL REP: dry run, create, nothing to do, flush; each timed and checked.
cycle() {
	local i=$1 n=$2 tag="$1/$B_ENV #$2" want none before
	want="maps=$B_LUS pg1=$B_LUS paths=$B_PATHS uniform=$B_LUS"
	none="maps=0 pg1=0 paths=0 uniform=0"

	rules_for "$i"
	udev_settle
	timed "$i" dry "$n" -d -p multibus
	expect_eq "$tag dry run: exit 0" "$T_RC" 0
	expect_eq "$tag dry run: no map made" "$(shape)" "$none"

	udev_settle
	timed "$i" create "$n" -p multibus
	expect_eq "$tag create: exit 0" "$T_RC" 0
	udev_settle
	expect_eq "$tag create: $B_LUS maps of $B_PPL paths in 1 group" "$(shape)" "$want" || show_log
	before=$(tables)

	udev_settle
	timed "$i" rerun "$n" -p multibus
	expect_eq "$tag nothing to do: exit 0" "$T_RC" 0
	udev_settle
	expect_eq "$tag nothing to do: tables unchanged" "$(tables)" "$before" || show_log

	udev_settle
	timed "$i" flush "$n" -F
	expect_eq "$tag flush: exit 0" "$T_RC" 0
	udev_settle
	expect_eq "$tag flush: no map left" "$(shape)" "$none" || show_log
	# A failed flush must not spoil the next measurement.
	[ "$(shape)" = "$none" ] || dm_remove_all
}

# udev_floor REP: how long udevd itself needs for the events of creating and of removing
# every map, with nobody waiting on it: ours makes (removes) the maps without udev sync
# (DM_DISABLE_UDEV=1: no cookies, so udev's rules run no dmsetup and no disk probing), then
# `udevadm settle` waits for the queue. A lower bound on any tool that lets udev finish its
# work before it returns (both ours and theirs do, through libdevmapper's cookies).
udev_floor() {
	local n=$1 r st
	rules_for ours
	udev_settle
	for st in create flush; do
		if [ $st = create ]; then
			r=$(benchrun -t "$B_STEP_TIMEOUT" sh -c "DM_DISABLE_UDEV=1 $OURS -p multibus >/dev/null && udevadm settle --timeout=600")
		else
			r=$(benchrun -t "$B_STEP_TIMEOUT" sh -c "DM_DISABLE_UDEV=1 $OURS -F >/dev/null && udevadm settle --timeout=600")
		fi
		set -- $r
		note "BENCH topo=$B_TOPO impl=floor env=udev step=$st rep=$n ns=$1 rss=$2 rc=$3 user=$4 sys=$5"
		echo "    udev floor $st #$n: $(awk -v n="$1" 'BEGIN { printf "%.3f s", n / 1e9 }'), rc $3"
	done
	# libdevmapper made /dev/mapper nodes itself where udev makes links: leave neither behind.
	[ "$(shape)" = "maps=0 pg1=0 paths=0 uniform=0" ] || dm_remove_all
	find /dev/mapper -mindepth 1 ! -name control -exec rm -f {} + 2>/dev/null
	udev_settle
}

# start_udevd: systemd-udevd as an initramfs starts it, then every existing device replayed.
start_udevd() {
	unset DM_DISABLE_UDEV
	B_ENV=udev
	# Coldplug as a system with multipath-tools installed boots.
	mkdir -p /etc/udev/rules.d
	cp /etc/bench/theirs-rules/*.rules /etc/udev/rules.d/
	/lib/systemd/systemd-udevd --daemon --resolve-names=never || { fail "systemd-udevd" "did not start"; end_scenario; }
	# busybox date has no %N: benchrun times the coldplug.
	local r n
	r=$(benchrun -t 1800 sh -c 'udevadm trigger --type=subsystems --action=add &&
		udevadm trigger --type=devices --action=add && udevadm settle --timeout=1800')
	set -- $r
	note "BENCH topo=$B_TOPO impl=udev env=udev step=coldplug rep=1 ns=$1 rss=$2 rc=$3 user=$4 sys=$5"
	echo "    udev coldplug: $(awk -v n="$1" 'BEGIN { printf "%.1f s", n / 1e9 }')"
	n=$(ls /dev/disk/by-id 2>/dev/null | grep -c '^scsi-')
	check "udevd ran scsi_id on the paths (by-id links: $n)" test "$n" -gt 0
}

stop_udevd() {
	udevadm settle --timeout=600
	udevadm control --exit
	export DM_DISABLE_UDEV=1
	B_ENV=noudev
}

bench_topology() {
	need_multipath
	check "$B_PATHS sd paths appear" wait_for_devs "$B_PATHS" 1800 || end_scenario
	check "multipath-tools in the VM" test -x "$THEIRS"
	start_udevd
	local r=1
	# Alternate theirs and ours so drift in the emulator hits both alike.
	while [ "$r" -le "$B_REPS" ]; do
		cycle theirs "$r"
		cycle ours "$r"
		udev_floor "$r"
		r=$((r + 1))
	done
	stop_udevd
	r=1
	while [ "$r" -le "$B_REPS" ]; do
		cycle ours "$r"
		r=$((r + 1))
	done
	[ -z "${B_PROFILE:-}" ] || profile_ours
}

# phases STRACE-FILE: split a `strace -f -ttt` log of one run into start-up + discovery (until
# the first probe thread), probing (until the last probe thread's last call) and the rest
# (coalescing, device-mapper, output).
phases() {
	awk '
		NR == 1 { main = $1; t0 = $2 }
		{ last = $2 }
		$1 == main && /clone3?\(/ && !tc { tc = $2 }
		$1 != main { tj = $2; nthr[$1] = 1 }
		END {
			if (!tc) { printf "    no probe threads seen; whole run %.3f s\n", last - t0; exit }
			n = 0; for (p in nthr) n++
			printf "    start-up + discovery (sysfs)  %8.3f s\n", tc - t0
			printf "    probing (%3d threads, SG_IO)  %8.3f s\n", n, tj - tc
			printf "    coalesce, maps, output        %8.3f s\n", last - tj
		}' "$1"
}

# profile_ours: where our time goes, by system call (strace -c -f, wall-clock per call), for
# the dry run and the create. Console only (the log), untimed.
profile_ours() {
	command -v strace >/dev/null || { note "no strace in the VM: profile skipped"; return 0; }
	local a
	for a in "-d -p multibus" "-p multibus"; do
		step "profile: strace -f -c -w ours $a ($B_ENV)"
		# shellcheck disable=SC2086
		strace -f -c -w -o "$OUT/strace.txt" "$OURS" $a > /dev/null 2>&1
		head -n 25 "$OUT/strace.txt"
	done
	for a in "-d -p multibus" "-p multibus"; do
		step "profile: phases of ours $a ($B_ENV), from strace -f -ttt (strace slows syscalls down)"
		# shellcheck disable=SC2086
		strace -f -ttt -o "$OUT/strace-t.txt" "$OURS" $a > /dev/null 2>&1
		phases "$OUT/strace-t.txt"
	done
	step "profile: strace -f -c -w ours -F ($B_ENV)"
	strace -f -c -w -o "$OUT/strace.txt" "$OURS" -F > /dev/null 2>&1
	head -n 25 "$OUT/strace.txt"
	[ "$(shape)" = "maps=0 pg1=0 paths=0 uniform=0" ] || dm_remove_all
	command -v perf >/dev/null || return 0
	echo -1 > /proc/sys/kernel/perf_event_paranoid
	echo 0 > /proc/sys/kernel/kptr_restrict
	for a in "-d -p multibus" "-p multibus" "-F"; do
		step "profile: perf record (cpu-clock, all CPUs) ours $a ($B_ENV): top symbols"
		# shellcheck disable=SC2086
		perf record -q -a -e cpu-clock -F 1999 -o "$OUT/perf.data" -- "$OURS" $a > /dev/null 2>&1
		perf report -q -i "$OUT/perf.data" --stdio --no-children --sort comm,dso,sym 2>/dev/null |
			grep -v '^$' | head -n 30 | cut -c1-150
	done
	[ "$(shape)" = "maps=0 pg1=0 paths=0 uniform=0" ] || dm_remove_all
}

# bench_slow: every SCSI command of scsi_debug made to take ~1 s (ndelay), then one command's
# latency, ours' and theirs' dry runs over all B_PATHS paths.
bench_slow() {
	local nd=/sys/bus/pseudo/drivers/scsi_debug/ndelay sd r sg
	need_multipath
	check "$B_PATHS sd paths appear" wait_for_devs "$B_PATHS" 600 || end_scenario
	start_udevd
	check "scsi_debug: every command delayed 0.999 s" sh -c "echo 999000000 > $nd && [ \$(cat $nd) = 999000000 ]" || end_scenario
	sd=$(sd_list | head -n1)
	r=$(benchrun -t 60 sg_turs "/dev/$sd")
	set -- $r
	note "BENCH topo=$B_TOPO impl=sg_turs env=udev step=latency rep=1 ns=$1 rss=$2 rc=$3 user=$4 sys=$5"
	echo "    one TEST UNIT READY on $sd: $(awk -v n="$1" 'BEGIN { printf "%.3f s", n / 1e9 }')"
	timed ours dry 1 -d -p multibus
	expect_eq "slow paths: ours dry run: exit 0" "$T_RC" 0
	expect_match "slow paths: ours plans $B_LUS maps" "$(grep -c . "$OUT/$B_TOPO-ours-udev-dry-1.out")" "^[1-9]"
	timed theirs dry 1 -d -p multibus
	expect_eq "slow paths: theirs dry run: exit 0" "$T_RC" 0
	echo 0 > "$nd"
	# How many commands each path costs us: the serial alternative is paths x that x latency.
	if command -v strace >/dev/null; then
		strace -f -e trace=ioctl -o "$OUT/strace-sgio.txt" "$OURS" -d -p multibus > /dev/null 2>&1
		sg=$(grep -c 'SG_IO' "$OUT/strace-sgio.txt")
		note "BENCH topo=$B_TOPO impl=ours env=udev step=sgio rep=1 ns=$sg rss=0 rc=0 user=0 sys=0"
		echo "    ours' dry run sends $sg SG_IO commands to $B_PATHS paths"
	fi
	stop_udevd
}

# claim_loop IMPL N: a script that runs IMPL's claim program once for each of the first N disks,
# with the environment udev gives a program of a disk's add event (IMPORT{program} in the claim
# rules): ours = multipath_claim (what 56-multipath-claim.rules runs), ours_u = our multipath -u
# (the same answer from the full binary), theirs = multipath-tools' multipath -u; floor = an exec
# of multipath_claim that answers at once (no such disk): what any exec'd program pays.
claim_loop() {
	local bin=$OURS d dp mm
	case $1 in
	ours) bin=/lib/udev/multipath_claim ;;
	theirs) bin=$THEIRS ;;
	floor) bin="/lib/udev/multipath_claim /nonexistent-disk #" ;;
	esac
	echo "export MULTIPATH_CONF=/etc/bench/claim/ours.conf SUBSYSTEM=block DEVTYPE=disk ACTION=add"
	for d in $(sd_list | head -n "$2"); do
		dp=$(readlink -f "/sys/block/$d" | sed 's|^/sys||')
		mm=$(cat "/sys/block/$d/dev")
		echo "DEVPATH=$dp DEVNAME=/dev/$d MAJOR=${mm%:*} MINOR=${mm#*:} $bin -u $d"
	done
}

# bench_claim: the udev claim, per event: ours' and theirs' "multipath -u" for the same disks'
# add events, find_multipaths on for both, no maps (the coldplug at boot). Two states of the
# wwids file: "new" (empty: every LU is decided by its path count) and "known" (every LU
# listed). Each measurement runs the claim for B_CLAIM_N disks; ns is per event.
bench_claim() {
	local n=${B_CLAIM_N:-32} impl state rep r d a b
	need_multipath
	check "$B_PATHS sd paths appear" wait_for_devs "$B_PATHS" 600 || end_scenario
	cp /etc/bench/claim/theirs.conf /etc/multipath.conf
	# theirs answers "not a path" without asking when multipathd is neither running nor
	# enabled: make it look enabled, as on a host with multipath-tools installed
	mkdir -p /etc/systemd/system/sysinit.target.wants
	: > /etc/systemd/system/sysinit.target.wants/multipathd.service
	start_udevd
	for impl in ours ours_u theirs floor; do claim_loop $impl "$n" > "$OUT/claim-$impl.sh"; done
	for state in new known; do
		if [ $state = new ]; then
			: > /etc/multipath/wwids
		else
			for d in $(sd_list); do scsi_wwid "$d"; done | sort -u | sed 's|.*|/&/|' > /etc/multipath/wwids
		fi
		# Every disk here is a path of a 4-path LU: ours claims each. Theirs, without a
		# running multipathd, claims a LU only once the wwids file lists it (multipathd would
		# add it and trigger change events): it is the oracle for the "known" state only.
		for impl in ours ours_u theirs; do
			sh "$OUT/claim-$impl.sh" 2>/dev/null | grep -c '^DM_MULTIPATH_DEVICE_PATH="*1"*$' > "$OUT/claim-$impl.count"
		done
		a=$(cat "$OUT/claim-ours.count") b=$(cat "$OUT/claim-theirs.count")
		expect_eq "claim ($state wwids file): ours claims all $n paths" "$a" "$n"
		expect_eq "claim ($state wwids file): ours' multipath -u too" "$(cat "$OUT/claim-ours_u.count")" "$n"
		if [ $state = known ]; then
			expect_eq "claim (known wwids file): theirs agrees" "$b" "$n"
		else
			note "claim (new wwids file): theirs claims $b of the $n paths"
		fi
		rep=1
		while [ "$rep" -le "$B_REPS" ]; do
			for impl in theirs ours ours_u floor; do
				r=$(benchrun -t "$B_STEP_TIMEOUT" sh -c "sh $OUT/claim-$impl.sh > /dev/null 2>&1")
				set -- $r
				note "BENCH topo=$B_TOPO impl=$impl env=udev step=claim-$state rep=$rep ns=$(($1 / n)) rss=$2 rc=$3 user=$(($4 / n)) sys=$(($5 / n))"
				echo "    $impl claim ($state wwids) #$rep: $(awk -v t="$1" -v n="$n" 'BEGIN { printf "%.2f ms per event", t / n / 1e6 }'), rc $3"
			done
			rep=$((rep + 1))
		done
	done
	stop_udevd
}
