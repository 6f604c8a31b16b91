#!/bin/sh
# systemd_revalidate: failed paths come back under the host's systemd as PID 1 (vm-systemd; our
# package layout, multipath-coldplug.service and multipath-rerun.timer enabled). Coldplug makes
# 2 maps (2 LUs x 2 hosts, multibus) at boot. Proves: two paths failed by I/O (one per map) start
# one multipath-revalidate@ unit (one per host), which reinstates both once they are set running,
# with no manual run, and exits: no unit, no process of ours, no lock left. "systemctl stop" of a
# revalidator mid-way stops it cleanly (no lock left, no error). The rerun timer is active at boot;
# with a drop-in of a short interval it fires, and its run picks the stopped work up: the path
# comes back. O_DIRECT readers never see an error.
# vm-systemd: multipath-coldplug.service multipath-rerun.timer
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh tests/vm/lib/systemd/multibus.conf:/etc/multipath.conf
# vm-timeout: 400
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
H0=$(scsi_hosts scsi_debug | head -n1)

# rv_units: the loaded multipath-revalidate@ units that are active or starting.
rv_units() { systemctl list-units --no-legend --plain 'multipath-revalidate@*' | awk '$3 ~ /^(active|activating)$/ { print $1 }'; }
# rv_finished: how many revalidate@ units have ended so far (systemd's journal).
rv_finished() { journalctl -b --no-pager -o cat -u 'multipath-revalidate@*' | grep -c '^multipath-revalidate@[0-9]*[.]service: \(Deactivated successfully\|Failed\)'; }
# locks_free: no lock file of ours is held.
locks_free() { for _l in /run/multipath/*.lock; do [ -e "$_l" ] || continue; flock -n "$_l" true || return 1; done; }
all_active() { for _p in $P0; do kstate_is "$(dm_holder "$_p")" "$_p" A || return 1; done; }
all_failed() { for _p in $P0; do kstate_is "$(dm_holder "$_p")" "$_p" F || return 1; done; }
has_rv_unit() { [ -n "$(rv_units)" ]; }
no_rv_unit() { [ -z "$(rv_units)" ]; }

expect_eq "PID 1 is systemd" "$(cat /proc/1/comm)" systemd
expect_eq "multipath-coldplug.service succeeded" "$(systemctl show -P Result multipath-coldplug.service)" success
check "4 sd paths" wait_for_devs 4 || end_scenario
udevadm settle --timeout=60
lu_oracle
check "coldplug made one map per LU with both paths" wait_until 60 maps_right || { maps_right; end_scenario; }
glue_idle 60
P0=$(sd_of_host "$H0")
MAPS=$(mp_maps)

step "the rerun timer"
run systemctl --no-pager list-timers --all
expect_eq "multipath-rerun.timer is active" "$(systemctl is-active multipath-rerun.timer)" active
check "it has a next elapse time" test -n "$(systemctl show -P NextElapseUSecMonotonic multipath-rerun.timer)"

step "2 paths (host $H0, one per map) fail under I/O"
reader_start $(for m in $MAPS; do echo "/dev/mapper/$m"; done)
for p in $P0; do set_path_state "$p" offline; done
check "the kernel fails $(echo $P0)" wait_until 60 all_failed
check "a multipath-revalidate@ unit starts" wait_until 30 has_rv_unit
sleep 2
run systemctl --no-pager list-units --all 'multipath-revalidate@*'
expect_eq "one revalidate unit for both maps" "$(rv_units | wc -l)" 1
u=$(rv_units | head -n1)
pid=$(systemctl show -P MainPID "$u")
# (polled: once, in a loaded TCG run, the process list read right after the unit started
# showed no revalidator, and the next read did)
check "one revalidator process, the unit's main process ($pid)" \
	wait_until 10 sh -c "[ \"\$(. /lib/glue.sh; revalidator_pids | paste -sd' ' -)\" = '$pid' ]" ||
	_cmdlines | grep -e --revalidate
expect_match "it runs in the unit's cgroup" "$(sed -n 's/^0:://p' "/proc/$pid/cgroup")" "/$u\$"
expect_eq "the paths stay failed while offline" "$(all_failed && echo F)" F

step "they come back with no manual run"
t0=$(uptime_s)
for p in $P0; do set_path_state "$p" running; done
check "$(echo $P0) reinstated" wait_until 90 all_active
note "reinstated $(since "$t0")s after they were set running"
check "the unit exits once nothing is failed" wait_until 60 no_rv_unit
check "no revalidator and its lock free" wait_until 30 no_revalidator
expect_eq "one revalidate unit ran, and ended well" "$(rv_finished)" 1
expect_empty "nothing of ours runs" "$(ours_running)"
check "no lock of ours held" locks_free

step "systemctl stop mid-way"
p=$(echo $P0 | cut -d' ' -f1)
m=$(dm_holder "$p")
set_path_state "$p" offline
check "the kernel fails $p" wait_until 60 kstate_is "$m" "$p" F
check "a revalidate unit runs again" wait_until 30 has_rv_unit
u=$(rv_units | head -n1)
sleep 2
check "systemctl stop $u" systemctl stop "$u"
expect_empty "no revalidate unit active" "$(rv_units)"
check "no revalidator process, its lock free" no_revalidator
check "no lock of ours held" locks_free
expect_eq "the stopped unit ended well (clean exit on SIGTERM)" "$(rv_finished)" 2
expect_empty "no error line from the revalidators" "$(journalctl -b --no-pager -o cat -u 'multipath-revalidate@*' -p err)"
set_path_state "$p" running
sleep 3
expect_eq "nobody brings $p back meanwhile (the revalidator was stopped)" "$(kstate "$m" "$p")" F

step "the timer picks the work up (drop-in: a short interval)"
mkdir -p /run/systemd/system/multipath-rerun.timer.d
printf '[Timer]\nOnBootSec=\nOnActiveSec=1s\nOnUnitActiveSec=1h\nRandomizedDelaySec=0\nAccuracySec=1s\n' \
	> /run/systemd/system/multipath-rerun.timer.d/short.conf
t0=$(uptime_s)
run systemctl daemon-reload
run systemctl restart multipath-rerun.timer
check "the timer fired: multipath-rerun.service ran" \
	wait_until 60 sh -c "journalctl -b --no-pager -o cat -u multipath-rerun.service | grep -q '^Finished multipath-rerun.service'"
check "$p reinstated" wait_until 90 kstate_is "$m" "$p" A
note "reinstated $(since "$t0")s after the timer was restarted"
rs=$(systemctl show -P ExecMainStartTimestampMonotonic multipath-rerun.service)
re=$(systemctl show -P ExecMainExitTimestampMonotonic multipath-rerun.service)
note "multipath-rerun.service took $(( (re - rs) / 1000 )) ms (it waits until each job it starts runs or is done)"
check "the revalidate unit exits" wait_until 60 no_rv_unit
check "no revalidator and its lock free" wait_until 30 no_revalidator
glue_idle 60
expect_empty "nothing of ours runs" "$(ours_running)"
expect_eq "failed reads through the maps" "$(reader_stop)" 0
journalctl -b --no-pager -o short-monotonic -u 'multipath-revalidate@*' -u multipath-rerun.service -u multipath-rerun.timer
journalctl -b --no-pager -o short-monotonic -t multipath.hotplug
expect_empty "no error line from the handler" "$(journalctl -b --no-pager -o cat -t multipath.hotplug -p err)"
expect_empty "0 udev worker timeouts" "$(journalctl -b --no-pager -o cat -u systemd-udevd.service | grep -Ei 'timed? ?out|taking a long time|killed')"
expect_empty "no failed unit" "$(systemctl list-units --failed --no-legend --plain --no-pager)"
end_scenario
