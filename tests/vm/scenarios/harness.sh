#!/bin/sh
# harness: proves the VM environment itself, with no code of ours — scsi_debug paths, the
# dual-controller qemu disk, udev's scsi_id oracle, sg3-utils, and a hand-built dm-multipath
# map through dmsetup (create, slaves, I/O, remove), and a disk the host prepared
# (vm-disk-prep: partition table + known data, seen through both controllers). If this fails, fix the harness before
# believing any other scenario's result.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
# vm-disk: dual 64M
# vm-disk-prep: tests/vm/prep/dos-2parts.sh
. /lib/vmtest.sh

step "devices"
check "6 sd disks appear" wait_for_devs 6
sdbg=$(sd_of_driver scsi_debug)
virt=$(sd_of_driver virtio_scsi)
expect_eq "scsi_debug: 2 hosts" "$(scsi_hosts scsi_debug | wc -l)" 2
expect_eq "scsi_debug: 4 sd paths" "$(echo $sdbg | wc -w)" 4
expect_eq "virtio_scsi: 2 sd paths (dual controller)" "$(echo $virt | wc -w)" 2

step "scsi_id oracle"
for s in $sdbg $virt; do echo "$s ($(sd_hctl $s)): $(scsi_wwid $s)"; done
expect_eq "scsi_debug: 2 distinct WWIDs" "$(for s in $sdbg; do scsi_wwid $s; done | sort -u | wc -l)" 2
for w in $(for s in $sdbg; do scsi_wwid $s; done | sort -u); do
	n=$(for s in $sdbg; do scsi_wwid $s; done | grep -cx "$w")
	expect_eq "scsi_debug: WWID $w seen on 2 paths" "$n" 2
done
for s in $virt; do
	expect_eq "virtio $s: scsi_id = 3+wwn" "$(scsi_wwid $s)" "$VMT_DISK1_WWID"
done

step "VPD 0x80 serials (sg_inq)"
if command -v sg_inq >/dev/null; then
	ser=""
	for s in $virt; do
		v=$(sg_inq -p 0x80 /dev/$s 2>&1 | sed -n 's/^ *Unit serial number: *//p')
		echo "$s: serial '$v'"
		ser="$ser $v"
	done
	expect_eq "virtio: the two controllers report serials CTRLA and CTRLB" "$(echo $ser | tr ' ' '\n' | sort | paste -sd' ' -)" "CTRLA CTRLB"
	set -- $sdbg
	expect_eq "scsi_debug: both paths of a LU share one serial" \
		"$(sg_inq -p 0x80 /dev/$1 | sed -n 's/^ *Unit serial number: *//p')" \
		"$(for s in $sdbg; do [ "$(scsi_wwid $s)" = "$(scsi_wwid $1)" ] && [ $s != $1 ] && sg_inq -p 0x80 /dev/$s; done | sed -n 's/^ *Unit serial number: *//p')"
else
	skip "VPD 0x80 serials" "sg_inq not in the initramfs"
fi

step "host-prepared disk (vm-disk-prep): partitions and data seen through both paths"
for s in $virt; do
	for p in 1 2; do
		eval start=\$VMT_DISK1_P${p}_START sectors=\$VMT_DISK1_P${p}_SECTORS sha=\$VMT_DISK1_P${p}_SHA256
		expect_eq "$s$p: start sector from the host's table" "$(cat /sys/block/$s/$s$p/start 2>&1)" "$start"
		expect_eq "$s$p: data written by the host" \
			"$(dd if=/dev/$s$p bs=64k count=$((sectors / 128)) iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1)" "$sha"
	done
done

step "hand-built dm-multipath map"
set -- $virt
size=$(cat /sys/block/$1/size)
table="0 $size multipath 0 0 2 1 round-robin 0 1 1 $(devt $1) 1 round-robin 0 1 1 $(devt $2) 1"
echo "$table"
check "dmsetup create (DM_DISABLE_UDEV=1)" dmsetup create hand --uuid mpath-hand --table "$table"
check "/dev/mapper/hand node exists" test -b /dev/mapper/hand
expect_eq "slaves" "$(dm_slaves hand | paste -sd' ' -)" "$(echo $virt | tr ' ' '\n' | sort | paste -sd' ' -)"
expect_eq "uuid" "$(dm_uuid hand)" "mpath-hand"
expect_eq "table shape: 2 PGs of 1" "$(mp_shape hand)" "$(devts_of $1 $2 | paste -sd'|' -)"
run dmsetup status hand
expect_match "status: 2 PGs, paths active" "$(dmsetup status hand)" " 2 1 A 0 1 0 [0-9]+:[0-9]+ A 0 E 0 1 0 [0-9]+:[0-9]+ A 0 *$|2 [0-9] [EA] 0 1 0 [0-9]+:[0-9]+ A 0 E 0 1 0 [0-9]+:[0-9]+ A 0"
dd if=/dev/urandom of=/tmp/pat bs=64k count=16 2>/dev/null
# at 48 MiB: past the partitions checked above
check "write 1 MiB through the map (O_DIRECT)" dd if=/tmp/pat of=/dev/mapper/hand bs=64k seek=768 oflag=direct
want=$(sha256sum < /tmp/pat | cut -d' ' -f1)
for s in $virt; do
	expect_eq "read back via $s" "$(dd if=/dev/$s bs=64k skip=768 count=16 iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1)" "$want"
done
check "dmsetup remove" dmsetup remove hand
expect_empty "no maps left" "$(dm_names)"
end_scenario
