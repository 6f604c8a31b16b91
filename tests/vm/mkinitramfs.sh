#!/bin/bash
# mkinitramfs.sh — build the initramfs that boots one VM scenario.
#
#   tests/vm/mkinitramfs.sh [-o OUT.cpio.gz] [-c EXTRA.conf] SCENARIO.sh
#
# The image is two gzip'ed cpio archives back to back (the kernel unpacks both):
#   base    — busybox-static + applet links, dmsetup, scsi_id, sg3-utils, e2fsprogs, sfdisk, their
#             shared libraries, and the kernel modules every scenario may load. It depends only on
#             host packages and this script, so it is cached under build/vm/cache/.
#   overlay — always fresh: /init, /lib/vmtest.sh, the scenario (/scenario.sh), /etc/vmtest.conf,
#             our built binaries (build/multipath, build/kpartx, build/devmap_name: whichever exist),
#             plus whatever the scenario's vm-modules / vm-bins / vm-files directives ask for.
# EXTRA.conf (shell assignments, e.g. the disk facts from run-scenario.sh) is appended to
# /etc/vmtest.conf. See tests/vm/README.md for the directives.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(realpath -m "${BUILD:-$ROOT/build}")
VMDIR=$BUILD/vm
. "$HERE/lib/host.sh"

out="" extra=""
while getopts "o:c:" opt; do
	case $opt in
	o) out=$OPTARG ;;
	c) extra=$OPTARG ;;
	*) echo "usage: $0 [-o OUT.cpio.gz] [-c EXTRA.conf] SCENARIO.sh" >&2; exit 1 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: $0 [-o OUT.cpio.gz] [-c EXTRA.conf] SCENARIO.sh" >&2; exit 1; }
scenario=$1
[ -f "$scenario" ] || { echo "mkinitramfs: $scenario: no such scenario" >&2; exit 1; }
name=$(basename "$scenario" .sh)
out=${out:-$VMDIR/$name.cpio.gz}

kernel=$(vm_kernel)
kver=$(vm_kver "$kernel")
mkdir -p "$VMDIR/cache" "$(dirname "$out")"
# Several runs may share build/vm (e.g. two sessions): one builder at a time.
exec 8>"$VMDIR/cache/.lock"
flock 8

# Tools every scenario gets. Required ones must exist on the host (scripts/deps.sh installs
# them); optional ones are skipped with a note.
REQUIRED_BINS="/usr/sbin/dmsetup /lib/udev/scsi_id /usr/sbin/mke2fs /usr/sbin/sfdisk"
OPTIONAL_BINS="/usr/bin/sg_inq /usr/bin/sg_vpd /usr/bin/sg_turs /usr/bin/sg_readcap
	/usr/sbin/e2fsck /usr/sbin/debugfs /usr/sbin/blkid /usr/sbin/losetup /usr/sbin/fdisk"
# Modules every scenario may load (loading is per scenario; see /init).
# crc64_rocksoft_generic: sd_mod's crc64-rocksoft wants the crypto provider, which its
# softdep ("crc64") does not name.
BASE_MODULES="scsi_mod sd_mod sg dm-mod dm-multipath dm-round-robin dm-queue-length dm-service-time
	scsi_debug virtio_pci virtio_scsi loop ext4 crc32c_generic crc64_rocksoft_generic"

# The base is keyed on everything it is made of: this script, the host library, the kernel,
# and the host binaries' identity (path, size, mtime).
key=$( {
	cat "$0" "$HERE/lib/host.sh"
	echo "$kernel $kver $BASE_MODULES"
	ls -lL --time-style=+%s /bin/busybox $REQUIRED_BINS $OPTIONAL_BINS 2>/dev/null
} | sha256sum | cut -c1-16)
base=$VMDIR/cache/base-$key.cpio.gz

if [ ! -s "$base" ]; then
	echo "mkinitramfs: building base image (kernel $kver)" >&2
	tree=$VMDIR/cache/base-tree
	rm -rf "$tree" "$VMDIR"/cache/base-*.cpio.gz
	trap 'rm -rf "$tree" "$base.tmp"' EXIT
	mkdir -p "$tree"/{bin,sbin,usr/bin,usr/sbin,usr/local/sbin,lib,lib64,etc,proc,sys,dev,tmp,run,mnt,root}
	busybox=$(command -v busybox || true)
	[ -n "$busybox" ] || { echo "mkinitramfs: busybox not found (apt-get install busybox-static)" >&2; exit 1; }
	if ldd "$busybox" >/dev/null 2>&1; then
		echo "mkinitramfs: $busybox is dynamic; install busybox-static" >&2; exit 1
	fi
	cp "$busybox" "$tree/bin/busybox"
	for applet in $("$busybox" --list); do
		[ "$applet" = busybox ] || ln -s busybox "$tree/bin/$applet"
	done
	for b in $REQUIRED_BINS; do
		vm_add_bin "$tree" "$b" || { echo "mkinitramfs: required tool $b missing (run make deps)" >&2; exit 1; }
	done
	for b in $OPTIONAL_BINS; do
		if [ -f "$b" ]; then vm_add_bin "$tree" "$b"; else echo "mkinitramfs: note: optional $b not on host, skipped" >&2; fi
	done
	ln -s mke2fs "$tree/usr/sbin/mkfs.ext2"
	ln -s mke2fs "$tree/usr/sbin/mkfs.ext4"
	[ -f /etc/mke2fs.conf ] && cp /etc/mke2fs.conf "$tree/etc/"
	# shellcheck disable=SC2086
	vm_add_modules "$tree" "$kver" $BASE_MODULES
	vm_cpio "$tree" "$base.tmp"
	mv "$base.tmp" "$base"
	rm -rf "$tree"
fi

# --- systemd layer (vm-systemd: the host's systemd as PID 1; lib/systemd/layer.sh) ----------
sdlayer=""
if vm_directive vm-systemd "$scenario" | grep -q ''; then
	. "$HERE/lib/systemd/layer.sh"
	sdlayer=$VMDIR/cache/systemd-$( { sd_layer_key; echo "$base"; } | sha256sum | cut -c1-16).cpio.gz
	if [ ! -s "$sdlayer" ]; then
		echo "mkinitramfs: building the systemd layer" >&2
		sdtree=$VMDIR/cache/systemd-tree
		rm -rf "$sdtree" "$VMDIR"/cache/systemd-*.cpio.gz
		mkdir -p "$sdtree"
		sd_layer "$sdtree" || exit 1
		# What the base has already (libc, libdevmapper...) need not be unpacked twice.
		zcat "$base" | cpio --quiet -it | while read -r f; do
			case $f in lib/*.so* | lib64/*.so* | usr/lib/*.so*) [ -f "$sdtree/$f" ] && rm -f "$sdtree/$f" ;; esac
		done
		vm_cpio "$sdtree" "$sdlayer.tmp"
		mv "$sdlayer.tmp" "$sdlayer"
		rm -rf "$sdtree"
	fi
fi

# --- overlay: rebuilt on every call ---------------------------------------------------
ov=$(mktemp -d "$VMDIR/overlay-$name.XXXXXX")
trap 'rm -rf "$ov" "$ov.cpio.gz" "$out.tmp"' EXIT
mkdir -p "$ov"/{lib/modules,etc,usr/local/sbin}
install -m 0755 "$HERE/lib/init" "$ov/init"
install -m 0644 "$HERE/lib/vmtest.sh" "$ov/lib/vmtest.sh"
install -m 0755 "$scenario" "$ov/scenario.sh"

# Our binaries, whichever are built; /usr/local/sbin comes first in the VM's PATH.
# VM_MULTIPATH / VM_KPARTX / VM_DEVMAP_NAME override where they are (make passes its variables).
ours=""
for b in multipath kpartx devmap_name; do
	var=VM_$(echo "$b" | tr a-z A-Z)
	src=${!var:-$BUILD/$b}
	if [ -f "$src" ] && [ -x "$src" ]; then
		vm_add_bin "$ov" "$src" "/usr/local/sbin/$b"
		ours="$ours $b"
	fi
done

[ -z "$sdlayer" ] || sd_install "$ov" "$scenario" || { echo "mkinitramfs: vm-systemd: make install failed" >&2; exit 1; }

mods=$(vm_directive vm-modules "$scenario" | tr '\n' ' ')
# shellcheck disable=SC2086
[ -z "${mods// }" ] || vm_add_modules "$ov" "$kver" $mods
mv "$ov/lib/modules/vmtest.dep" "$ov/lib/modules/vmtest-scenario.dep" 2>/dev/null || true

for b in $(vm_directive vm-bins "$scenario"); do
	vm_add_bin "$ov" "$b"
done
while read -r spec; do
	[ -n "$spec" ] || continue
	src=${spec%%:*} dst=${spec#*:}
	case $src in /*) ;; *) src=$ROOT/$src ;; esac
	[ -e "$src" ] || { echo "mkinitramfs: vm-files: $src: no such file" >&2; exit 1; }
	mkdir -p "$ov/$(dirname "$dst")"
	cp -a "$src" "$ov/$dst"
done < <(vm_directive vm-files "$scenario" | tr ' ' '\n')

sdbg=$(vm_directive vm-scsi-debug "$scenario" | head -n1)
{
	echo "# generated by tests/vm/mkinitramfs.sh"
	printf 'VMT_NAME=%q\n' "$name"
	printf 'VMT_MODULES=%q\n' "$mods"
	printf 'VMT_SCSI_DEBUG=%q\n' "$sdbg"
	printf 'VMT_HAS_SCSI_DEBUG=%q\n' "$(vm_directive vm-scsi-debug "$scenario" | wc -l)"
	printf 'VMT_OURS=%q\n' "${ours# }"
	[ -z "$sdlayer" ] || echo "VMT_SYSTEMD=1"
	[ -z "$extra" ] || cat "$extra"
} > "$ov/etc/vmtest.conf"

vm_cpio "$ov" "$ov.cpio.gz"
cat "$base" ${sdlayer:+"$sdlayer"} "$ov.cpio.gz" > "$out.tmp"
mv "$out.tmp" "$out"
rm -rf "$ov" "$ov.cpio.gz"
echo "$out"
