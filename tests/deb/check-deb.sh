#!/bin/bash
# check-deb.sh — `make check-deb`: build the Debian package from the working tree, check it, and
# install it into a throwaway root for the claim_deb VM scenario.
#   1. a copy of the tree (tracked files and new ones git does not ignore) in build/deb/src;
#      dpkg-buildpackage -us -uc -b there (the .deb lands in build/deb/)
#   2. its file list (dpkg-deb -c) must equal tests/deb/files.txt
#   3. its control fields: Provides/Replaces/Conflicts multipath-tools and kpartx
#   4. lintian: no error or warning (info tags are shown; overrides are explained in
#      debian/multipath.lintian-overrides and debian/source/lintian-overrides)
#   5. dpkg --root=build/deb/root --install (maintainer scripts without chroot: DPKG_ROOT is set,
#      so postinst leaves the host's initramfs alone; the unit gets enabled there)
#   6. systemd-analyze verify --root of the installed unit
# Environment: BUILD (default build). Exit 0 iff every step passed.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(realpath -m "${BUILD:-$ROOT/build}")
D=$BUILD/deb
fails=0
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1${2:+: $2}"; fails=$((fails + 1)); }

rm -rf "$D" && mkdir -p "$D/src" || exit 2
cd "$ROOT" || exit 2
if git rev-parse --git-dir > /dev/null 2>&1; then
	git ls-files -co --exclude-standard -z | grep -zv '^build/' | cpio -0 -pdm --quiet "$D/src"
else
	tar --exclude=./build -cf - . | tar -C "$D/src" -xf -
fi
echo "check-deb: dpkg-buildpackage -us -uc -b (log: ${D#"$ROOT"/}/build.log)"
# The unit tests run in make check-unit already: nocheck here (DEB_BUILD_OPTIONS overrides).
if (cd "$D/src" && DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS:-parallel=2 nocheck} dpkg-buildpackage -us -uc -b) \
	> "$D/build.log" 2>&1; then
	pass "dpkg-buildpackage -us -uc -b"
else
	tail -n 30 "$D/build.log"
	fail "dpkg-buildpackage -us -uc -b" "see $D/build.log"
	echo "check-deb: $fails failed"; exit 1
fi
deb=$(ls "$D"/multipath_*.deb | head -n1)

# 2. the file list (directories and files, no sizes or dates)
dpkg-deb -c "$deb" | awk '{ p = $6; for (i = 7; i <= NF; i++) p = p " " $i; sub(/^\./, "", p); print p }' |
	grep -v '^/$' | sed 's|/$||' | LC_ALL=C sort > "$D/files.txt"
if diff -u "$HERE/files.txt" "$D/files.txt" > "$D/files.diff"; then
	pass "file list equals tests/deb/files.txt ($(wc -l < "$D/files.txt") entries)"
else
	cat "$D/files.diff"
	fail "file list" "differs from tests/deb/files.txt (new list: $D/files.txt)"
fi

# 3. what it replaces
for f in Provides Replaces Conflicts; do
	v=$(dpkg-deb -f "$deb" "$f")
	n=$(echo "$v" | tr ',' '\n' | sed 's/ //g' | grep -cxE 'multipath-tools|kpartx')
	if [ "$n" = 2 ]; then pass "$f: $v"; else fail "$f names multipath-tools and kpartx" "'$v'"; fi
done
for s in postinst postrm; do
	if dpkg-deb -I "$deb" "$s" 2> /dev/null | grep -q 'update-initramfs -u'; then
		pass "$s runs update-initramfs"
	else
		fail "$s runs update-initramfs"
	fi
done

# 4. lintian
if lintian --fail-on error,warning --display-info "$D"/multipath_*.changes > "$D/lintian.txt" 2>&1; then
	pass "lintian: no error or warning ($(grep -c '^[IP]:' "$D/lintian.txt") info/pedantic tags)"
else
	fail "lintian" "$(grep -E '^[EW]:' "$D/lintian.txt" | head -n 10)"
fi
sed 's/^/    lintian: /' "$D/lintian.txt"

# 5. install into a throwaway root
r=$D/root
mkdir -p "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates" "$r/var/lib/dpkg/triggers"
touch "$r/var/lib/dpkg/status" "$r/var/lib/dpkg/available"
if dpkg --root="$r" --force-script-chrootless --force-depends --log=/dev/null -i "$deb" > "$D/install.log" 2>&1 &&
	[ -x "$r/sbin/multipath" ] && [ -f "$r/lib/udev/rules.d/56-multipath-claim.rules" ] &&
	[ -L "$r/etc/systemd/system/sysinit.target.wants/multipath-coldplug.service" ] &&
	[ ! -e "$r/etc/systemd/system/timers.target.wants/multipath-rerun.timer" ]; then
	pass "dpkg --root installs it ($(dpkg --root="$r" -s multipath | sed -n 's/^Status: //p'); boot unit enabled, re-run timer not)"
else
	cat "$D/install.log"
	fail "dpkg --root installs it"
fi
# 6. the boot unit as systemd reads it from the installed root (keys, ordering, ExecStart there)
if out=$(systemd-analyze verify --root="$r" multipath-coldplug.service 2>&1) && [ -z "$out" ]; then
	pass "systemd-analyze verify multipath-coldplug.service"
else
	fail "systemd-analyze verify multipath-coldplug.service" "$out"
fi
echo "check-deb: $fails failed"
[ "$fails" = 0 ]
