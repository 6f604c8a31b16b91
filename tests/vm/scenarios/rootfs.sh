#!/bin/sh
# rootfs: root on a multipathed LU. The initramfs is made by Debian's mkinitramfs with our
# initramfs-tools hook, installed by "make install" into a scratch DESTDIR
# (tests/vm/prep/rootfs.sh, tests/vm/initramfs-tools.sh); the disk (one LU through two
# controllers) holds a DOS table and an ext4 root (this harness's busybox environment, a
# marker file, a 256 MiB checksummed file). The initramfs' udev claims the paths (their
# partitions are removed). The kernel boots with
# root=/dev/mapper/mproot-part1, "mproot" being the alias the system's multipath.conf gives
# the LU (so the hook must have carried the configuration): the boot script loads
# dm-multipath, runs multipath and kpartx, init mounts the partition map and runs this
# scenario from it. Then the active path is
# offlined and the file - larger than the VM's memory, so not from the page cache - is read
# again through the map: no I/O error, same checksum.
# vm-disk: dual 320M
# vm-initrd: tests/vm/prep/rootfs.sh 256 mproot
# vm-append: root=/dev/mapper/mproot-part1 rw init=/init
# vm-mem: 224
# vm-timeout: 400
. /lib/vmtest.sh

W=mproot                 # the map's name: multipath.conf's alias for disk 1
P=$W-part1

# active_paths NAME: the paths of the map's active priority group (status A), in order.
# Status: ... <#PGs> <current PG> { <A|E|D> <#ps status args> .. <#paths> <#ps info args>
#   { <dev> <A|F> <fail count> <ps info>.. } }
active_paths() {
	dmsetup status "$1" | awk '{
		i = 4; i += $i + 1; i += $i + 1          # features, hardware handler
		npg = $i; i += 2
		for (g = 0; g < npg; g++) {
			st = $i; i++; i += $i + 1            # state, selector status args
			np = $i; na = $(i + 1); i += 2
			for (p = 0; p < np; p++) { if (st == "A") print $i; i += 3 + na }
		}
	}'
}
# path_state NAME DEV: A or F, as the kernel has it.
path_state() {
	dmsetup status "$1" | awk -v d="$2" '{ for (i = 1; i < NF; i++) if ($i == d) { print $(i + 1); exit } }'
}

step "the root file system is the multipath partition map"
run dmsetup ls
run dmsetup table
run cat /proc/mounts
expect_eq "/ is mounted from $P" "$(awk '$5 == "/" { d = $3 } END { print d }' /proc/self/mountinfo)" "$(dm_devt "$P")"
expect_eq "$P: kpartx's partition map (UUID)" "$(dm_uuid "$P")" "part1-mpath-$VMT_DISK1_WWID"
expect_eq "$P: sits on the multipath map" "$(dm_slaves "$P")" "$(dm_of "$W")"
expect_eq "$W: multipath's map of disk 1, named by the config's alias (UUID)" "$(dm_uuid "$W")" "mpath-$VMT_DISK1_WWID"
set -- $(sd_of_driver virtio_scsi)
expect_eq "$W: both controllers' paths are its slaves" "$(dm_slaves "$W" | paste -sd' ' -)" "$(printf '%s\n' "$@" | sort | paste -sd' ' -)"
# The initramfs carries the udev claim (56-multipath-claim.rules + multipath_claim): the
# paths were claimed by the first udev events of the boot, which removed their partitions
# (partx -d, as 68-del-part-nodes.rules does) so that nothing opens sdX1 instead of the map's.
for d in "$@"; do
	expect_empty "$d: claimed in the initramfs (no partitions left on the path)" \
		"$(cd /sys/block/$d && ls -d $d[0-9]* 2>/dev/null)"
done
expect_match "the initramfs ran our handler for the map (kernel log)" "$(dmesg)" \
	"multipath\\.hotplug\\[[0-9]+\\]: map dm-[0-9]+ \\($W\\): .*kpartx -a -n -p -part /dev/dm-[0-9]+\$"
expect_eq "the marker file reads back" "$(cat /rootfs-marker)" "$VMT_ROOT_MARKER"
expect_eq "big.bin: larger than memory" \
	"$(awk -v b="$VMT_ROOT_BIG_BYTES" '/^MemTotal:/ { print (b > $2 * 1024) ? "yes" : "no" }' /proc/meminfo)" yes
expect_eq "big.bin: checksum" "$(sha256sum < /big.bin | cut -d' ' -f1)" "$VMT_ROOT_BIG_SHA256"

step "offline the active path, read big.bin again through the map"
act=$(active_paths "$W" | head -n1)
down=$(sd_by_devt "$act")
other=$(printf '%s\n' "$@" | grep -vx "$down")
expect_match "an active path to offline" "$down" '^sd[a-z]+$'
run dmsetup status "$W"
run set_path_state "$down" offline
echo 3 > /proc/sys/vm/drop_caches
t0=$(date +%s)
sum=$(sha256sum < /big.bin)
rc=$?
note "read $((VMT_ROOT_BIG_BYTES >> 20)) MiB in $(( $(date +%s) - t0 ))s with $down offline"
expect_eq "read with $down offline: exit status" "$rc" 0
expect_eq "read with $down offline: checksum" "${sum%% *}" "$VMT_ROOT_BIG_SHA256"
run dmsetup status "$W"
expect_eq "$down ($act) is failed in the map" "$(path_state "$W" "$act")" F
expect_eq "$other carries the I/O" "$(active_paths "$W")" "$(devt "$other")"
expect_empty "no I/O error above the map" \
	"$(dmesg | grep -E 'Buffer I/O error|EXT4-fs error|I/O error, dev dm-|critical medium error, dev dm-')"
expect_eq "the marker still reads back" "$(cat /rootfs-marker)" "$VMT_ROOT_MARKER"
run set_path_state "$down" running
end_scenario
