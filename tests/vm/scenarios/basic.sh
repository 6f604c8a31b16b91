#!/bin/sh
# basic: scsi_debug, 2 hosts x 2 LUs = 4 sd paths. multipath must build exactly one map per LU,
# named by the WWID udev's scsi_id reports, with DM UUID mpath-<WWID>, each holding that LU's
# 2 paths; -v prints the three sections; -d creates nothing; -v 0 is silent; a bad switch is
# a usage error.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
. /lib/vmtest.sh
need_multipath

check "4 sd paths appear" wait_for_devs 4 || end_scenario
paths=$(sd_list)
# The oracle: "sdX WWID" for every path, from udev's scsi_id.
for s in $paths; do echo "$s $(scsi_wwid $s)"; done > /tmp/oracle
cat /tmp/oracle
wwids=$(cut -d' ' -f2 /tmp/oracle | sort -u)
expect_eq "oracle: 2 LUs behind 4 paths" "$(echo "$wwids" | wc -l)" 2
paths_of() { awk -v w="$1" '$2 == w { print $1 }' /tmp/oracle | sort; }

# section N OUTPUT: the Nth blank-line-separated section of a -v output.
section() { printf '%s\n' "$2" | awk -v n="$1" 'BEGIN { s = 1 } /^$/ { s++; next } s == n'; }
ere_escape() { printf '%s' "$1" | sed 's/[][\.*^$()+?{}|/]/\\&/g'; }

# check_path_section NAME OUTPUT: one line per path, "<wwid> (<h> <c> <t> <l>) /dev/sdX [<vendor> <model>]".
check_path_section() {
	sec=$(section 1 "$2")
	expect_eq "$1: path section has 4 lines" "$(printf '%s\n' "$sec" | grep -c .)" 4
	for s in $paths; do
		w=$(scsi_wwid $s)
		line=$(printf '%s\n' "$sec" | grep -E " /dev/$s( |$)")
		expect_match "$1: path line of $s" "$line" "^$w \\($(sd_hctl $s)\\) /dev/$s \\[Linux +scsi_debug *\\]\$"
	done
}
# check_coalesced NAME OUTPUT: per LU a "<wwid>" line, then " \_(<h> <c> <t> <l>) /dev/sdX [...]" per path.
check_coalesced() {
	sec=$(section 2 "$2")
	expect_eq "$1: coalesced section names the 2 WWIDs" "$(printf '%s\n' "$sec" | grep -v '^ ' | sort)" "$wwids"
	for w in $wwids; do
		got=$(printf '%s\n' "$sec" | awk -v w="$w" '$0 == w { on = 1; next } /^[^ ]/ { on = 0 } on')
		want=""
		for s in $(paths_of $w); do
			want="$want${want:+
} \\_($(sd_hctl $s)) /dev/$s [Linux    scsi_debug      ]"
		done
		bad=0
		for s in $(paths_of $w); do
			printf '%s\n' "$got" | grep -Eq "^ \\\\_\\($(sd_hctl $s)\\) /dev/$s \\[Linux +scsi_debug *\\]\$" || bad=1
		done
		[ "$(printf '%s\n' "$got" | grep -c .)" = 2 ] || bad=1
		if [ $bad = 0 ]; then pass "$1: coalesced block of $w"; else
			fail "$1: coalesced block of $w" "got '$(printf %s "$got" | tr '\n' '|')', want lines like '$(printf %s "$want" | tr '\n' '|')'"
		fi
	done
}

step "multipath -d -v: dry run prints the path and coalesced sections, creates nothing"
capture out multipath -d -v
expect_eq "-d -v: exit status" "$VMT_RC" 0
check_path_section "-d -v" "$out"
check_coalesced "-d -v" "$out"
expect_empty "-d -v: no map created" "$(dm_names)"

step "multipath -d: creates nothing"
capture out multipath -d
expect_eq "-d: exit status" "$VMT_RC" 0
expect_empty "-d: no map created" "$(dm_names)"

step "multipath -d -v 3: the path lines (plus detail), nothing created"
capture out multipath -d -v 3
expect_eq "-d -v 3: exit status" "$VMT_RC" 0
for s in $paths; do
	expect_match "-d -v 3: path line of $s" "$out" "^$(scsi_wwid $s) \\($(sd_hctl $s)\\) /dev/$s \\[Linux +scsi_debug *\\]\$"
done
expect_empty "-d -v 3: no map created" "$(dm_names)"

step "multipath -v: creates the maps and prints paths, multipaths and map lines"
capture out multipath -v
expect_eq "-v: exit status" "$VMT_RC" 0
check_path_section "-v" "$out"
check_coalesced "-v" "$out"
sec=$(section 3 "$out")
expect_eq "-v: map section has 2 lines" "$(printf '%s\n' "$sec" | grep -c .)" 2
for w in $wwids; do
	set -- $(paths_of $w)
	size=$(cat /sys/block/$1/size)
	line=$(printf '%s\n' "$sec" | grep "^$w:")
	expect_match "-v: map line of $w" "$line" "^$w:0 $size multipath [0-9]"
	# The printed params must be what the kernel now has (the table reads back canonically).
	expect_eq "-v: map line of $w = live table" "$(mp_groups "${line#*multipath }")" "$(mp_groups "$(dmsetup table $w)")"
done

# check_kernel_maps NAME: what the kernel holds after a run, independent of what was printed.
check_kernel_maps() {
	expect_eq "$1: exactly the 2 maps, named by WWID" "$(dm_names)" "$wwids"
	for w in $wwids; do
		set -- $(paths_of $w)
		expect_eq "$1: $w: DM UUID" "$(dm_uuid $w)" "mpath-$w"
		expect_eq "$1: $w: slaves are its 2 paths" "$(dm_slaves $w | paste -sd' ' -)" "$(paths_of $w | paste -sd' ' -)"
		check "$1: $w: /dev/mapper node" test -b /dev/mapper/$w
		t=$(dmsetup table $w)
		expect_match "$1: $w: one multipath target over the whole LU" "$t" "^0 $(cat /sys/block/$1/size) multipath "
		# default policy failover: one path per priority group
		expect_eq "$1: $w: failover = 2 PGs of 1 path" "$(mp_shape $w)" "$(devts_of $1 $2 | paste -sd'|' -)"
		st=$(dmsetup status $w)
		ok=1
		for d in $(devts_of $1 $2); do printf '%s\n' "$st" | grep -q " $d A " || ok=0; done
		if [ $ok = 1 ]; then pass "$1: $w: status shows both paths active"; else fail "$1: $w: status shows both paths active" "$st"; fi
	done
	for s in $paths; do
		expect_eq "$1: $s belongs to the map of its scsi_id WWID" "$(dm_holder $s)" "$(scsi_wwid $s)"
	done
}
step "kernel state after multipath -v"
run dmsetup ls
run dmsetup table
run dmsetup status
check_kernel_maps "after -v"

step "plain multipath (-v 2): one 'create: <name>' line per map"
check "flush the maps" dm_remove_all
capture out multipath
expect_eq "-v 2: exit status" "$VMT_RC" 0
expect_eq "-v 2: prints one create line per map" \
	"$(printf '%s\n' "$out" | sed -n 's/^create: \([^ ]*\).*/\1/p' | sort)" "$wwids"
expect_eq "-v 2: nothing else" "$(printf '%s\n' "$out" | grep -c .)" 2
check_kernel_maps "after -v 2"

step "multipath -v 0: silent, but creates the maps"
check "flush the maps" dm_remove_all
capture out multipath -v 0
expect_eq "-v 0: exit status" "$VMT_RC" 0
expect_empty "-v 0: prints nothing" "$out$VMT_STDERR"
expect_eq "-v 0: the 2 maps exist" "$(dm_names)" "$wwids"

step "usage errors"
capture out multipath -Z
expect_eq "unknown switch: exit status 1" "$VMT_RC" 1
expect_eq "unknown switch: maps untouched" "$(dm_names)" "$wwids"
end_scenario
