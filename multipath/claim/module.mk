# Claiming paths on a udev/systemd host: multipath_claim (the static binary the udev rule runs:
# "multipath -u" without multipath's shared libraries), the udev rule
# (56-multipath-claim.rules) and the boot unit that makes the maps once udev has settled
# (multipath/systemd/multipath-coldplug.service). Installed by "make install"; the unit is inert
# where systemd does not run.
udevrulesdir   ?= /lib/udev/rules.d
udevlibdir     ?= /lib/udev
systemdunitdir ?= /lib/systemd/system
MULTIPATH_CLAIM := $(BUILD)/multipath_claim
CLAIM_OBJS := $(OBJ)/multipath/claim/main.o $(OBJ)/multipath/claim.o
CLAIM_SED = sed -e 's|/lib/udev/multipath_claim |$(udevlibdir)/multipath_claim |g' \
	-e 's|/sbin/multipath |$(sbindir)/multipath |g'

# -static: glibc, libsysfs and libsgutils2 (SG_IO only when sysfs lacks the VPD pages) are
# linked in; nothing of libmultipath that needs libdevmapper is pulled.
$(MULTIPATH_CLAIM): $(CLAIM_OBJS) $(LIBMP)
	$(CC) $(CFLAGS) $(LDFLAGS) -static -o $@ $^ $(LDLIBS_SYSFS) $(LDLIBS_SG) -lpthread -lm

all: $(MULTIPATH_CLAIM)

install: install-claim
install-claim: $(MULTIPATH_CLAIM)
	install -d $(DESTDIR)$(udevrulesdir) $(DESTDIR)$(systemdunitdir) $(DESTDIR)$(udevlibdir)
	install -m 0755 $(MULTIPATH_CLAIM) $(DESTDIR)$(udevlibdir)/multipath_claim
	$(CLAIM_SED) multipath/claim/56-multipath-claim.rules > $(DESTDIR)$(udevrulesdir)/56-multipath-claim.rules
	chmod 0644 $(DESTDIR)$(udevrulesdir)/56-multipath-claim.rules
	$(CLAIM_SED) multipath/systemd/multipath-coldplug.service > $(DESTDIR)$(systemdunitdir)/multipath-coldplug.service
	chmod 0644 $(DESTDIR)$(systemdunitdir)/multipath-coldplug.service
.PHONY: install-claim
