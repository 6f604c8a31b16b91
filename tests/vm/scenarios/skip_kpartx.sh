#!/bin/sh
# skip_kpartx: a map whose settings say skip_kpartx yes gets no partition maps from the hotplug
# handler, while its neighbour does. The run that loads the map leaves the mark
# /run/multipath/skip_kpartx/<name> (multipath/kpartx_mark.h) before the table, and the handler
# reads it on the map's event. Turning the setting off again removes the mark at the next load.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh multipath/hotplug/multipath.hotplug:/lib/multipath/multipath.hotplug multipath/hotplug/hotplug-dispatch:/lib/multipath/hotplug-dispatch
# vm-bins: /usr/bin/flock
# vm-timeout: 240
. /lib/vmtest.sh
need_multipath
. /lib/glue.sh

check "4 sd paths appear" wait_for_devs 4 || end_scenario
glue_install
printf 'label: dos\nstart=2048, size=8192, type=83\n' | sfdisk -q --no-reread "/dev/$(sd_list | head -n1)"
lu_oracle
set -- $(lu_wwids)
A=$1 B=$2
expect_eq "2 LUs with 2 paths each" "$(lu_wwids | wc -l)" 2
mkdir -p /etc
printf 'multipaths {\n\tmultipath {\n\t\twwid %s\n\t\tskip_kpartx yes\n\t}\n}\n' "$B" > /etc/multipath.conf
cat /etc/multipath.conf

step "coldplug through the handler"
uevent sh -c '/lib/multipath/hotplug-dispatch "$SUBSYSTEM" &' &
UEVENT_PID=$!
usleep 300000
for s in $(sd_list); do echo add > "/sys/block/$s/uevent"; done
check "maps for both LUs, each with its 2 paths" wait_until 60 maps_right || { maps_right; end_scenario; }
check "$A: partition map made" wait_until 60 dm_devt "$A-part1"
check "handler idle" wait_until 60 glue_idle
capture marks ls /run/multipath/skip_kpartx
expect_eq "the mark names $B only" "$marks" "$B"
check "$B: no partition map" sh -c "! dmsetup info '$B-part1' > /dev/null 2>&1"
check "handler says why $B has no partition map" sh -c "dmesg | grep -qF '($B): skip_kpartx: no partition maps'"

step "skip_kpartx off again: the next load removes the mark"
: > /etc/multipath.conf
check "flush $B" multipath -f "$B"
check "run makes $B again" multipath
check "mark gone" sh -c "[ ! -e '/run/multipath/skip_kpartx/$B' ]"
check "$B: partition map made from its new map's event" wait_until 60 dm_devt "$B-part1"
kill "$UEVENT_PID" 2> /dev/null
check "handler idle" wait_until 60 glue_idle
end_scenario
