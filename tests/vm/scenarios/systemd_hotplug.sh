#!/bin/sh
# systemd_hotplug: path events under the host's systemd as PID 1 (vm-systemd; our package layout
# from "make install"). No disk at boot; then 3 scsi_debug hosts x 4 LUs arrive at once: 12 path
# add events. Proves: the events start multipath-hotplug@SEQNUM.service units (systemd's journal),
# the runs happen inside those units' cgroups and never in udevd's (not the detached path), the
# burst is coalesced into few runs (at most one per 3 events), every map is complete, the units
# are gone afterwards (nothing of ours runs), 0 udev worker timeouts, no error line.
# vm-systemd: multipath-coldplug.service
# vm-scsi-debug: vpd_use_hostno=0 add_host=0 num_tgts=1 max_luns=4
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh
# vm-timeout: 300
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
SDBG=/sys/bus/pseudo/drivers/scsi_debug
EVENTS=12

expect_eq "PID 1 is systemd" "$(cat /proc/1/comm)" systemd
udevadm settle --timeout=60
# cgroup_sampler: every 0.3 s, "CGROUP CMDLINE" of each runner (multipath.hotplug --run) and each
# multipath run, into /tmp/cgroups, until /tmp/sampler.stop.
cgroup_sampler() {
	while [ ! -e /tmp/sampler.stop ]; do
		_cmdlines | grep -E '^[0-9]+ ([^ ]*/)?(sh [^ ]*multipath[.]hotplug --run|multipath -v0)' |
			while read -r pid cmd; do
				cg=$(sed -n 's/^0:://p' "/proc/$pid/cgroup" 2> /dev/null) && echo "$cg $cmd"
			done >> /tmp/cgroups
		usleep 300000
	done
}
: > /tmp/cgroups
cgroup_sampler &
SPID=$!

step "3 hosts x 4 LUs at once: $EVENTS path add events"
t0=$(uptime_s)
echo 3 > $SDBG/add_host
check "$EVENTS sd paths appear" wait_for_devs $EVENTS 120 || end_scenario
check "udevadm settle" udevadm settle --timeout=120
lu_oracle
check "one map per LU with all 3 paths" wait_until 120 maps_right || { maps_right; end_scenario; }
glue_idle 120
note "all $(lu_wwids | wc -l) maps complete $(since "$t0")s after the hosts were added"
touch /tmp/sampler.stop
wait $SPID

step "what systemd saw"
units=$(journalctl -b --no-pager -o cat -u 'multipath-hotplug@*' | grep -c '^multipath-hotplug@[0-9]*[.]service: Deactivated successfully')
runs=$(journalctl -b --no-pager -o cat -t multipath.hotplug | grep -cE '^run: /sbin/multipath -v0( --no-udev-wait)?$')
journalctl -b --no-pager -o short-monotonic -u 'multipath-hotplug@*'
journalctl -b --no-pager -o short-monotonic -t multipath.hotplug
note "$EVENTS events: $units multipath-hotplug@ units, $runs runs"
check "the events started multipath-hotplug@ units" test "$units" -ge 1
check "coalesced: at most one run per 3 events ($runs runs)" test "$runs" -ge 1 -a "$runs" -le $((EVENTS / 3))
sort -u /tmp/cgroups | sed 's/^/    /'
# Runs under udev no longer wait for udev (--no-udev-wait): one can end between two
# samples, so the samples taken are checked, not counted.
note "$(sort -u /tmp/cgroups | wc -l) distinct runner/run processes sampled"
expect_empty "every run ran in a multipath-hotplug@ unit's cgroup (none detached from udevd)" \
	"$(grep -v '^/system.slice/system-multipath\\x2dhotplug.slice/multipath-hotplug@[0-9]*[.]service ' /tmp/cgroups)"
expect_empty "no multipath-hotplug@ unit left" \
	"$(systemctl list-units --all --no-legend --plain 'multipath-hotplug@*' | grep -v ' inactive ')"
expect_empty "nothing of ours runs" "$(ours_running)"
expect_empty "no error line from the handler" "$(journalctl -b --no-pager -o cat -t multipath.hotplug -p err)"
expect_empty "0 udev worker timeouts" "$(journalctl -b --no-pager -o cat -u systemd-udevd.service | grep -Ei 'timed? ?out|taking a long time|killed')"
expect_empty "no failed unit" "$(systemctl list-units --failed --no-legend --plain --no-pager)"
end_scenario
