#!/bin/sh
# hotplug_burst: 100 path events within a second. A scsi_debug SAN of 4 hosts x 3 LUs (12
# paths, 4 per LU) and no map: 100 handlers get the environment of an add event of the
# existing paths (each path several times, interleaved); the events reach them within a
# second, then they all run at once. Each only queues a run and returns; the runs are
# coalesced (a handful, not one per event) and end with exactly one map per LU holding exactly
# its 4 paths. Then a second burst of 60 add events
# runs together with real remove/add cycles - paths deleted and a host rescanned, their
# kernel events dispatched concurrently (busybox uevent, as in the hotplug scenario): the maps
# end up holding exactly the paths that exist, still the same maps. Every event leaves
# exactly one info line in the log (/run/multipath/hotplug.log) and no error line.
# vm-scsi-debug: vpd_use_hostno=0 add_host=4 num_tgts=1 max_luns=3
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh multipath/hotplug/multipath.hotplug:/lib/multipath/multipath.hotplug multipath/hotplug/hotplug-dispatch:/lib/multipath/hotplug-dispatch
# vm-bins: /usr/bin/flock
# vm-timeout: 400
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
LOG=/run/multipath/hotplug.log
mkdir -p -m 0700 /run/multipath

check "12 sd paths appear" wait_for_devs 12 || end_scenario
glue_install
lu_oracle
expect_eq "3 LUs with 4 paths each" "$(awk '{ print $2 }' /tmp/oracle | sort | uniq -c | awk '{ print $1 }' | paste -sd' ' -)" "4 4 4"

# Each path's add event environment (what the kernel sends: its uevent file has MAJOR, MINOR,
# DEVNAME, DEVTYPE), computed beforehand so that a burst starts quickly.
for s in $(sd_list); do
	eval "ENV_$s=\"ACTION=add SUBSYSTEM=block DEVPATH=$(readlink -f "/sys/block/$s" | sed 's|^/sys||') $(tr '\n' ' ' < "/sys/block/$s/uevent")\""
done
PIDS=""
# inject_add sdX: start, in the background, the handler for an add event of sdX. It waits at
# two gates, FIFOs this shell holds open read-write (fds 7 and 8, so nobody blocks in open()):
# at the first it receives its event and notes the time (builtins only: no fork, no exec), at
# the second, opened once every event has arrived, it runs - all of them at once.
inject_add() {
	( exec 7>&- 8>&-
	  read -r _ < /tmp/gate1; read -r up _ < /proc/uptime; echo "$up" >> /tmp/arrived
	  read -r _ < /tmp/gate2
	  eval "exec env \$ENV_$1 $GLUE_HANDLER block" ) >> /tmp/handler.out 2>&1 &
	PIDS="$PIDS $!"
}
gates_setup() {
	rm -f /tmp/gate1 /tmp/gate2
	mkfifo /tmp/gate1 /tmp/gate2
	exec 7<> /tmp/gate1 8<> /tmp/gate2
	: > /tmp/arrived
}
arrived() { [ "$(wc -l < /tmp/arrived)" -ge "$1" ]; }
# burst N: deliver the N events (gate 1: one line each), wait until every handler has its
# event, then let them all run (gate 2). ARRIVAL: seconds from the first arrival to the last.
burst() {
	yes go | head -n "$1" >&7
	wait_until 30 arrived "$1"
	yes go | head -n "$1" >&8
	ARRIVAL=$(sort -n /tmp/arrived | sed -n '1p;$p' | paste -sd' ' - | awk '{ printf "%.2f", $2 - $1 }')
}
gates_close() { exec 7>&- 8>&-; }

# burst_wait: wait for every injected handler; BAD = how many exited non-zero.
burst_wait() {
	BAD=0
	for _p in $PIDS; do wait "$_p" || BAD=$((BAD + 1)); done
	PIDS=""
}

step "burst 1: 100 add events at once, no map yet"
: > $LOG
paths=$(sd_list)
gates_setup
i=0
while [ $i -lt 100 ]; do
	for s in $paths; do
		[ $i -lt 100 ] || break
		inject_add "$s"
		i=$((i + 1))
	done
done
expect_eq "100 handlers ready" "$(echo $PIDS | wc -w)" 100
t0=$(uptime_s)
burst 100
burst_wait
gates_close
note "burst 1: the 100 events arrived within ${ARRIVAL}s, all handled after $(since "$t0")s"
expect_eq "100 events arrived" "$(wc -l < /tmp/arrived)" 100
expect_eq "... within a second" "$(echo "$ARRIVAL" | awk '{ print ($1 < 1) ? "yes" : "no" }')" yes
expect_eq "every handler exited 0" "$BAD" 0
check "the runs finish" glue_idle 300
note "burst 1: maps done after $(since "$t0")s"
run dmsetup table
maps_right > /tmp/why && pass "exactly one map per LU, each with exactly its 4 paths" ||
	fail "exactly one map per LU, each with exactly its 4 paths" "$(cat /tmp/why)"
expect_eq "one info line per event in the log" "$(grep -c ': info: add sd[a-z]*: ' $LOG)" 100
runs=$(grep -c ': info: run: /sbin/multipath -v0$' $LOG)
note "burst 1: $runs multipath runs for the 100 events"
check "burst 1: the events were coalesced: 1 to 5 runs ($runs)" test "$runs" -ge 1 -a "$runs" -le 5
expect_empty "burst 1: no other line (errors)" "$(grep -v -e ': info: add sd[a-z]*: ' -e ': info: run: ' $LOG)"
[ -s /tmp/handler.out ] && cat /tmp/handler.out
devt_of_map=""
for w in $(lu_wwids); do devt_of_map="$devt_of_map $w=$(dm_devt "$w")"; done

step "burst 2: remove/add cycles of real paths + 60 add events"
uevent sh -c '/lib/multipath/hotplug-dispatch "$SUBSYSTEM" &' &
UEVENT_PID=$!
usleep 300000
: > $LOG
# One path of each LU goes for good; two paths of the first host go and come back (rescan).
gone=""
for w in $(lu_wwids); do gone="$gone $(awk -v w="$w" '$2 == w { p = $1 } END { print p }' /tmp/oracle)"; done
host0=$(scsi_hosts scsi_debug | head -n1)
back=$(sd_of_host "$host0" | head -n2 | paste -sd' ' -)
echo "deleted for good:$gone; deleted and rescanned: $back"
stay=$(sd_list | grep -vxE "$(echo $gone $back | tr ' ' '|')")
gates_setup
i=0
while [ $i -lt 60 ]; do
	for p in $stay; do
		[ $i -lt 60 ] || break
		inject_add "$p"
		i=$((i + 1))
	done
done
t0=$(uptime_s)
burst 60
for s in $gone $back; do echo 1 > "/sys/block/$s/device/delete" & done
wait_until 20 sh -c "! ls -d $(for s in $back; do printf '/sys/block/%s ' "$s"; done)"
echo "- - -" > "/sys/class/scsi_host/host$host0/scan"
note "burst 2: 60 add events (arrived within ${ARRIVAL}s) running, 5 paths deleted, their host rescanned, in $(since "$t0")s"
burst_wait
gates_close
check "the rescan brought back 2 paths: 9 paths" wait_for_devs 9 30
lu_oracle
check "the maps settle" wait_until 60 maps_right
glue_idle 60
note "burst 2: settled after $(since "$t0")s"
kill $UEVENT_PID
run dmsetup table
expect_eq "every injected handler exited 0" "$BAD" 0
maps_right > /tmp/why && pass "the maps hold exactly the 9 paths that exist, 3 per LU" ||
	fail "the maps hold exactly the 9 paths that exist, 3 per LU" "$(cat /tmp/why)"
for w in $(lu_wwids); do
	expect_eq "$w: 3 paths" "$(map_paths "$w" | wc -w)" 3
	expect_match "$w: the same map as after burst 1 (dev_t)" "$devt_of_map" " $w=$(dm_devt "$w")( |\$)"
done
# The log has the injected events' lines and the kernel's (the rescan's adds, the removes).
nadd=$(grep -c ': info: add sd[a-z]*: ' $LOG)
check "burst 2: one info line per injected event ($nadd add lines, 60 injected)" test "$nadd" -ge 60
expect_eq "the kernel's remove events: one handler line each" \
	"$(grep -cE ': info: remove sd[a-z]+: removal queued' $LOG)" 5
note "burst 2: $(grep -c ': info: run: /sbin/multipath -v0$' $LOG) multipath runs"
expect_empty "burst 2: no error line" "$(grep -v ': info: ' $LOG)"
[ -s /tmp/handler.out ] && cat /tmp/handler.out
end_scenario
