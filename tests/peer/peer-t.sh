#!/bin/sh
# peer-t.sh CONF: Debian multipath-tools' `multipath -t` with CONF as its /etc/multipath.conf.
# multipath-tools 0.9.4 has no option for another config file and always reads /etc/multipath.conf
# and /etc/multipath/conf.d/*.conf, so this runs it in a private mount namespace where /etc is an
# overlay (upper layer on a private tmpfs) holding CONF and no conf.d: the host's /etc is never
# written. Needs root (or a kernel that allows overlayfs in a user namespace: unshare -r).
# Exit status: the peer's. Its warnings go to stderr.
set -e
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: $0 CONF" >&2; exit 2; }
PEER=${PEER_MULTIPATH:-/usr/sbin/multipath}
[ -x "$PEER" ] || { echo "$0: $PEER not found: install Debian's multipath-tools (scripts/deps.sh)" >&2; exit 2; }
userns=
[ "$(id -u)" = 0 ] || userns=-r
tmp=$(mktemp -d "${TMPDIR:-/tmp}/peer-t.XXXXXX")
trap 'rmdir "$tmp" 2>/dev/null || true' EXIT
# The inner shell gets the paths as arguments, never spliced into its script.
unshare $userns -m sh -c '
	set -e
	mount --make-rprivate /
	mount -t tmpfs peer-t "$1"
	mkdir "$1/up" "$1/work"
	mount -t overlay peer-t -o "lowerdir=/etc,upperdir=$1/up,workdir=$1/work" /etc
	rm -rf /etc/multipath/conf.d /etc/multipath.conf
	cat "$2" > /etc/multipath.conf
	exec "$3" -t
' peer-t "$tmp" "$(readlink -f "$1")" "$PEER"
