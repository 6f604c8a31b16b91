#!/bin/bash
# hook.sh — the initramfs-tools hook records the ranking (check-uid-hook): our tree is
# installed into a scratch stage, the hook runs with DESTDIR (a scratch initramfs tree) and
# MULTIPATH_ROOT (the stage) as mkinitramfs would run it, once without and once with
# sg3-utils-udev's rule in the stage, then with a record of its own in the stage.
# The initramfs' etc/multipath/uid_ranking must say scsi_id, sg3_utils, then the record; and
# the initramfs must carry the udev claim (56-multipath-claim.rules, multipath_claim).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(realpath -m "${BUILD:-$ROOT/build}")
. "$ROOT/tests/vm/lib/host.sh"
RULE=/lib/udev/rules.d/55-scsi-sg3_id.rules

[ -r /usr/share/initramfs-tools/hook-functions ] || { echo "hook.sh: initramfs-tools missing (scripts/deps.sh)" >&2; exit 77; }
[ -r "$RULE" ] || { echo "hook.sh: $RULE missing (sg3-utils-udev, scripts/deps.sh)" >&2; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/uid-hook.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
stage=$work/stage
MAKEFLAGS='' make -s -C "$ROOT" BUILD="$BUILD" DESTDIR="$stage" initramfsdir=/etc/initramfs-tools install > /dev/null
version=$(vm_kver "$(vm_kernel)")
fail=0

# run_hook WANT WHAT: a fresh initramfs tree, the hook, and what it recorded.
run_hook() {
	local irfs=$work/irfs got
	rm -rf "$irfs"
	mkdir -p "$irfs"
	DESTDIR=$irfs MULTIPATH_ROOT=$stage version=$version verbose=n \
		sh "$stage/etc/initramfs-tools/hooks/multipath" > "$work/hook.out" 2>&1 ||
		{ echo "FAIL $2: the hook failed:"; cat "$work/hook.out"; fail=1; return; }
	got=$(cat "$irfs/etc/multipath/uid_ranking" 2>/dev/null || echo "(none)")
	if [ "$got" = "$1" ]; then
		echo "ok   $2: $got"
	else
		echo "FAIL $2: recorded '$got', want '$1'"
		fail=1
	fi
}

run_hook scsi_id "no sg3-utils-udev rule in the root"
# The udev claim goes into the initramfs too: the rule, and the program it runs at the path
# it names (a static binary: nothing else to carry). copy_file puts /lib/... under usr/ (the
# initramfs has lib -> usr/lib).
in_irfs() { if [ -e "$work/irfs$1" ]; then echo "$work/irfs$1"; else echo "$work/irfs/usr$1"; fi; }
irule=$(in_irfs /lib/udev/rules.d/56-multipath-claim.rules)
prog=$(sed -n 's|^IMPORT{program}="\([^ ]*\) %k"$|\1|p' "$irule" 2>/dev/null || true)
if [ -s "$irule" ] && cmp -s "$irule" "$stage/lib/udev/rules.d/56-multipath-claim.rules" &&
	[ -n "$prog" ] && [ -x "$(in_irfs "$prog")" ] &&
	cmp -s "$(in_irfs "$prog")" "$BUILD/multipath_claim"; then
	echo "ok   the claim rule and $prog are in the initramfs"
else
	echo "FAIL the claim rule and its program are not in the initramfs (rule: '${prog:-none}')"
	fail=1
fi
install -D -m 0644 "$RULE" "$stage$RULE"
run_hook sg3_utils "sg3-utils-udev's rule in the root"
ln -s /dev/null "$stage/etc/udev/rules.d/55-scsi-sg3_id.rules" 2>/dev/null ||
	{ mkdir -p "$stage/etc/udev/rules.d"; ln -s /dev/null "$stage/etc/udev/rules.d/55-scsi-sg3_id.rules"; }
run_hook scsi_id "the rule masked in etc/udev/rules.d"
mkdir -p "$stage/etc/multipath"
echo sg3_utils > "$stage/etc/multipath/uid_ranking"
run_hook sg3_utils "the root's own record"
# The claim rule masked in the root (linked to /dev/null): no claim in the initramfs either.
ln -s /dev/null "$stage/etc/udev/rules.d/56-multipath-claim.rules"
run_hook sg3_utils "the claim rule masked in etc/udev/rules.d"
if [ -e "$(in_irfs /lib/udev/rules.d/56-multipath-claim.rules)" ]; then
	echo "FAIL the masked claim rule went into the initramfs"
	fail=1
else
	echo "ok   the masked claim rule stays out of the initramfs"
fi
exit $fail
