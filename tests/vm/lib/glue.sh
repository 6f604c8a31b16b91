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

# wait_until SECS CMD...: poll CMD every 0.2 s until it succeeds; 1 after SECS.
wait_until() {
	_secs=$1 _i=0; shift
	while ! "$@" > /dev/null 2>&1; do
		[ "$_i" -ge $((_secs * 5)) ] && return 1
		usleep 200000
		_i=$((_i + 1))
	done
	return 0
}

# glue_idle [SECS]: wait until no event handler or dispatcher runs (multipath and kpartx are
# their children).
# (busybox-static has no pgrep: the command lines from /proc; "#!/bin/sh" scripts show as
# "/bin/sh SCRIPT ...", the dispatcher runs the handler through its /etc/hotplug.d link)
_glue_busy() {
	for _p in /proc/[0-9]*; do
		tr '\0' ' ' 2> /dev/null < "$_p/cmdline" && echo
	done | grep -Eq '^/bin/sh [^ ]*(multipath[.]hotplug|hotplug-dispatch)'
}
glue_idle() {
	_i=0
	while _glue_busy; do
		[ "$_i" -ge $((${1:-60} * 5)) ] && { echo "glue_idle: still busy after ${1:-60}s" >&2; return 1; }
		usleep 200000
		_i=$((_i + 1))
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
