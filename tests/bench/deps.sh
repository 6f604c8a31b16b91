#!/bin/sh
# Install what only `make bench` needs (Debian 12), beyond scripts/deps.sh: Debian's
# multipath-tools (the comparison; its binaries, plug-ins and udev rules go into the VM),
# systemd-udevd (package udev) that multipath-tools relies on, and strace for the in-VM
# profile. As root this runs apt-get; otherwise it prints the command and fails if one is missing.
set -e
PKGS="multipath-tools udev strace"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "bench-deps: missing packages:$missing" >&2
	echo "bench-deps: run as root: apt-get install -y$missing" >&2
	exit 1
fi
echo "bench-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# multipath-tools' postinst enables multipathd units; nothing here starts them.
apt-get install -y -qq --no-install-recommends $missing
