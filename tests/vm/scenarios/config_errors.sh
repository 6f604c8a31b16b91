#!/bin/sh
# config_errors: a multipath.conf with an unknown keyword, a bad value, a regex the guard
# refuses, a device entry without vendor, a misspelt section and missing closing braces still
# makes every map, and each problem is a warning naming its line; listing and flushing work
# too; --check-config reports the same problems and exits 1. The good settings apply:
# max_sectors_kb on the paths and then the map, checker_timeout on every path's checker,
# rr_min_io_rq as the per-path repeat count;
# -v3 shows each setting with its origin and the daemon-only keywords with their note.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
. /lib/vmtest.sh
need_multipath
check "4 sd paths appear" wait_for_devs 4 || end_scenario
wwids=$(for s in $(sd_list); do scsi_wwid $s; done | sort -u)
expect_eq "2 LUs" "$(echo "$wwids" | wc -l)" 2
cat > /etc/multipath.conf <<'CONF'
defaults {
	polling_interval 10
	max_fds 8192
	bogus_keyword 1
	no_path_retry banana
	checker_timeout 7
	max_sectors_kb 64
}
blacklist {
	wwid "((a{,60}){,60}){,60}"
}
devices {
	device {
		product "NOPE"
	}
	device {
		vendor "Linux"
		product "scsi_debug"
		path_grouping_policy multibus
		path_selector "round-robin 0"
		dev_loss_tmo 60
		fast_io_fail_tmo off
		rr_min_io_rq 3
	}
}
overide {
	no_path_retry queue
}
multipaths {
	multipath {
		wwid 1234
CONF
C=/etc/multipath.conf
problems="$C:4: unknown keyword 'bogus_keyword' in defaults
$C:5: bad no_path_retry 'banana'
$C:10: bad wwid
$C:13: device entry without vendor
$C:26: unknown section 'overide'; lines 26-28 ignored
$C:31: missing '}': multipath opened at line 30
$C:31: missing '}': multipaths opened at line 29"
# expect_problems WHAT STDERR: every problem named with its line, and nothing else warned.
expect_problems() {
	printf '%s\n' "$problems" | while IFS= read -r p; do
		case $2 in *"warning: $p"*) ;; *) echo "FAIL-MARK $p" ;; esac
	done > /tmp/missing
	expect_empty "$1: every problem named with FILE:LINE" "$(cat /tmp/missing)"
	expect_eq "$1: 7 warnings" "$(printf '%s\n' "$2" | grep -c 'warning: ')" 7
}

step "maps are made in spite of the problems"
capture out multipath
expect_eq "multipath: exit 0" "$VMT_RC" 0
expect_problems "multipath" "$VMT_STDERR"
for w in $wwids; do
	expect_eq "map for $w" "$(dm_uuid $w)" "mpath-$w"
	# the kernel's selectors keep a repeat count above 1 as 1 (and say so in dmesg)
	expect_match "$w: one group of 2 paths, round-robin" "$(dm_table $w)" \
		"^0 [0-9]+ multipath .* round-robin 0 2 1 [0-9]+:[0-9]+ 1 [0-9]+:[0-9]+ 1 *\$"
	expect_eq "$w: max_sectors_kb 64 on the map" "$(cat /sys/block/$(dm_of $w)/queue/max_sectors_kb)" 64
done
for s in $(sd_list); do
	expect_eq "$s: max_sectors_kb 64 on the path" "$(cat /sys/block/$s/queue/max_sectors_kb)" 64
done
expect_empty "no transport: dev_loss_tmo is not an error on scsi_debug" \
	"$(printf '%s\n' "$VMT_STDERR" | grep -v 'warning: ')"

expect_match "the kernel got repeat count 3 (rr_min_io_rq)" "$(dmesg)" "repeat_count > 1 is deprecated"
capture out multipath
expect_eq "a second run: exit 0" "$VMT_RC" 0
expect_empty "a second run: nothing to reload (the kernel's repeat count 1 is what was asked)" "$out"

step "-v3: origins and notes"
capture out multipath -d -v3
expect_eq "-d -v3: exit 0" "$VMT_RC" 0
w=$(echo "$wwids" | head -1)
expect_match "origin: defaults line" "$VMT_STDERR" "$w: max_sectors_kb 64 \\($C:7, defaults\\)"
expect_match "origin: device entry" "$VMT_STDERR" "$w: rr_min_io_rq 3 \\($C:23, devices Linux/scsi_debug\\)"
expect_match "origin: checker_timeout" "$VMT_STDERR" "$w: checker_timeout 7 \\($C:6, defaults\\)"
expect_match "origin: default" "$VMT_STDERR" "$w: features 0 \\(default\\)"
expect_match "note: daemon-only keyword" "$VMT_STDERR" "note: $C:3: max_fds 8192: "
expect_eq "checker_timeout 7 applied: every path's checker uses it" \
	"$(printf '%s\n' "$out" | grep -c "timeout 7 s ($C:6, defaults)")" 4
expect_eq "the table sent has the repeat count 3 (rr_min_io_rq) for every path" \
	"$(printf '%s\n' "$out" | grep -c 'round-robin 0 2 1 [0-9]*:[0-9]* 3 [0-9]*:[0-9]* 3$')" 2

step "listing and flushing are not refused"
capture out multipath -ll
expect_eq "-ll: exit 0" "$VMT_RC" 0
for w in $wwids; do expect_match "-ll lists $w" "$out" "^$w "; done
capture out multipath -l
expect_eq "-l: exit 0" "$VMT_RC" 0
capture out multipath -F
expect_eq "-F: exit 0" "$VMT_RC" 0
expect_empty "-F: every map flushed" "$(dm_names)"

step "--check-config: every problem, exit 1, no devices needed"
capture out multipath --check-config
expect_eq "--check-config: exit 1" "$VMT_RC" 1
expect_problems "--check-config" "$VMT_STDERR"
expect_match "--check-config: the count" "$VMT_STDERR" "7 problems in the configuration"
expect_empty "--check-config: no map made" "$(dm_names)"
printf 'defaults {\n\tno_path_retry 5\n}\n' > /tmp/good.conf
capture out multipath --check-config /tmp/good.conf
expect_eq "--check-config FILE: a good file: exit 0" "$VMT_RC" 0
expect_empty "--check-config FILE: nothing to say" "$VMT_STDERR"
rm -f /etc/multipath.conf
end_scenario
