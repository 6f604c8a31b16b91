#!/bin/sh
# checkers: path checkers and prioritizers on a real kernel, and how probing picks them.
# scsi_debug, 1 LU through 2 hosts; it claims implicit ALUA (TPGS=1): host 0's port
# active/optimized, host 1's active/non-optimized.
# - detect_checker / detect_prio (default yes): the ALUA LU gets checker tur and prio alua,
#   and prio sysfs once the kernel's ALUA handler is attached (device/access_state); the
#   checker timeout is the device's sysfs timeout unless checker_timeout is set; -v3 says
#   which checker and prio ran and why.
# - Detection off, one path's LU stopped (START STOP UNIT): it answers INQUIRY but fails
#   TEST UNIT READY with NOT READY 04/02, an HP active/standby controller's standby state.
#   hp_sw keeps it as a ghost in a lower group (prio hp_sw 4 / 2); tur and directio leave
#   it out; none sends nothing and keeps it.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=1
# vm-modules: scsi_dh_alua
# vm-bins: /usr/bin/sg_start
. /lib/vmtest.sh
need_multipath
check "2 sd paths appear" wait_for_devs 2 || end_scenario
A=$(sd_of_host 0); B=$(sd_of_host 1)
W=$(scsi_wwid "$A")

# conf LINES...: the scsi_debug device entry with these lines ($DEFAULTS: a defaults line)
DEFAULTS=
conf() {
	{
		[ -n "$DEFAULTS" ] && printf 'defaults {\n\t%s\n}\n' "$DEFAULTS"
		echo 'devices {'
		echo '	device {'
		echo '		vendor "Linux"'
		echo '		product "scsi_debug"'
		for l in "$@"; do printf '\t\t%s\n' "$l"; done
		echo '	}'
		echo '}'
	} > /etc/multipath.conf
}
# detail OUT sdX: the path's "checker ... prio ..." line from multipath -v3 output
detail() { printf '%s\n' "$1" | grep -A3 "^   $2 " | grep '^     checker ' | sed 's/^ *//'; }
# state OUT sdX: the path's state in the -v3 detail
state() { printf '%s\n' "$1" | grep "^   $2 " | sed 's/.* state=\([a-z]*\) .*/\1/'; }

step "detection: ALUA paths get tur and alua; the timeout is the device's"
echo 45 > /sys/block/$A/device/timeout
conf "path_grouping_policy group_by_prio"
capture out multipath -d -v3
expect_eq "exit status" "$VMT_RC" 0
expect_eq "$A (host 0): tur, alua 50, sysfs timeout" "$(detail "$out" $A)" \
	"checker tur (detect_checker, TPGS=1), timeout 45 s (sysfs device/timeout); prio alua (detect_prio, TPGS=1) = 50"
expect_eq "$B (host 1): non-optimized 10" "$(detail "$out" $B)" \
	"checker tur (detect_checker, TPGS=1), timeout $(cat /sys/block/$B/device/timeout) s (sysfs device/timeout); prio alua (detect_prio, TPGS=1) = 10"

step "configured: detection off, directio, checker_timeout 7 (defaults), weightedpath"
DEFAULTS="checker_timeout 7"
conf "detect_checker no" "detect_prio no" "path_checker directio" "prio weightedpath" \
	"prio_args \"hbtl 1:.:.:. 3\""
DEFAULTS=
capture out multipath -d -v3
C=/etc/multipath.conf
expect_eq "$A: as configured, with the lines" "$(detail "$out" $A)" \
	"checker directio ($C:10, devices Linux/scsi_debug), timeout 7 s ($C:2, defaults); prio weightedpath ($C:11, devices Linux/scsi_debug) = 0"
expect_match "$B: weightedpath matches host 1" "$(detail "$out" $B)" "prio weightedpath \\(.*\\) = 3\$"

step "a stopped LU on $B: NOT READY 04/02 to TEST UNIT READY, INQUIRY still answered"
check "stop $B" sg_start --stop /dev/$B
check_rc "TEST UNIT READY on $B fails" 2 sg_turs /dev/$B
check "INQUIRY on $B still works" sg_inq /dev/$B

conf "detect_checker no" "detect_prio no" "path_checker hp_sw" "prio hp_sw" "path_grouping_policy group_by_prio"
capture out multipath -v3
expect_eq "hp_sw: exit status" "$VMT_RC" 0
expect_eq "hp_sw: $A up" "$(state "$out" $A)" ready
expect_eq "hp_sw: $B a ghost (standby)" "$(state "$out" $B)" ghost
expect_match "hp_sw: $A prio 4" "$(detail "$out" $A)" "prio hp_sw \\(.*devices Linux/scsi_debug\\) = 4\$"
expect_match "hp_sw: $B prio 2" "$(detail "$out" $B)" "prio hp_sw \\(.*devices Linux/scsi_debug\\) = 2\$"
expect_eq "hp_sw: the standby path kept, in the second group" "$(mp_groups "$(dm_table $W)")" \
	"$(devt $A)|$(devt $B)"
check "remove the map" dm_remove_all

conf "detect_checker no" "detect_prio no" "path_checker tur"
capture out multipath
expect_eq "tur: exit status" "$VMT_RC" 0
expect_eq "tur: $B left out" "$(mp_shape $W)" "$(devt $A)"
expect_match "tur: why" "$VMT_STDERR" "$B: TEST UNIT READY failed: sense key NOT READY asc 04/02.*\\(left out\\)"
check "remove the map" dm_remove_all

conf "detect_checker no" "detect_prio no" "path_checker directio"
capture out multipath
expect_eq "directio: $B left out" "$(mp_shape $W)" "$(devt $A)"
expect_match "directio: why" "$VMT_STDERR" "$B: direct read of sector 0 failed"
check "remove the map" dm_remove_all

conf "detect_checker no" "detect_prio no" "path_checker none" "path_grouping_policy multibus"
capture out multipath
expect_eq "none: both paths, no command asked" "$(mp_shape $W)" "$(devts_of $A $B | paste -sd, -)"
check "remove the map" dm_remove_all
check "start $B again" sg_start --start /dev/$B

step "the kernel's ALUA handler attached: detect_prio picks sysfs"
for s in $A $B; do check "attach alua to $s" sh -c "echo alua > /sys/block/$s/device/dh_state"; done
expect_eq "access_state of $A" "$(cat /sys/block/$A/device/access_state)" "active/optimized"
conf "path_grouping_policy group_by_prio"
capture out multipath -v3
expect_eq "exit status" "$VMT_RC" 0
expect_eq "$A: sysfs 50" "$(detail "$out" $A)" \
	"checker tur (detect_checker, TPGS=1), timeout 45 s (sysfs device/timeout); prio sysfs (detect_prio, TPGS=1, access_state in sysfs) = 50"
expect_match "$B: sysfs 10" "$(detail "$out" $B)" "prio sysfs \\(detect_prio, TPGS=1, access_state in sysfs\\) = 10\$"
expect_eq "groups by the kernel's view, best first" "$(mp_groups "$(dm_table $W)")" "$(devt $A)|$(devt $B)"
end_scenario
