#!/bin/sh
# dropin: ours replaces Debian's multipath-tools on a host with sg3-utils-udev and renames
# nothing. systemd-udevd runs with the host's storage and device-mapper rules (55-scsi-sg3_id
# included); the SAN is scsi_debug (2 hosts x 2 LUs, where scsi_id's and sg3's ID_SERIAL
# differ) plus a dual-path qemu disk. One LU has a multipaths alias in multipath.conf.
#   1. Debian's multipath makes the maps with user_friendly_names and writes its bindings and
#      wwids files;
#   2. ours runs on its live maps: no map renamed or recreated;
#   3. its maps are flushed; ours runs on the same configuration and files: every map comes
#      back with the same name (alias, friendly name), the same WWID (dm uuid) and the same
#      paths, and the bindings and wwids files say what they said.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
# vm-disk: dual 64M
# vm-modules: dm-service-time dm-queue-length scsi_dh_alua
# vm-files: /lib/udev/rules.d/50-udev-default.rules:/lib/udev/rules.d/50-udev-default.rules /lib/udev/rules.d/60-block.rules:/lib/udev/rules.d/60-block.rules /lib/udev/rules.d/60-persistent-storage.rules:/lib/udev/rules.d/60-persistent-storage.rules
# vm-files: /lib/udev/rules.d/55-scsi-sg3_id.rules:/lib/udev/rules.d/55-scsi-sg3_id.rules /lib/udev/rules.d/58-scsi-sg3_symlink.rules:/lib/udev/rules.d/58-scsi-sg3_symlink.rules
# vm-files: /lib/udev/rules.d/55-dm.rules:/lib/udev/rules.d/55-dm.rules /lib/udev/rules.d/60-persistent-storage-dm.rules:/lib/udev/rules.d/60-persistent-storage-dm.rules /lib/udev/rules.d/95-dm-notify.rules:/lib/udev/rules.d/95-dm-notify.rules
# vm-bins: /sbin/multipath /bin/udevadm
# vm-bins: /lib/multipath/libchecktur.so /lib/multipath/libcheckdirectio.so /lib/multipath/libprioconst.so /lib/multipath/libprioalua.so /lib/multipath/libpriosysfs.so /lib/multipath/libforeign-nvme.so
# vm-timeout: 300
. /lib/vmtest.sh
need_multipath
OURS=/usr/local/sbin/multipath
THEIRS=/sbin/multipath

check "6 sd paths appear" wait_for_devs 6 || end_scenario
check "Debian's multipath-tools in the VM" test -x "$THEIRS"
mkdir -p /lib/systemd /etc/multipath /run/udev
ln -sf /bin/udevadm /lib/systemd/systemd-udevd   # one binary, named by argv[0]
ln -sf /usr/sbin/dmsetup /sbin/dmsetup           # where the dm rules call it
[ -e /bin/sed ] || ln -sf "$(command -v sed)" /bin/sed   # the sg3 rule calls /bin/sed

udev_id_serial() { udevadm info --query=property --name="/dev/$1" | sed -n 's/^ID_SERIAL=//p'; }
# maps_now: "name uuid paths" per multipath map, sorted.
maps_now() {
	for m in $(dmsetup ls --target multipath | awk '$1 != "No" { print $1 }'); do
		echo "$m $(dm_uuid "$m") $(dm_slaves "$m" | sort | paste -sd, -)"
	done | sort
}

step "systemd-udevd with the host's rules; coldplug"
check "udevd starts" /lib/systemd/systemd-udevd --daemon --resolve-names=never
udevadm trigger --type=subsystems --action=add
udevadm trigger --type=devices --action=add
udevadm settle --timeout=120
sdbg=$(sd_of_driver scsi_debug | head -n1)
alias_wwid=$(udev_id_serial "$sdbg")
expect_match "udev names scsi_debug LUs by the T10 designator (sg3-utils-udev)" "$alias_wwid" '^1Linux_scsi_debug_'
cat > /etc/multipath.conf <<EOF
defaults {
	user_friendly_names yes
	find_multipaths greedy
}
multipaths {
	multipath {
		wwid "$alias_wwid"
		alias dbdisk
	}
}
EOF

step "1. Debian's multipath makes the maps"
check_rc "theirs: multipath" 0 "$THEIRS"
udevadm settle --timeout=120
maps_now > /tmp/theirs.maps
cat /tmp/theirs.maps
expect_eq "theirs: 3 maps" "$(wc -l < /tmp/theirs.maps)" 3
expect_match "theirs: the alias" "$(cat /tmp/theirs.maps)" "^dbdisk mpath-$alias_wwid "
expect_eq "theirs: 2 friendly names" "$(grep -c '^mpath[a-z]* ' /tmp/theirs.maps)" 2
cp /etc/multipath/bindings /tmp/theirs.bindings
cp /etc/multipath/wwids /tmp/theirs.wwids
cat /tmp/theirs.bindings /tmp/theirs.wwids

step "2. ours on their live maps: nothing renamed or recreated"
capture out "$OURS" -v3
expect_eq "ours on live maps: exit 0" "$VMT_RC" 0
expect_match "ours: sg3 ranking" "$VMT_STDERR" "uid ranking sg3_utils"
expect_empty "ours: no create or rename" "$(printf '%s\n' "$out" | grep -E '^(create|rename):')"
expect_eq "ours: the same maps" "$(maps_now)" "$(cat /tmp/theirs.maps)"

step "3. their maps flushed, ours on the same files"
check_rc "theirs: multipath -F" 0 "$THEIRS" -F
udevadm settle --timeout=120
expect_empty "no maps left" "$(maps_now)"
capture out "$OURS"
expect_eq "ours: exit 0" "$VMT_RC" 0
udevadm settle --timeout=120
maps_now > /tmp/ours.maps
cat /tmp/ours.maps
expect_eq "ours: every map back with the same name, WWID and paths" "$(cat /tmp/ours.maps)" "$(cat /tmp/theirs.maps)"
expect_eq "bindings file: the same bindings" "$(grep -v '^#' /etc/multipath/bindings | sort)" \
	"$(grep -v '^#' /tmp/theirs.bindings | sort)"
expect_eq "wwids file: the same WWIDs" "$(grep -v '^#' /etc/multipath/wwids | sort)" \
	"$(grep -v '^#' /tmp/theirs.wwids | sort)"
for m in $(awk '{ print $1 }' /tmp/ours.maps); do
	check "/dev/mapper/$m exists" test -b "/dev/mapper/$m"
done
check_rc "ours: flush" 0 "$OURS" -F
udevadm settle --timeout=120
udevadm control --exit
end_scenario
