# The udev rule: multipath on SCSI disk add/remove, /dev/mpath/<name> links and kpartx for
# multipath maps (see the rule's header and multipath(8)). GLUE_SED: multipath/hotplug/module.mk.
udevrulesdir ?= /lib/udev/rules.d

install: install-udev
install-udev:
	$(call glue_install,multipath/udev/60-multipath.rules,$(DESTDIR)$(udevrulesdir)/60-multipath.rules,0644)
.PHONY: install-udev
