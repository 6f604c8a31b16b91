# shellcheck shell=sh
# claim.sh (/lib/claim.sh in the VM) — helpers for the claim scenarios (claim_uuid, claim_lvm,
# claim_deb): systemd-udevd with the system's storage rules, our hotplug rule and our claim
# rule (56-multipath-claim.rules), coldplug, and udev's view of a device. Source after
# /lib/vmtest.sh and /lib/glue.sh.

# claim_udevd [pkg]: the installed layout (glue_install; pkg: the files are in place already,
# from the Debian package), then systemd-udevd as an initramfs or early boot starts it. From
# here on libdevmapper synchronizes with udev.
claim_udevd() {
	[ "${1:-}" = pkg ] || glue_install
	ln -sf /usr/sbin/dmsetup /sbin/dmsetup          # where dmsetup's rules call it
	mkdir -p /lib/systemd /run/lock
	ln -sf /bin/udevadm /lib/systemd/systemd-udevd  # one binary, named by argv[0]
	unset DM_DISABLE_UDEV
	check "systemd-udevd starts" /lib/systemd/systemd-udevd --daemon --resolve-names=never ||
		end_scenario
}

# claim_coldplug [noparts]: replay every block device's add event (as systemd-udev-trigger.service
# does at boot) and wait until the maps, their partition maps (unless noparts: LUs without a
# partition table) and the handlers are done.
claim_coldplug() {
	run udevadm trigger --action=add --subsystem-match=block
	check "udevadm settle" udevadm settle --timeout=120
	lu_oracle
	check "one map per LU with 2+ paths, each with exactly its paths" wait_until 60 maps_right ||
		{ maps_right; return 1; }
	[ "${1:-}" = noparts ] || wait_until 60 parts_right
	udevadm settle --timeout=60
	glue_idle 60
	udevadm settle --timeout=60
}

# prop DEV KEY: the udev property KEY of /dev/DEV ("" when unset).
prop() { udevadm info -q property -n "/dev/$1" 2> /dev/null | sed -n "s/^$2=//p"; }

# paths_of WWID: the sd disks of that LU (from /tmp/oracle, lu_oracle).
paths_of() { awk -v w="$1" '$2 "" == w "" { print $1 }' /tmp/oracle; }

# part_nodes DISK: its partitions the kernel has (sysfs), space-separated.
part_nodes() { for _p in /sys/block/"$1"/"$1"[0-9]*; do [ -e "$_p" ] && printf '%s ' "${_p##*/}"; done; }

# expect_claimed DISK: udev marked it as a multipath path, and it has no partitions left.
expect_claimed() {
	expect_eq "$1: DM_MULTIPATH_DEVICE_PATH=1" "$(prop "$1" DM_MULTIPATH_DEVICE_PATH)" 1
	expect_eq "$1: ID_FS_TYPE=mpath_member" "$(prop "$1" ID_FS_TYPE)" mpath_member
	expect_eq "$1: SYSTEMD_READY=0" "$(prop "$1" SYSTEMD_READY)" 0
	expect_empty "$1: no partition nodes left" "$(part_nodes "$1")$(ls /dev | grep -E "^$1[0-9]+\$")"
}

# expect_not_claimed DISK: udev left it alone.
expect_not_claimed() {
	expect_eq "$1: DM_MULTIPATH_DEVICE_PATH=0" "$(prop "$1" DM_MULTIPATH_DEVICE_PATH)" 0
	expect_ne "$1: ID_FS_TYPE is not mpath_member" "$(prop "$1" ID_FS_TYPE)" mpath_member
	expect_ne "$1: SYSTEMD_READY is not 0" "$(prop "$1" SYSTEMD_READY)" 0
}
