# Identity oracle (tests/uid/oracle.c): our ID_SERIAL & co. under both rankings against
# Debian's scsi_id (fed generated pages by an LD_PRELOAD SG_IO double) and sg_inq +
# the installed 55-scsi-sg3_id.rules, and uid_attribute "" against Debian's libmultipath.so.0
# (multipath-tools, when installed). No root, no device. Part of make check.
UID_ORACLE := $(BUILD)/tests/uid/oracle
UID_DOUBLE := $(BUILD)/tests/uid/sgio_double.so

$(UID_DOUBLE): tests/uid/sgio_double.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -g -Wall -Wextra -shared -fPIC -o $@ $< -ldl

$(UID_ORACLE): tests/uid/oracle.c $(LIBMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) -o $@ $< $(LIBMP) $(LIBMP_LIBS) -ldl

check-uid: $(UID_ORACLE) $(UID_DOUBLE)
	LD_PRELOAD=$(abspath $(UID_DOUBLE)) $(UID_ORACLE) $(abspath $(UID_DOUBLE))

check: check-uid
.PHONY: check-uid

# The initramfs-tools hook records the ranking (tests/uid/hook.sh; runs the hook on a
# scratch install, no root file touched).
check-uid-hook: all
	@BUILD=$(abspath $(BUILD)) tests/uid/hook.sh

check: check-uid-hook
.PHONY: check-uid-hook
