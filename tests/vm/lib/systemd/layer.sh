# shellcheck shell=bash
# layer.sh — host side of "vm-systemd" (sourced by mkinitramfs.sh): the host's systemd as the
# VM's PID 1. The image gets one more archive, cached like the base: systemd, journald,
# systemctl, journalctl, udevadm (= systemd-udevd), the fstab generator, util-linux mount (what
# systemd runs for mount units), flock and partx (the udev rules and the handler use them),
# a minimal unit set (udev and its trigger, journald and its sockets, the sysinit/basic/
# local-fs targets) and the system's storage udev rules. /init execs systemd after it loaded
# the modules (the disks exist at boot, as after an initramfs); the default target
# vmtest.target starts vmtest.service, which runs the scenario (lib/systemd/run).

SD_BINS="/lib/systemd/systemd /lib/systemd/systemd-journald /bin/systemctl /bin/journalctl
	/bin/udevadm /bin/systemd-escape /lib/systemd/system-generators/systemd-fstab-generator /bin/mount /bin/umount
	/usr/bin/flock /usr/bin/partx"
SD_UNITS="sysinit.target basic.target local-fs.target local-fs-pre.target swap.target
	sockets.target timers.target paths.target slices.target shutdown.target umount.target
	final.target poweroff.target
	systemd-udevd.service systemd-udevd-control.socket systemd-udevd-kernel.socket
	systemd-udev-trigger.service systemd-udev-settle.service
	systemd-journald.service systemd-journald.socket systemd-journald-dev-log.socket
	systemd-journald-audit.socket"
# Pulled in at boot as Debian's static wants do (the rest of Debian's sysinit set is left out:
# it is not what is tested, and every unit costs boot time under TCG).
SD_WANTS="sysinit.target:systemd-udevd.service sysinit.target:systemd-udev-trigger.service
	sysinit.target:systemd-journald.service sockets.target:systemd-udevd-control.socket
	sockets.target:systemd-udevd-kernel.socket sockets.target:systemd-journald.socket
	sockets.target:systemd-journald-dev-log.socket"
# udev: defaults, block, persistent storage (blkid, by-uuid), device-mapper, systemd's tags.
SD_RULES="50-udev-default.rules 60-block.rules 60-persistent-storage.rules 55-dm.rules
	60-persistent-storage-dm.rules 95-dm-notify.rules 99-systemd.rules"

# sd_layer_key: what the layer is made of (the host files' identity and this file).
sd_layer_key() {
	{
		cat "${BASH_SOURCE[0]}" "$(dirname "${BASH_SOURCE[0]}")"/vmtest.* "$(dirname "${BASH_SOURCE[0]}")"/run
		ls -lL --time-style=+%s $SD_BINS
		for u in $SD_UNITS; do ls -lL --time-style=+%s "/lib/systemd/system/$u"; done
		for r in $SD_RULES; do ls -lL --time-style=+%s "/lib/udev/rules.d/$r"; done
	} 2>&1 | sha256sum | cut -c1-16
}

# sd_layer TREE: fill TREE with the layer.
sd_layer() {
	local tree=$1 here b u r t
	here=$(dirname "${BASH_SOURCE[0]}")
	for b in $SD_BINS; do
		vm_add_bin "$tree" "$b" || { echo "mkinitramfs: vm-systemd: $b missing (apt-get install systemd udev util-linux)" >&2; return 1; }
	done
	mkdir -p "$tree"/{sbin,lib/systemd/system,etc/systemd/system,lib/udev/rules.d,var/log,usr/lib}
	ln -sf /bin/udevadm "$tree/lib/systemd/systemd-udevd"   # one binary, named by argv[0]
	ln -sf /usr/sbin/dmsetup "$tree/sbin/dmsetup"          # where dmsetup's rules call it
	for u in $SD_UNITS; do cp "/lib/systemd/system/$u" "$tree/lib/systemd/system/"; done
	for t in $SD_WANTS; do
		mkdir -p "$tree/lib/systemd/system/${t%%:*}.wants"
		ln -sf "../${t#*:}" "$tree/lib/systemd/system/${t%%:*}.wants/${t#*:}"
	done
	for r in $SD_RULES; do cp "/lib/udev/rules.d/$r" "$tree/lib/udev/rules.d/"; done
	install -m 0644 "$here/vmtest.target" "$here/vmtest.service" "$tree/lib/systemd/system/"
	install -m 0755 "$here/run" "$tree/lib/vmtest-systemd"
	ln -sf /lib/systemd/system/vmtest.target "$tree/etc/systemd/system/default.target"
	# A fixed machine id, the users and groups udev's rules and journald name, os-release.
	echo 5d1ab1e5c0ffee00112233445566778a > "$tree/etc/machine-id"
	printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$tree/etc/passwd"
	grep -E '^(root|tty|disk|kmem|dialout|cdrom|floppy|tape|audio|video|input|kvm|render|sgx|lp|systemd-journal|nogroup|utmp|adm):' /etc/group |
		cut -d: -f1-3 | sed 's/$/:/' > "$tree/etc/group"
	for g in input kvm render sgx systemd-journal; do
		grep -q "^$g:" "$tree/etc/group" || echo "$g:x:$((900 + ${#g})):" >> "$tree/etc/group"
	done
	cp /usr/lib/os-release "$tree/usr/lib/os-release"
	ln -sf ../usr/lib/os-release "$tree/etc/os-release"
	mkdir -p "$tree/var" && ln -sfn ../run "$tree/var/run"
	: > "$tree/etc/fstab"
}

# sd_install OVERLAY SCENARIO: "make install" of the built tree into the overlay (our units,
# rules, handler and binaries where the package puts them), and the units the scenario's
# vm-systemd line names enabled as "systemctl enable" would (their WantedBy=).
sd_install() {
	local ov=$1 scenario=$2 u t
	# -s and MAKEFLAGS= : quiet, and no jobserver from an outer make (this may run under check-vm).
	MAKEFLAGS='' make -s -C "$ROOT" BUILD="$BUILD" DESTDIR="$ov" install > /dev/null || return 1
	rm -rf "$ov/usr/share/man" "$ov/usr/share/doc" "$ov/usr/share/initramfs-tools" "$ov/usr/share/lintian"
	for u in $(vm_directive vm-systemd "$scenario"); do
		[ -f "$ov/lib/systemd/system/$u" ] || { echo "mkinitramfs: vm-systemd: unit $u is not installed" >&2; return 1; }
		for t in $(sed -n 's/^WantedBy=//p' "$ov/lib/systemd/system/$u"); do
			mkdir -p "$ov/etc/systemd/system/$t.wants"
			ln -sf "/lib/systemd/system/$u" "$ov/etc/systemd/system/$t.wants/$u"
		done
	done
}
