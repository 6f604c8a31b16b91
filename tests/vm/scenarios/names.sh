#!/bin/sh
# names: map names from the configuration. user_friendly_names gives mpatha, mpathb kept in
# /etc/multipath/bindings; gaps in the bindings are reused; a multipaths{} alias renames a live
# map in place (same dev_t); -B hands out names without writing the bindings file; every map
# made is recorded in /etc/multipath/wwids; a broken config line is a warning naming it, the rest
# of the config applies and the maps are made.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
. /lib/vmtest.sh
need_multipath
check "4 sd paths appear" wait_for_devs 4 || end_scenario
set -- $(lu_list); W1=$1; W2=$2
mkdir -p /etc/multipath

step "user_friendly_names: mpatha, mpathb in scan order, bound in the bindings file"
printf 'defaults {\n\tuser_friendly_names yes\n}\n' > /etc/multipath.conf
capture out multipath
expect_eq "exit status" "$VMT_RC" 0
expect_eq "maps" "$(dm_names | paste -sd' ' -)" "mpatha mpathb"
expect_eq "mpatha is the first LU" "$(dm_uuid mpatha)" "mpath-$W1"
expect_eq "mpathb is the second LU" "$(dm_uuid mpathb)" "mpath-$W2"
expect_match "bindings header" "$(cat /etc/multipath/bindings)" '^# Multipath bindings'
expect_match "binding mpatha" "$(cat /etc/multipath/bindings)" "^mpatha $W1\$"
expect_match "binding mpathb" "$(cat /etc/multipath/bindings)" "^mpathb $W2\$"
expect_match "wwids file has W1" "$(cat /etc/multipath/wwids)" "^/$W1/\$"
expect_match "wwids file has W2" "$(cat /etc/multipath/wwids)" "^/$W2/\$"
capture out multipath
expect_empty "re-run: nothing to do" "$out"
expect_eq "re-run: same names" "$(dm_names | paste -sd' ' -)" "mpatha mpathb"

step "a gap in the bindings is reused"
dm_remove_all
printf '# Multipath bindings, Version : 1.0\nmpathb %s\n' "$W2" > /etc/multipath/bindings
capture out multipath
expect_eq "W1 gets the lowest free name" "$(dm_uuid mpatha)" "mpath-$W1"
expect_eq "W2 keeps its binding" "$(dm_uuid mpathb)" "mpath-$W2"

step "a multipaths{} alias renames the live map, same dev_t"
before=$(dm_devt mpatha)
printf 'defaults {\n user_friendly_names yes\n}\nmultipaths {\n multipath {\n  wwid %s\n  alias yellow\n }\n}\n' "$W1" > /etc/multipath.conf
capture out multipath
expect_eq "exit status" "$VMT_RC" 0
expect_match "rename reported" "$out" "^rename: yellow"
expect_eq "maps" "$(dm_names | paste -sd' ' -)" "mpathb yellow"
expect_eq "dev_t kept" "$(dm_devt yellow)" "$before"
expect_eq "uuid kept" "$(dm_uuid yellow)" "mpath-$W1"

step "-B: names for this run only, the bindings file is not written"
dm_remove_all
rm -f /etc/multipath/bindings
printf 'defaults {\n user_friendly_names yes\n}\n' > /etc/multipath.conf
capture out multipath -B
expect_eq "exit status" "$VMT_RC" 0
expect_eq "maps" "$(dm_names | paste -sd' ' -)" "mpatha mpathb"
check "no bindings file written" test ! -e /etc/multipath/bindings

step "no friendly names: the WWID"
dm_remove_all
rm -f /etc/multipath.conf
capture out multipath
expect_eq "maps named by WWID" "$(dm_names | paste -sd' ' -)" "$(printf '%s\n%s\n' "$W1" "$W2" | sort | paste -sd' ' -)"

step "a broken configuration line is a warning, never a refusal"
dm_remove_all
printf 'defaults {\n user_friendly_names maybe\n}\n' > /etc/multipath.conf
capture out multipath
expect_eq "bad value: exit status 0" "$VMT_RC" 0
expect_match "file:line in the warning" "$VMT_STDERR" "warning: /etc/multipath.conf:2: bad user_friendly_names 'maybe'"
expect_eq "maps made, named by WWID (the line was ignored)" "$(dm_names | wc -l)" 2
dm_remove_all
printf 'defaults {\n bogus_keyword 1\n user_friendly_names yes\n}\n' > /etc/multipath.conf
capture out multipath
expect_eq "unknown keyword: exit 0" "$VMT_RC" 0
expect_match "unknown keyword: named" "$VMT_STDERR" "warning: /etc/multipath.conf:2: unknown keyword 'bogus_keyword'"
expect_eq "the rest applies: friendly names" "$(dm_names | paste -sd' ' -)" "mpatha mpathb"
dm_remove_all
export MULTIPATH_CONF=/nonexistent/ok.conf
capture out multipath -v 1
unset MULTIPATH_CONF
expect_eq "MULTIPATH_CONF elsewhere (missing file = built-ins): exit 0" "$VMT_RC" 0
expect_eq "two maps" "$(dm_names | wc -l)" 2
end_scenario
