#!/bin/sh
# idempotent: a second (and third) run over unchanged storage changes nothing: it prints no
# create/reload line at -v 1 or -v 2, the live tables are byte-identical, the dev_t's are the
# same, no inactive table is left, and no suspend/resume happened (a resume of a suspended
# map always sends a "change" uevent, so the kernel's uevent sequence number must not move).
# At -v 4 the trace shows each map's features parsed once from its live table.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
. /lib/vmtest.sh
need_multipath

check "4 sd paths appear" wait_for_devs 4 || end_scenario
wwids=$(for s in $(sd_list); do scsi_wwid $s; done | sort -u)

step "first run, -v 1: the names of the created maps"
capture out multipath -v 1
expect_eq "first run: exit status" "$VMT_RC" 0
expect_eq "first run: -v 1 prints the 2 map names" "$(printf '%s\n' "$out" | sort)" "$wwids"
expect_eq "first run: the 2 maps exist" "$(dm_names)" "$wwids"

# state: everything a reload, recreate or suspend/resume would change.
state() {
	for w in $(dm_names); do
		echo "$w $(dm_devt $w) $(dmsetup table $w) | $(dmsetup info $w | sed -n 's/^Tables present: *//p')"
	done
}
sleep 1   # let the uevents of the creation settle
s1=$(state)
seq1=$(cat /sys/kernel/uevent_seqnum)
printf '%s\n' "$s1"

for v in 2 1 0; do
	step "again, -v $v: nothing to do"
	capture out multipath -v $v
	expect_eq "-v $v re-run: exit status" "$VMT_RC" 0
	expect_empty "-v $v re-run: prints nothing" "$out"
	expect_eq "-v $v re-run: tables, dev_t's and table state unchanged" "$(state)" "$s1"
	expect_eq "-v $v re-run: no uevent (no suspend/resume, no new map)" "$(cat /sys/kernel/uevent_seqnum)" "$seq1"
done

# The -v 4 trace names every features parse: per map, the config's once (to build the
# table we want) and the live table's once (to compare); the wanted table's text is
# never parsed back.
step "again, -v 4: each map's features parsed once from the live table, once from the config"
capture out multipath -v 4
expect_eq "-v 4 re-run: exit status" "$VMT_RC" 0
nmaps=$(printf '%s\n' "$wwids" | wc -l)
expect_eq "-v 4: live table features parsed once per map" \
	"$(printf '%s\n' "$VMT_STDERR" | grep -c 'mpt: features of a table parsed')" "$nmaps"
expect_eq "-v 4: config features parsed once per map" \
	"$(printf '%s\n' "$VMT_STDERR" | grep -c 'mpt: features of a text parsed')" "$nmaps"
expect_eq "-v 4 re-run: tables unchanged" "$(state)" "$s1"
end_scenario
