#!/bin/sh
# alua: priorities and group_by_prio on scsi_debug's ALUA model (1 LU through 4 hosts; REPORT
# TARGET PORT GROUPS says host 0 active/optimized, 1 active/non-optimized, 2 standby,
# 3 active/optimized). prio alua + group_by_prio gives 3 groups, best first; -ll shows them as a
# tree (golden) and as JSON; failback immediate switches back to group 1 on a re-run.
# vm-scsi-debug: vpd_use_hostno=0 add_host=4 num_tgts=1 max_luns=1
. /lib/vmtest.sh
need_multipath
check "4 sd paths appear" wait_for_devs 4 || end_scenario
W=$(scsi_wwid sda)
cat > /etc/multipath.conf <<CONF
devices {
	device {
		vendor "Linux"
		product "scsi_debug"
		path_grouping_policy group_by_prio
		prio alua
		failback immediate
	}
}
CONF

capture out multipath
expect_eq "exit status" "$VMT_RC" 0
expect_eq "groups by priority, best first" "$(mp_groups "$(dm_table $W)")" \
	"$(devt sda),$(devt sdd)|$(devt sdb)|$(devt sdc)"

step "-ll: the topology tree (golden)"
# The kernel shows a group "enabled" until I/O selects it: read once.
dd if=/dev/mapper/$W of=/dev/null bs=4096 count=1 iflag=direct 2>/dev/null
capture out multipath -ll
expect_eq "exit status" "$VMT_RC" 0
want="$W $(dm_of $W) Linux,scsi_debug
size=8.0M features='0' hwhandler='0' wp=rw
|-+- policy='round-robin 0' prio=50 status=active
| |- 0:0:0:0 sda 8:0  active ready running
| \`- 3:0:0:0 sdd 8:48 active ready running
|-+- policy='round-robin 0' prio=10 status=enabled
| \`- 1:0:0:0 sdb 8:16 active ready running
\`-+- policy='round-robin 0' prio=1 status=enabled
  \`- 2:0:0:0 sdc 8:32 active ready running"
expect_eq "-ll tree" "$out" "$want"
capture out multipath -l
expect_match "-l: no checker run (undef), prio 0" "$out" "^\\| \\|- 0:0:0:0 sda 8:0  active undef running\$"
expect_match "-l: group prio 0, status from the kernel" "$out" "prio=0 status=active"
capture out multipath -ll -j
expect_eq "-ll -j exit status" "$VMT_RC" 0
expect_eq "JSON: 3 groups" "$(printf '%s\n' "$out" | grep -c '"group":')" 3
expect_match "JSON: the map" "$out" "\"wwid\": \"$W\""
expect_match "JSON: a standby path's prio" "$out" '"prio": 1$'
capture out multipath -ll sdc
expect_match "-ll with a device: its map" "$out" "^$W "
capture out multipath -ll sdz
expect_eq "-ll with an unknown device: exit 2" "$VMT_RC" 2

step "failback immediate: a re-run switches back to the best group"
run dmsetup message "$W" 0 switch_group 2
dd if=/dev/mapper/$W of=/dev/null bs=4096 count=1 iflag=direct 2>/dev/null
expect_match "kernel now uses group 2" "$(dm_status $W)" ' multipath 2 [0-9]+ [0-9]+ [0-9]+ 3 2 '
capture out multipath
expect_match "switch_group reported" "$out" "^switch_group 1: $W\$"
expect_match "kernel back on group 1" "$(dm_status $W)" ' multipath 2 [0-9]+ [0-9]+ [0-9]+ 3 1 '
capture out multipath
expect_empty "and then nothing to do" "$out"
end_scenario
