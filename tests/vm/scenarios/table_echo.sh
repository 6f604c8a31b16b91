#!/bin/sh
# table_echo: features the kernel echoes back other than we load them are no difference, so a
# second run reloads nothing. Three LUs, each with its own features (multipaths entries):
# pg_init_delay_msecs before pg_init_retries (the kernel prints them the other way round),
# queue_mode mq (request-based, the default: not echoed), queue_mode bio (echoed with the
# retain_attached_hw_handler it implies). The loaded table (-v 3's map line) and the live one
# differ as text; a second and a third run print no create/reload and change no table.
# vm-scsi-debug: vpd_use_hostno=0 add_host=2 num_tgts=1 max_luns=3
. /lib/vmtest.sh
need_multipath
check "6 sd paths appear" wait_for_devs 6 || end_scenario
set -- $(lu_list); W1=$1; W2=$2; W3=$3
cat > /etc/multipath.conf <<CONF
multipaths {
	multipath {
		wwid $W1
		features "4 pg_init_delay_msecs 100 pg_init_retries 5"
	}
	multipath {
		wwid $W2
		features "2 queue_mode mq"
	}
	multipath {
		wwid $W3
		features "2 queue_mode bio"
	}
}
CONF

step "first run: three maps, their features as given"
capture out multipath -v 3
expect_eq "exit status" "$VMT_RC" 0
expect_eq "3 maps" "$(dm_names | wc -l)" 3
loaded() { printf '%s\n' "$out" | sed -n "s/^$1:0 [0-9]* multipath //p"; }
expect_match "$W1: loaded as written" "$(loaded $W1)" "^4 pg_init_delay_msecs 100 pg_init_retries 5 0 "
expect_match "$W2: loaded as written" "$(loaded $W2)" "^2 queue_mode mq 0 "
expect_match "$W3: loaded as written" "$(loaded $W3)" "^2 queue_mode bio 0 "
t1=$(dm_table $W1); t2=$(dm_table $W2); t3=$(dm_table $W3)
printf '%s\n%s\n%s\n' "$t1" "$t2" "$t3"
expect_match "$W1: the kernel's order" "$t1" " multipath 4 pg_init_retries 5 pg_init_delay_msecs 100 0 "
expect_match "$W2: queue_mode mq not echoed" "$t2" " multipath 0 0 "
expect_match "$W3: bio echoed with retain" "$t3" " multipath 3 retain_attached_hw_handler queue_mode bio 0 "

for v in 2 3; do
	step "again, -v $v: nothing to reload"
	seq=$(cat /sys/kernel/uevent_seqnum)
	capture out multipath -v $v
	expect_eq "-v $v: exit status" "$VMT_RC" 0
	expect_empty "-v $v: no create or reload" "$(printf '%s\n' "$out" | grep -E '^(\(dry run\) )?(create|reload):')"
	expect_eq "-v $v: tables unchanged" "$(dm_table $W1)|$(dm_table $W2)|$(dm_table $W3)" "$t1|$t2|$t3"
	expect_eq "-v $v: no uevent (no reload)" "$(cat /sys/kernel/uevent_seqnum)" "$seq"
done
end_scenario
