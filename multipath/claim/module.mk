# Claiming paths on a udev/systemd host: the udev rule that runs "multipath -u" for every SCSI
# disk (56-multipath-claim.rules) and the boot unit that makes the maps once udev has settled
# (multipath/systemd/multipath-coldplug.service). Installed with the rest by "make install";
# systemdunitdir may point anywhere (the unit is inert where systemd does not run).
udevrulesdir ?= /lib/udev/rules.d
systemdunitdir ?= /lib/systemd/system
CLAIM_SED = sed -e 's|/sbin/multipath |$(sbindir)/multipath |g'

install: install-claim
install-claim:
	install -d $(DESTDIR)$(udevrulesdir) $(DESTDIR)$(systemdunitdir)
	$(CLAIM_SED) multipath/claim/56-multipath-claim.rules > $(DESTDIR)$(udevrulesdir)/56-multipath-claim.rules
	chmod 0644 $(DESTDIR)$(udevrulesdir)/56-multipath-claim.rules
	$(CLAIM_SED) multipath/systemd/multipath-coldplug.service > $(DESTDIR)$(systemdunitdir)/multipath-coldplug.service
	chmod 0644 $(DESTDIR)$(systemdunitdir)/multipath-coldplug.service
.PHONY: install-claim
