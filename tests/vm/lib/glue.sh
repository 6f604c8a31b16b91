# shellcheck shell=sh
# glue.sh (/lib/glue.sh in the VM) — helpers for the scenarios that test multipath's
# hotplug/udev glue (hotplug, hotplug_burst, hotplug_udev). Source after /lib/vmtest.sh; the
# scenario copies it in with "# vm-files: tests/vm/lib/glue.sh:/lib/glue.sh".

GLUE_HANDLER=/lib/multipath/multipath.hotplug

# glue_install: the layout "make install" makes (default sbindir /sbin, mplibdir
# /lib/multipath): our binaries in /sbin, the handler linked into /etc/hotplug.d/{scsi,block}.
# The scenario copies the scripts themselves in with vm-files.
glue_install() {
	for _b in multipath kpartx devmap_name; do ln -sf "/usr/local/sbin/$_b" "/sbin/$_b"; done
	for _s in scsi block; do
		mkdir -p "/etc/hotplug.d/$_s"
		ln -sf "$GLUE_HANDLER" "/etc/hotplug.d/$_s/multipath.hotplug"
	done
}

# wait_until SECS CMD...: poll CMD every 0.2 s until it succeeds; 1 after SECS (of uptime, so a
# loaded host does not stretch the bound).
wait_until() {
	_end=$(($(cut -d. -f1 /proc/uptime) + $1)); shift
	while ! "$@" > /dev/null 2>&1; do
		[ "$(cut -d. -f1 /proc/uptime)" -ge "$_end" ] && return 1
		usleep 200000
	done
	return 0
}

# glue_idle [SECS]: wait until no event handler, dispatcher or runner runs (multipath and
# kpartx are their children) and no run is pending. A revalidator does not count: it stays
# while a path is failed (revalidator_pids).
# (busybox-static has no pgrep: the command lines from /proc; "#!/bin/sh" scripts show as
# "/bin/sh SCRIPT ...", the dispatcher runs the handler through its /etc/hotplug.d link)
_cmdlines() {
	for _p in /proc/[0-9]*; do
		printf '%s ' "${_p#/proc/}"
		tr '\0' ' ' 2> /dev/null < "$_p/cmdline" && echo
	done
}
_glue_busy() {
	[ -e /run/multipath/run.pending ] && return 0
	ls /run/multipath/removed/* > /dev/null 2>&1 && return 0
	_cmdlines | grep -v -e '--revalidate' | grep -Eq '^[0-9]+ /bin/sh [^ ]*(multipath[.]hotplug|hotplug-dispatch)'
}
# revalidator_pids: the pids of running revalidators (multipath --revalidate).
revalidator_pids() { _cmdlines | awk '/^[0-9]+ [^ ]*multipath (-v ?[0-9] )?(-v[0-9] )?--revalidate/ { print $1 }'; }
# ours_running: pids and command lines of any process of ours (handler, runner, multipath,
# revalidator, kpartx), one per line; empty when nothing of ours runs.
ours_running() { _cmdlines | grep -E '^[0-9]+ ([^ ]*/)?(sh [^ ]*multipath[.]hotplug|multipath|kpartx)( |$)' | grep -v grep; }
glue_idle() {
	_end=$(($(cut -d. -f1 /proc/uptime) + ${1:-60}))
	while _glue_busy; do
		[ "$(cut -d. -f1 /proc/uptime)" -ge "$_end" ] && { echo "glue_idle: still busy after ${1:-60}s" >&2; return 1; }
		usleep 200000
	done
	return 0
}

# lu_oracle: "sdX WWID" for every sd disk now (scsi_id is the oracle), into /tmp/oracle.
lu_oracle() {
	for _s in $(sd_list); do echo "$_s $(scsi_wwid "$_s")"; done > /tmp/oracle
}
# lu_wwids: the WWIDs with at least 2 paths (find_multipaths: those get a map), sorted.
lu_wwids() { awk '{ n[$2]++ } END { for (w in n) if (n[w] >= 2) print w }' /tmp/oracle | sort; }
# want_paths WWID: the dev_t's of its paths now, sorted, space-separated.
# (string comparison: an all-digit WWID such as 33333333000000800 would compare as a number,
# beyond double precision, and match its neighbours)
want_paths() { devts_of $(awk -v w="$1" '$2 "" == w "" { print $1 }' /tmp/oracle) | paste -sd' ' -; }
# map_paths NAME: the dev_t's in the map's live table, sorted, space-separated.
map_paths() { mp_shape "$1" | tr '|,' '\n\n' | sort | paste -sd' ' -; }
# mp_maps: names of the multipath maps, sorted.
mp_maps() { for _n in $(dm_names); do case $(dm_uuid "$_n") in mpath-*) echo "$_n" ;; esac; done; }

# maps_right: exactly one map per LU of /tmp/oracle that has 2+ paths, named by its WWID,
# holding exactly its paths; prints what differs. Rerun lu_oracle after the paths changed.
maps_right() {
	_ok=0
	[ "$(mp_maps | paste -sd' ' -)" = "$(lu_wwids | paste -sd' ' -)" ] ||
		{ echo "maps: '$(mp_maps | paste -sd' ' -)', want '$(lu_wwids | paste -sd' ' -)'"; _ok=1; }
	for _w in $(lu_wwids); do
		[ "$(map_paths "$_w" 2> /dev/null)" = "$(want_paths "$_w")" ] ||
			{ echo "$_w: paths '$(map_paths "$_w" 2> /dev/null)', want '$(want_paths "$_w")'"; _ok=1; }
	done
	return $_ok
}
# parts_right: every multipath map has its partition map <name>-part1 on top (kpartx).
parts_right() {
	for _w in $(mp_maps); do
		[ "$(dm_slaves "$_w-part1" 2> /dev/null)" = "$(dm_of "$_w")" ] || { echo "$_w-part1: missing"; return 1; }
	done
	return 0
}

# hotplug_log_lines: the handler's lines in the kernel log, as "LEVEL line" (3 = error).
hotplug_log_lines() {
	dmesg -r | sed -n 's/^<\([0-9]*\)>\(\[[ 0-9.]*\] \)\{0,1\}\(multipath\.hotplug\[.*\)/\1 \3/p' |
		awk '{ $1 = $1 % 8; print }'
}

# reader_start DEV...: O_DIRECT reads through each DEV in a loop, in the background, until
# reader_stop, which prints how many reads failed ("0" = the devices stayed usable).
reader_start() {
	rm -f /tmp/reader.stop /tmp/reader.err /tmp/reader.count
	(
		_n=0
		while [ ! -e /tmp/reader.stop ]; do
			for _d in "$@"; do
				dd if="$_d" of=/dev/null bs=64k count=16 iflag=direct 2> /dev/null ||
					echo "$_d" >> /tmp/reader.err
				_n=$((_n + 1))
			done
			echo $_n > /tmp/reader.count
		done
	) &
	READER_PID=$!
}
reader_stop() {
	touch /tmp/reader.stop
	wait "$READER_PID"
	[ -s /tmp/reader.err ] && wc -l < /tmp/reader.err || echo 0
}

# kstate MAP sdX: the kernel's view of the path in the map: A (active) or F (failed).
kstate() {
	dmsetup status "$1" | awk -v d="$(devt "$2")" '{ for (i = 1; i < NF; i++) if ($i == d) print $(i + 1) }'
}
kstate_is() { [ "$(kstate "$1" "$2")" = "$3" ]; }
# no_revalidator: no revalidator process runs and its lock is free (none left behind).
no_revalidator() { [ -z "$(revalidator_pids)" ] && flock -n /run/multipath/revalidate.lock true; }
# uptime_s / since T: seconds since boot; seconds since T (one decimal).
uptime_s() { cut -d' ' -f1 /proc/uptime; }
since() { echo "$1 $(uptime_s)" | awk '{ printf "%.1f", $2 - $1 }'; }
# glue_udev_start: systemd-udevd with our rules (the scenario copies them and udevadm in),
# libdevmapper synchronizing with it from here on.
glue_udev_start() {
	ln -sf /usr/sbin/dmsetup /sbin/dmsetup          # where dmsetup's rules call it
	mkdir -p /lib/systemd
	ln -sf /bin/udevadm /lib/systemd/systemd-udevd  # one binary, named by argv[0]
	unset DM_DISABLE_UDEV
	/lib/systemd/systemd-udevd --daemon --resolve-names=never
}
# glue_log_start: the handler logs to /run/multipath/hotplug.log (it exists: file logging on).
glue_log_start() {
	mkdir -p -m 0700 /run/multipath
	: > /run/multipath/hotplug.log
}
