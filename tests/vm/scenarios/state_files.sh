#!/bin/sh
# state_files: the bindings and WWIDs files (/etc/multipath/{bindings,wwids}) are replaced
# atomically — a new file renamed over the old one: a reader holding the old file keeps reading the
# old content whole, the new file has every old line (comments and foreign entries included) plus
# the new ones, its mode is kept, no temporary file is left behind, and a file that is a symlink is
# updated through the link. A read-only /etc or a full file system is an error message naming the
# file and why, never a crash: the maps are made all the same (friendly names given out for the
# run and kept by the next), the old file is left byte for byte as it was; -B writes nothing and
# so has nothing to complain about.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=2
. /lib/vmtest.sh
need_multipath
check "4 sd paths appear" wait_for_devs 4 || end_scenario
set -- $(lu_list); W1=$1; W2=$2
D=/etc/multipath
B=$D/bindings
WW=$D/wwids
maps() { dm_names | paste -sd' ' -; }
printf 'defaults {\n\tuser_friendly_names yes\n}\n' > /etc/multipath.conf

step "read-only /etc"
mount -o bind /etc /etc && mount -o remount,bind,ro /etc
check "/etc is read-only" sh -c '! touch /etc/probe 2>/dev/null'
capture out multipath
expect_eq "maps made all the same" "$(maps)" "mpatha mpathb"
# The message must name the file that is not saved (what is lost), not only the directory.
expect_match "says the bindings file cannot be written, and why" "$VMT_STDERR" "bindings.*Read-only file system"
expect_match "says the WWIDs file cannot be written, and why" "$VMT_STDERR" "wwids.*Read-only file system"
expect_match "no crash (exit $VMT_RC)" "$VMT_RC" '^[02]$'
note "read-only /etc: exit $VMT_RC"
capture out multipath
expect_eq "a re-run keeps the names the maps have" "$(maps)" "mpatha mpathb"
expect_empty "and reloads or renames nothing" "$out"
note "read-only /etc, re-run: exit $VMT_RC, stderr: $(printf %s "$VMT_STDERR" | tr '\n' '|')"
capture out multipath -B
expect_eq "-B: exit 0" "$VMT_RC" 0
expect_empty "-B: no complaint (it writes nothing)" "$VMT_STDERR"
umount /etc
check "/etc is writable again" sh -c 'touch /etc/probe && rm /etc/probe'

step "writable again: the files record the maps made meanwhile"
capture out multipath
expect_eq "exit 0" "$VMT_RC" 0
expect_empty "no complaint" "$VMT_STDERR"
expect_eq "maps unchanged" "$(maps)" "mpatha mpathb"
expect_match "bindings: mpatha" "$(cat $B)" "^mpatha $W1\$"
expect_match "bindings: mpathb" "$(cat $B)" "^mpathb $W2\$"
expect_match "wwids: W1" "$(cat $WW)" "^/$W1/\$"
expect_match "wwids: W2" "$(cat $WW)" "^/$W2/\$"

step "the files are replaced, not rewritten in place"
# Make both files need an update (W2's binding and WWID gone, its map removed), and leave marks
# a rewrite must keep: a comment, a foreign entry, an unusual mode.
dmsetup remove mpathb
{ grep -v " $W2\$" $B; echo "# kept by hand"; echo "mpathz 3600000000000000000000000000000ff"; } > /tmp/b
printf '# wwids written by hand\n/%s/\n# kept by hand\n' "$W1" > /tmp/w
cat /tmp/b > $B; cat /tmp/w > $WW
chmod 0640 $B; chmod 0604 $WW
ib=$(stat -c %i $B); iw=$(stat -c %i $WW)
exec 5<$B 6<$WW
capture out multipath
expect_eq "exit 0" "$VMT_RC" 0
expect_eq "map made" "$(maps)" "mpatha mpathb"
expect_eq "bindings: old lines kept, new one appended" "$(cat $B)" "$(cat /tmp/b; echo "mpathb $W2")"
expect_eq "wwids: old lines kept, new one appended" "$(cat $WW)" "$(cat /tmp/w; echo "/$W2/")"
expect_ne "bindings: a new file (inode)" "$(stat -c %i $B)" "$ib"
expect_ne "wwids: a new file (inode)" "$(stat -c %i $WW)" "$iw"
expect_eq "bindings: a reader of the old file still sees the old content" "$(cat <&5)" "$(cat /tmp/b)"
expect_eq "wwids: a reader of the old file still sees the old content" "$(cat <&6)" "$(cat /tmp/w)"
exec 5<&- 6<&-
expect_eq "bindings: mode kept" "$(stat -c %a $B)" 640
expect_eq "wwids: mode kept" "$(stat -c %a $WW)" 604
expect_eq "no temporary file left" "$(ls -A $D | paste -sd' ' -)" "bindings wwids"

step "a bindings file that is a symlink is updated through it"
mkdir -p /run/state
dmsetup remove mpathb
grep -v " $W2\$" $B > /run/state/bindings
rm $B
ln -s /run/state/bindings $B
capture out multipath
expect_eq "exit 0" "$VMT_RC" 0
check "still a symlink" test -L $B
expect_match "its target has the new binding" "$(cat /run/state/bindings)" "^mpathb $W2\$"

step "a full file system"
dmsetup remove mpathb
rm $B
grep -v " $W2\$" /run/state/bindings > /tmp/b
grep -v "/$W2/" $WW > /tmp/w
mount -t tmpfs -o size=16k tmpfs $D
cp /tmp/b $B; cp /tmp/w $WW
dd if=/dev/zero of=$D/filler bs=4096 2>/dev/null
check "$D is full" sh -c "! echo x > $D/probe 2>/dev/null"
rm -f $D/probe
capture out multipath
expect_eq "map made all the same" "$(maps)" "mpatha mpathb"
expect_match "says the bindings file cannot be written, and why" "$VMT_STDERR" "$B: .*No space left on device"
expect_match "no crash (exit $VMT_RC)" "$VMT_RC" '^[02]$'
note "full file system: exit $VMT_RC, stderr: $(printf %s "$VMT_STDERR" | tr '\n' '|')"
check "bindings left byte for byte" cmp $B /tmp/b
check "wwids left byte for byte" cmp $WW /tmp/w
expect_eq "no temporary file left" "$(ls -A $D | paste -sd' ' -)" "bindings filler wwids"
rm $D/filler
capture out multipath
expect_eq "room again: exit 0" "$VMT_RC" 0
expect_match "room again: the name the map has is recorded" "$(cat $B)" "^mpathb $W2\$"
umount $D

step "a state file that exists but cannot be read is left alone and gives out no name"
# The reproducer of issue 14: a bindings file over the size limit (64 MiB) that binds mpatha to
# another LU; before, it was replaced by one line and mpatha went to this LU.
dm_remove_all
printf 'mpatha 3600aaaa\n' > $B
dd if=/dev/zero of=$B bs=1 count=1 seek=$((64 * 1024 * 1024)) 2>/dev/null
cp $WW /tmp/w
sz=$(stat -c %s $B); ib=$(stat -c %i $B)
capture out multipath
expect_eq "maps named by WWID, no friendly name given out" "$(maps)" "$(printf '%s\n' $W1 $W2 | sort | paste -sd' ' -)"
expect_match "says the bindings file cannot be read, and why" "$VMT_STDERR" "$B: File too large.*read-only"
expect_eq "the bindings file is left as it was (size)" "$(stat -c %s $B)" "$sz"
expect_eq "the bindings file is left as it was (inode)" "$(stat -c %i $B)" "$ib"
expect_eq "the bindings file is left as it was (first line)" "$(head -n 1 $B)" "mpatha 3600aaaa"
dm_remove_all
rm $B; mkfifo $B
rm $WW; mkfifo $WW
capture out timeout 60 multipath
expect_match "FIFOs: no hang (exit $VMT_RC)" "$VMT_RC" '^[02]$'
expect_match "says the bindings file cannot be read" "$VMT_STDERR" "$B: not a regular file"
expect_match "says the WWIDs file cannot be read" "$VMT_STDERR" "$WW: not a regular file"
check "the FIFOs are left as they were" test -p $B -a -p $WW
expect_eq "maps named by WWID" "$(maps)" "$(printf '%s\n' $W1 $W2 | sort | paste -sd' ' -)"
rm $B $WW

step "-v4: the -v3 output plus the debug trace, libdevmapper's own messages included"
dm_remove_all
capture out multipath -v4
expect_eq "exit 0" "$VMT_RC" 0
expect_match "the -v3 sections" "$out" "^create: "
expect_match "trace: device-mapper calls" "$VMT_STDERR" "debug: devmapper\.c:[0-9]+: dm create "
expect_match "trace: the state files" "$VMT_STDERR" "debug: atomicfile\.c:[0-9]+: $B: replaced"
expect_match "trace: libdevmapper's log" "$VMT_STDERR" "debug: .*libdevmapper: "
capture out multipath -v3
expect_empty "-v3: no trace" "$(printf '%s\n' "$VMT_STDERR" | grep 'debug:')"
check "flush" dm_remove_all
end_scenario
