#!/bin/sh
# hotplug_input: the handler does not trust its event. /sbin/multipath is replaced by a recorder
# (its arguments and the environment it got), then the handler gets hostile events:
#   DEVPATH '--config=/tmp/x/sda' (an option), '/devices/../../tmp/sda', one with a newline and a
#   forged log line, MAJOR '8x': each is ignored with one escaped error line, nothing runs;
#   a real add event carrying MULTIPATH_CONF, SYSFS_PATH and MULTIPATH_HOTPLUG_LOG: the run is
#   "multipath -v0" with none of them (and no event variable), the log file named is not made;
#   a PATH_FAILED change of the map with MAJOR set and MINOR empty: the dev_t comes from
#   /sys/block/dm-N/dev and the revalidator is started for that map.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=1
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh multipath/hotplug/multipath.hotplug:/lib/multipath/multipath.hotplug
# vm-bins: /usr/bin/flock /usr/bin/setsid
# vm-timeout: 200
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh
LOG=/run/multipath/hotplug.log
H=/lib/multipath/multipath.hotplug

check "2 sd paths appear" wait_for_devs 2 || end_scenario
glue_install
glue_log_start
lu_oracle
W=$(lu_wwids)
capture out multipath -v0
check "the map" maps_right || end_scenario
DM=$(dm_of "$W")
# The recorder: one line per call; as the revalidator it holds the revalidator's lock a moment.
rm -f /sbin/multipath
cat > /sbin/multipath <<'EOF'
#!/bin/sh
echo "args=[$*] conf=${MULTIPATH_CONF-unset} sysfs=${SYSFS_PATH-unset} log=${MULTIPATH_HOTPLUG_LOG-unset} action=${ACTION-unset} devpath=${DEVPATH-unset}" >> /tmp/mp.calls
case $* in *--revalidate*) flock /run/multipath/revalidate.lock sleep 1 ;; esac
EOF
chmod 0755 /sbin/multipath
: > /tmp/mp.calls
# event ENV...: the handler for one block event with this environment (and nothing else).
event() { env -i PATH=/sbin:/usr/sbin:/bin:/usr/bin SUBSYSTEM=block "$@" $H block; }

step "hostile DEVPATH and numbers are ignored"
: > $LOG
event ACTION=add DEVPATH='--config=/tmp/x/sda' MAJOR=8 MINOR=0 DEVTYPE=disk
event ACTION=add DEVPATH='/devices/../../tmp/sda' MAJOR=8 MINOR=0 DEVTYPE=disk
event ACTION=add DEVPATH="$(printf '/devices/x/sda\n<3>multipath.hotplug[1]: forged')" DEVTYPE=disk
event ACTION=add DEVPATH=/devices/x/block/sda MAJOR=8x MINOR=0 DEVTYPE=disk
glue_idle 30
cat $LOG
expect_eq "4 events, 4 log lines" "$(wc -l < $LOG)" 4
expect_eq "each one an error line saying why" "$(grep -c ': err: event ignored: ' $LOG)" 4
expect_match "the option-like DEVPATH" "$(cat $LOG)" "DEVPATH '--config=/tmp/x/sda' is not under /devices/ or /block/"
expect_match "the .. DEVPATH" "$(cat $LOG)" "DEVPATH '/devices/../../tmp/sda' has characters"
expect_match "the newline is escaped, on the event's own line" "$(cat $LOG)" "DEVPATH '/devices/x/sda\\\\n<3>multipath.hotplug\\[1\\]: forged' has characters"
expect_empty "no forged line" "$(grep -v '^multipath.hotplug\[[0-9]*\]: ' $LOG)"
expect_match "the non-numeric MAJOR" "$(cat $LOG)" "MAJOR '8x' / MINOR '0' are not numbers"
expect_empty "multipath never ran" "$(cat /tmp/mp.calls)"

step "what a run trusts of the environment"
: > $LOG
sdb=$(sd_list | tail -n1)
# The disk must look new to the handler (in no map): take it out of the map's holders view.
dmsetup remove "$W" 2> /dev/null || dm_remove_all
event ACTION=add DEVPATH="$(readlink -f /sys/block/$sdb | sed 's|^/sys||')" $(tr '\n' ' ' < /sys/block/$sdb/uevent) \
	SEQNUM=77 MULTIPATH_CONF=/tmp/evil.conf SYSFS_PATH=/tmp/fakesys MULTIPATH_HOTPLUG_LOG=/tmp/evil.log
glue_idle 30
cat $LOG /tmp/mp.calls
expect_eq "one run, with -v0 only and none of the event's variables" "$(cat /tmp/mp.calls)" \
	"args=[-v0] conf=unset sysfs=unset log=unset action=unset devpath=unset"
check "the log file the event named was not made" test ! -e /tmp/evil.log
expect_match "the event was logged where root said" "$(cat $LOG)" ": info: add $sdb: run queued: multipath-hotplug started"

step "MAJOR without MINOR: the dev_t from sysfs"
/usr/local/sbin/multipath -v0
check "the map again" maps_right
DM=$(dm_of "$W")
: > $LOG
: > /tmp/mp.calls
event ACTION=change DEVPATH=/devices/virtual/block/$DM MAJOR="$(cut -d: -f1 /sys/block/$DM/dev)" MINOR= \
	DM_ACTION=PATH_FAILED DM_PATH=8:16 DM_NAME="$W"
glue_idle 30
cat $LOG /tmp/mp.calls
expect_match "the map was found: revalidator started" "$(cat $LOG)" ": info: map $DM \\($W\\): path 8:16 failed: multipath-revalidate started\$"
expect_match "as multipath -v2 --revalidate, with an empty environment" "$(cat /tmp/mp.calls)" \
	"^args=\\[-v2 --revalidate\\] conf=unset sysfs=unset log=unset action=unset devpath=unset\$"
expect_empty "no error line" "$(grep -v ': info: ' $LOG)"
end_scenario
