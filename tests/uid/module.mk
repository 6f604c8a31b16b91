# Identity oracle (tests/uid/oracle.c): our ID_SERIAL & co. under both rankings against
# Debian's scsi_id (fed generated pages by an LD_PRELOAD SG_IO double) and sg_inq +
# the installed 55-scsi-sg3_id.rules. No root, no device. Part of make check.
UID_ORACLE := $(BUILD)/tests/uid/oracle
UID_DOUBLE := $(BUILD)/tests/uid/sgio_double.so

$(UID_DOUBLE): tests/uid/sgio_double.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -g -Wall -Wextra -shared -fPIC -o $@ $< -ldl

$(UID_ORACLE): tests/uid/oracle.c $(LIBMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIBMP) $(LIBMP_LIBS)

check-uid: $(UID_ORACLE) $(UID_DOUBLE)
	$(UID_ORACLE) $(abspath $(UID_DOUBLE))

check: check-uid
.PHONY: check-uid
