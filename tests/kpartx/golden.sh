#!/bin/bash
# golden.sh KPARTX MKFIXTURE WORKDIR — kpartx -l on real loop devices.
#
# Each case builds a disk image (sfdisk, sgdisk and parted where a Debian tool writes
# the label; tests/kpartx/fixtures/mkfixture for the others and for hostile tables),
# lists it with our kpartx and compares the output, loop device numbers normalised to
# "loopN", with tests/kpartx/golden/CASE.out, and with Debian's kpartx when it is
# installed and the case is one where Debian's is right. Then the exit-status and
# loop-device bookkeeping rules are checked.
#
# Needs root and /dev/loop-control (it skips, saying so, without them).
# UPDATE_GOLDEN=1 rewrites the .out files from our output (review the diff!).
set -u

KPARTX=$(realpath "$1")
MKFIXTURE=$(realpath "$2")
WORK=$3
HERE=$(cd "$(dirname "$0")" && pwd)
GOLDEN=$HERE/golden

if [ "$(id -u)" != 0 ] || [ ! -e /dev/loop-control ]; then
	echo "kpartx golden: SKIP (needs root and /dev/loop-control)"
	exit 0
fi
for t in sfdisk sgdisk parted losetup; do
	command -v $t >/dev/null || { echo "kpartx golden: $t missing (make deps)" >&2; exit 1; }
done

# Debian's kpartx, never ours: it must announce itself as multipath-tools.
DEBIAN=""
for c in /sbin/kpartx /usr/sbin/kpartx; do
	if [ -x "$c" ] && [ "$(realpath "$c")" != "$KPARTX" ] &&
	   "$c" 2>&1 | head -1 | grep -q '^multipath-tools'; then
		DEBIAN=$c
		break
	fi
done
[ -n "$DEBIAN" ] || echo "kpartx golden: Debian's kpartx not installed: golden files only"

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK" || exit 1

pass=0 fail=0 compared=0
LOOPS=()
cleanup() {
	for l in "${LOOPS[@]}"; do losetup -d "$l" 2>/dev/null; done
}
trap cleanup EXIT

ok()  { pass=$((pass + 1)); echo "  ok   $1"; }
bad() { fail=$((fail + 1)); echo "  FAIL $1"; }
norm() { sed -E 's/loop[0-9]+/loopN/g'; }

# check CASE DEBIAN(yes|no) ARGS...: our listing vs the golden file (and Debian's).
check() {
	local name=$1 deb=$2
	shift 2
	"$KPARTX" "$@" >"$name.ours.raw" 2>"$name.err"
	local rc=$?
	norm <"$name.ours.raw" >"$name.ours"
	if [ $rc != 0 ]; then
		bad "$name: exit status $rc: $(cat "$name.err")"
		return
	fi
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$name.ours" "$GOLDEN/$name.out"
	fi
	if ! diff -u "$GOLDEN/$name.out" "$name.ours" >"$name.diff"; then
		bad "$name: differs from golden/$name.out"
		cat "$name.diff"
		return
	fi
	if [ "$deb" = yes ] && [ -n "$DEBIAN" ]; then
		"$DEBIAN" "$@" 2>/dev/null | norm >"$name.debian"
		compared=$((compared + 1))
		if ! diff -u "$name.debian" "$name.ours" >"$name.diff"; then
			bad "$name: differs from Debian's kpartx"
			cat "$name.diff"
			return
		fi
		ok "$name (= golden, = Debian)"
	else
		ok "$name (= golden)"
	fi
}

# expect_err CASE TEXT: our stderr for CASE mentions TEXT.
expect_err() {
	if grep -q -- "$2" "$1.err"; then ok "$1: says '$2'"; else bad "$1: no '$2' in: $(cat "$1.err")"; fi
}

newimg() { rm -f "$1"; truncate -s "${2:-64M}" "$1"; }

attach() {   # attach IMG [BLOCKSIZE]: sets LOOP (not in a subshell: LOOPS must survive)
	LOOP=$(losetup ${2:+-b $2} -f --show "$1") || return 1
	LOOPS+=("$LOOP")
}

echo "kpartx golden tests (work dir $WORK)"

# --- dos ----------------------------------------------------------------------------
newimg dos-ext.img
printf 'label: dos\n,4M,83\n,4M,83\n,30M,f\n,5M,83\n,5M,82\n,5M,83\n,8M,83\n' | sfdisk -q dos-ext.img
check dos-ext yes -l dos-ext.img
check dos-ext-delim yes -l -p -part dos-ext.img
check dos-type-gpt yes -l -t gpt dos-ext.img

newimg dos-ext-first.img
printf 'label: dos\n,20M,5\n,6M,83\n,4M,83\n,6M,83\n,5M,83\n,5M,83\n' | sfdisk -q dos-ext-first.img
check dos-ext-first yes -l dos-ext-first.img

# A block device whose name does not end in a digit gets no delimiter; -p overrides
# the rule either way (names under symlinks, so no loop number needs normalising).
attach dos-ext.img && ln -sf "$LOOP" sdz && ln -sf "$LOOP" disk0
check dos-nodigit yes -l sdz
check dos-digit-nodelim yes -l -p "" disk0
check dos-nodigit-delim yes -l -p _part sdz
# 4096-byte logical blocks: the table counts 4 KiB blocks; sfdisk writes it on the loop.
newimg dos-4k.img
attach dos-4k.img 4096 && dev4=$LOOP
printf 'label: dos\n,8M,83\n,24M,5\n,8M,83\n,8M,83\n,8M,83\n,8M,83\n' | sfdisk -q "$dev4" 2>sfdisk.err
check dos-4k yes -l "$dev4"

"$MKFIXTURE" dos-loop dos-loop.img
check dos-loop yes -l dos-loop.img
expect_err dos-loop "loops back to sector 2048"
"$MKFIXTURE" dos-past-end dos-past-end.img
check dos-past-end no -l dos-past-end.img       # Debian maps them past the end
expect_err dos-past-end "partition 2 (start 8192, 32768 sectors) extends past the end"

# --- gpt ----------------------------------------------------------------------------
newimg gpt-gaps.img
sgdisk -n 1:2048:+8M -n 3:0:+10M -n 7:0:+4M -t 7:8200 gpt-gaps.img >/dev/null
check gpt-gaps yes -l gpt-gaps.img
check gpt-type-dos yes -l -t dos gpt-gaps.img
cp gpt-gaps.img gpt-noprimary.img
dd if=/dev/zero of=gpt-noprimary.img bs=512 seek=1 count=1 conv=notrunc status=none
check gpt-noprimary yes -l gpt-noprimary.img
expect_err gpt-noprimary "using the backup"
cp gpt-gaps.img gpt-nopmbr.img
dd if=/dev/zero of=gpt-nopmbr.img bs=512 count=1 conv=notrunc status=none
check gpt-nopmbr yes -l gpt-nopmbr.img
expect_err gpt-nopmbr "no protective MBR"
check gpt-nopmbr-g yes -l -g gpt-nopmbr.img
"$MKFIXTURE" gpt-bad-primary gpt-bad-primary.img
check gpt-bad-primary yes -l gpt-bad-primary.img
expect_err gpt-bad-primary "header CRC mismatch"
"$MKFIXTURE" gpt-both-bad gpt-both-bad.img
check gpt-both-bad yes -l gpt-both-bad.img
expect_err gpt-both-bad "GPT ignored"

newimg gpt-4k.img
attach gpt-4k.img 4096 && dev4=$LOOP
sgdisk -n 1:256:+8M -n 2:0:+16M -n 5:0:+4M "$dev4" >/dev/null 2>&1
check gpt-4k yes -l "$dev4"

# --- bsd, sun, mac (parted), bsd with 'c', solaris, unixware (mkfixture) --------------
for label in bsd sun mac; do
	newimg $label.img
	if [ $label = mac ]; then
		parted -s $label.img mklabel mac mkpart p1 ext2 1MiB 10MiB mkpart p2 ext2 10MiB 30MiB \
			mkpart p3 ext2 40MiB 50MiB
	else
		parted -s $label.img mklabel $label mkpart ext2 1MiB 10MiB mkpart ext2 10MiB 30MiB \
			mkpart ext2 40MiB 50MiB
	fi
	check $label yes -l $label.img
done
"$MKFIXTURE" bsd-c bsd-c.img
check bsd-c yes -l bsd-c.img
"$MKFIXTURE" unixware unixware.img
check unixware yes -l unixware.img
# Debian's amd64 kpartx reads the VTOC with 8-byte longs and finds nothing: golden only.
"$MKFIXTURE" solaris solaris.img
check solaris no -l solaris.img

newimg empty.img
check empty yes -l empty.img

# --- exit status and loop-device bookkeeping ----------------------------------------
status() {   # status NAME WANT ARGS...
	local name=$1 want=$2
	shift 2
	"$KPARTX" "$@" >/dev/null 2>"$name.err"
	local rc=$?
	if [ $rc = "$want" ]; then ok "$name: exit $rc"; else bad "$name: exit $rc, want $want"; fi
}
status usage 1 -x dos-ext.img
status usage-two-actions 1 -a -d dos-ext.img
status no-disk 1 -l
status missing-file 1 -l does-not-exist.img
expect_err missing-file "does-not-exist.img: stat failed"
status char-device 1 -l /dev/null
expect_err char-device "not a block device or regular file"
status unknown-type 1 -t dasd dos-ext.img

[ -z "$(losetup -j "$PWD/gpt-gaps.img")" ] && ok "-l detaches the loop device it attached" \
	|| bad "-l left a loop device attached"
status delete-unattached 0 -d gpt-gaps.img
[ -z "$(losetup -j "$PWD/gpt-gaps.img")" ] && ok "-d on an unattached file attaches nothing" \
	|| bad "-d attached a loop device"
# A loop device someone else attached is used and left alone.
attach gpt-gaps.img && dev=$LOOP
"$KPARTX" -l gpt-gaps.img >reuse.out 2>reuse.err
if grep -q "^$(basename "$dev")p1 : 0 16384 $dev 2048\$" reuse.out &&
   [ -n "$(losetup -j "$PWD/gpt-gaps.img")" ]; then
	ok "-l reuses the attached $dev and leaves it"
else
	bad "-l did not reuse $dev: $(cat reuse.out reuse.err)"
fi
if [ ! -e /dev/mapper/control ] || ! dmsetup version >/dev/null 2>&1; then
	status delete-without-dm 1 -d dos-ext.img    # attached above, so there was work to do
	expect_err delete-without-dm "device-mapper not available"
	status add-without-dm 1 -a empty.img
	expect_err add-without-dm "device-mapper not available"
	[ -z "$(losetup -j "$PWD/empty.img")" ] && ok "failed -a leaves no loop device" \
		|| bad "failed -a left a loop device"
fi

cleanup
LOOPS=()
left=$(losetup -a | grep -F "$PWD/" || true)
[ -z "$left" ] && ok "no loop device left attached" || bad "loop devices left: $left"

echo "kpartx golden: $pass passed, $fail failed, $compared compared with Debian's kpartx"
[ $fail = 0 ]
