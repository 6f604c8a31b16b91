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
# The path through host N (sd names follow the asynchronous scan, not the host order).
H0=$(sd_of_host 0); H1=$(sd_of_host 1); H2=$(sd_of_host 2); H3=$(sd_of_host 3)
# Within a group paths keep scan order (kernel name); host 0 and 3 share the best group.
best=$(printf '%s\n%s\n' "$H0" "$H3" | awk '{ print length($0), $0 }' | sort -n | cut -d' ' -f2 | paste -sd' ' -)
set -- $best; B1=$1; B2=$2
expect_eq "groups by priority, best first" "$(mp_groups "$(dm_table $W)")" \
	"$(devt $B1),$(devt $B2)|$(devt $H1)|$(devt $H2)"

step "-ll: the topology tree (golden)"
# The kernel shows a group "enabled" until I/O selects it: read once.
dd if=/dev/mapper/$W of=/dev/null bs=4096 count=1 iflag=direct 2>/dev/null
capture out multipath -ll
expect_eq "exit status" "$VMT_RC" 0
# one tree line: hctl dev dev_t (padded to the widest, 4) dm-state checker sysfs-state
pl() { printf '%s %s %-4s active %s running' "$(sd_hctl $1 | tr ' ' ':')" "$1" "$(devt $1)" "$2"; }
want="$W $(dm_of $W) Linux,scsi_debug
size=8.0M features='0' hwhandler='0' wp=rw
|-+- policy='service-time 0' prio=50 status=active
| |- $(pl $B1 ready)
| \`- $(pl $B2 ready)
|-+- policy='service-time 0' prio=10 status=enabled
| \`- $(pl $H1 ready)
\`-+- policy='service-time 0' prio=1 status=enabled
  \`- $(pl $H2 ready)"
expect_eq "-ll tree" "$out" "$want"
capture out multipath -l
expect_match "-l: no checker run (undef), prio 0" "$out" "^\\| \\|- $(pl $B1 undef)\$"
expect_match "-l: group prio 0, status from the kernel" "$out" "prio=0 status=active"
capture out multipath -ll -j
expect_eq "-ll -j exit status" "$VMT_RC" 0
expect_eq "JSON: 3 groups" "$(printf '%s\n' "$out" | grep -c '"group":')" 3
expect_match "JSON: the map" "$out" "\"wwid\": \"$W\""
expect_match "JSON: a standby path's prio" "$out" '"prio": 1$'
capture out multipath -ll $H2
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
