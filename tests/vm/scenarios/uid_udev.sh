#!/bin/sh
# uid_udev: our WWID is the ID_SERIAL this host's udev rules give, with no udev database
# read. systemd-udevd runs with the host's storage rules, sg3-utils-udev's included
# (55-scsi-sg3_id.rules runs sg_inq on sysfs' VPD copies), over a scsi_debug SAN (2 hosts x
# 2 LUs: T10 vendor id + NAA locally assigned, where the two rankings disagree) and a
# dual-path qemu disk (NAA registered + vendor specific, where they agree).
#   1. with the rule: every path's WWID = `udevadm info` ID_SERIAL (sg3: "1Linux_scsi_debug_..."),
#      -v3 names the ranking and the designator; maps are made under those names;
#   2. the rule removed, udev re-run: ID_SERIAL is scsi_id's again and so is ours; the maps
#      made under the sg3 names are kept (said on stderr), nothing renamed or recreated;
#   3. /etc/multipath/uid_ranking (what the initramfs hook records) says sg3_utils: ours
#      follows the record, not the rules it finds.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
# vm-disk: dual 64M
# vm-files: /lib/udev/rules.d/50-udev-default.rules:/lib/udev/rules.d/50-udev-default.rules /lib/udev/rules.d/60-block.rules:/lib/udev/rules.d/60-block.rules /lib/udev/rules.d/60-persistent-storage.rules:/lib/udev/rules.d/60-persistent-storage.rules
# vm-files: /lib/udev/rules.d/55-scsi-sg3_id.rules:/lib/udev/rules.d/55-scsi-sg3_id.rules /lib/udev/rules.d/58-scsi-sg3_symlink.rules:/lib/udev/rules.d/58-scsi-sg3_symlink.rules
# vm-bins: /bin/udevadm
# vm-timeout: 300
. /lib/vmtest.sh
need_multipath
# ours without udev synchronisation: only its identity is under test here
export DM_DISABLE_UDEV=1

check "6 sd paths appear" wait_for_devs 6 || end_scenario
[ -x /usr/bin/sg_inq ] || { fail "sg_inq in the VM" "missing (sg3-utils on the host)"; end_scenario; }
mkdir -p /lib/systemd /etc/multipath /run/udev
ln -sf /bin/udevadm /lib/systemd/systemd-udevd   # one binary, named by argv[0]
[ -e /bin/sed ] || ln -sf "$(command -v sed)" /bin/sed   # the sg3 rule calls /bin/sed

udev_id_serial() { udevadm info --query=property --name="/dev/$1" | sed -n 's/^ID_SERIAL=//p'; }

# ours_wwids: "sdX WWID" per path from -v3's identity lines ("sdX: WWID w = ID_SERIAL from ...").
ours_wwids() {
	multipath -d -v3 > /dev/null 2> /tmp/v3.err
	sed -n 's/^\(sd[a-z]*\): WWID \([^ ]*\) = .*/\1 \2/p' /tmp/v3.err | sort
}
# all_equal_udev TAG: every sd path's WWID (ours) is udev's ID_SERIAL; returns the count.
all_equal_udev() {
	ours_wwids > /tmp/ours
	n=0
	for s in $(sd_list); do
		want=$(udev_id_serial "$s")
		got=$(awk -v s="$s" '$1 == s { print $2 }' /tmp/ours)
		expect_eq "$1: $s WWID = udev ID_SERIAL" "$got" "$want"
		[ -n "$want" ] && n=$((n + 1))
	done
	expect_eq "$1: every path has an ID_SERIAL" "$n" 6
}

step "systemd-udevd with the host's rules, sg3-utils-udev's included; coldplug"
check "udevd starts" /lib/systemd/systemd-udevd --daemon --resolve-names=never
udevadm trigger --type=subsystems --action=add
udevadm trigger --type=devices --action=add
udevadm settle --timeout=120
capture rank multipath --uid-ranking -v3
expect_eq "ranking: sg3_utils" "$rank" sg3_utils
expect_match "ranking: because of the rule" "$VMT_STDERR" "55-scsi-sg3_id.rules sets ID_SERIAL"

step "1. with sg3-utils-udev: ours = udev's ID_SERIAL"
all_equal_udev sg3
sdbg=$(sd_of_driver scsi_debug | head -n1)
expect_match "scsi_debug: the T10 form (the issue's case)" "$(udev_id_serial "$sdbg")" '^1Linux_scsi_debug_[0-9]+$'
expect_match "-v3: ranking and designator" "$(grep "^$sdbg: " /tmp/v3.err)" \
	"from T10 vendor id \\(page 0x83 designator 0\\), ranking sg3_utils"
qd=$(sd_of_driver virtio_scsi | head -n1)
expect_eq "qemu disk: NAA registered, both rankings" "$(udev_id_serial "$qd")" "$VMT_DISK1_WWID"
cp /tmp/ours /tmp/ours.sg3
check_rc "maps made under the sg3 names" 0 multipath
maps_sg3=$(dmsetup ls --target multipath | awk '{ print $1 }' | sort | paste -sd' ' -)
expect_eq "3 maps, named by udev's ID_SERIAL" \
	"$maps_sg3" "$(awk '{ print $2 }' /tmp/ours.sg3 | sort -u | paste -sd' ' -)"

step "2. the rule removed: scsi_id's ID_SERIAL, ours follows; live maps keep their names"
rm /lib/udev/rules.d/55-scsi-sg3_id.rules /lib/udev/rules.d/58-scsi-sg3_symlink.rules
udevadm control --reload
udevadm trigger --type=devices --subsystem-match=block --action=change
udevadm settle --timeout=120
capture rank multipath --uid-ranking
expect_eq "ranking: scsi_id" "$rank" scsi_id
for s in $(sd_list); do
	expect_eq "udev now says scsi_id's for $s" "$(udev_id_serial "$s")" "$(scsi_wwid "$s")"
done
capture out multipath
expect_eq "kept: exit 0" "$VMT_RC" 0
expect_match "kept: said so" "$VMT_STDERR" "1Linux_scsi_debug_[0-9]+: this run computes WWID 3[0-9a-f]+ for its 2 paths, but the live map was made with WWID 1Linux_scsi_debug_[0-9]+: kept as it is"
expect_eq "kept: same maps, same names" \
	"$(dmsetup ls --target multipath | awk '{ print $1 }' | sort | paste -sd' ' -)" "$maps_sg3"
for m in $maps_sg3; do
	expect_eq "kept: $m uuid" "$(dm_uuid "$m")" "mpath-$m"
done
check_rc "maps removed" 0 multipath -F
all_equal_udev scsi_id

step "3. the recorded ranking wins over the rules found"
echo sg3_utils > /etc/multipath/uid_ranking
capture rank multipath --uid-ranking -v3
expect_eq "recorded: sg3_utils" "$rank" sg3_utils
expect_match "recorded: why" "$VMT_STDERR" "recorded in /etc/multipath/uid_ranking"
ours_wwids > /tmp/ours.rec
expect_eq "recorded: the sg3 WWIDs again" "$(cat /tmp/ours.rec)" "$(cat /tmp/ours.sg3)"
rm /etc/multipath/uid_ranking

udevadm control --exit
end_scenario
