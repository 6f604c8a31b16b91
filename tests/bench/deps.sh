#!/bin/sh
# Install what only `make bench` needs (Debian 12), beyond the build and test packages:
# Debian's multipath-tools (the comparison; its binaries, plug-ins and udev rules go into the
# VM), systemd-udevd (package udev) that multipath-tools relies on, and strace for the in-VM
# profile. multipath-tools' postinst enables multipathd units; nothing here starts them.
exec "$(dirname "$0")/../../scripts/deps.sh" multipath-tools udev strace
