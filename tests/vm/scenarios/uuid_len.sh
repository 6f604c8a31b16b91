#!/bin/sh
# uuid_len: the longest WWID we make fits the kernel's dm uuid: "mpath-" + 122 characters
# = 128 (DM_UUID_LEN 129 with its NUL). Two dual-path qemu disks whose vendor-specific VPD
# 0x83 designator (scsi-hd device_id) is the WWID (uid_attribute SCSI_IDENT_LUN_VENDOR under
# the sg3_utils ranking, which exports up to 128 characters of it): disk 1's is exactly 122
# characters (kept whole), disk 2's 128 (its head + "=" + a 64-bit hash, 122). multipath makes both maps, and the kernel holds
# "mpath-<WWID>" whole. dmsetup shows the kernel's limit itself: 128 characters are taken,
# 129 refused.
# vm-disk: dual 64M device_id=WWIDMAX1220123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123
# vm-disk: dual 64M device_id=WWIDLONG128ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHI
. /lib/vmtest.sh
need_multipath
ID1=WWIDMAX1220123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123
ID2=WWIDLONG128ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHI
check "4 sd paths appear" wait_for_devs 4 || end_scenario
mkdir -p /etc/multipath
echo sg3_utils > /etc/multipath/uid_ranking
printf 'defaults {\n\tuid_attribute SCSI_IDENT_LUN_VENDOR\n}\n' > /etc/multipath.conf

step "multipath makes both maps, the uuid whole"
capture out multipath -v3
expect_eq "exit status" "$VMT_RC" 0
W2=$(printf '%s\n' "$VMT_STDERR" | sed -n 's/^sd[a-z]*: WWID \(WWIDLONG128[^ ]*\) = .*/\1/p' | head -n 1)
expect_match "disk 2: its WWID is the head and a hash" "$W2" "^$(printf %.105s "$ID2")=[0-9a-f]{16}\$"
expect_eq "disk 2: 122 characters" "${#W2}" 122
for w in "$ID1" "$W2"; do
	u=$(dm_uuid "$w")
	expect_eq "map $(printf %.12s "$w")...: dm uuid mpath-<WWID>" "$u" "mpath-$w"
	expect_eq "map $(printf %.12s "$w")...: 128 characters" "${#u}" 128
	expect_eq "map $(printf %.12s "$w")...: 2 paths" "$(dm_slaves "$w" | wc -w)" 2
done
capture out multipath -v2
expect_eq "a second run: exit status" "$VMT_RC" 0
expect_empty "a second run: nothing to do" "$(printf '%s\n' "$out" | grep -E '^(create|reload)')"

step "the kernel's limit: 128 characters taken, 129 refused"
U128="mpath-$(printf 'u%.0s' $(seq 122))"
check "dmsetup create: a 128-character uuid" dmsetup create lenmax --uuid "$U128" --table "0 8 error"
expect_eq "the kernel holds it whole" "$(dm_uuid lenmax)" "$U128"
check "dmsetup remove" dmsetup remove lenmax
capture out dmsetup create lenover --uuid "${U128}x" --table "0 8 error"
expect_ne "dmsetup create: a 129-character uuid is refused" "$VMT_RC" 0
end_scenario
