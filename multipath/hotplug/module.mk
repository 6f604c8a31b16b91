# Hotplug glue: the device event handler (run by /sbin/hotplug, by the udev rule and by the
# initramfs) and a minimal /sbin/hotplug dispatcher for systems without udev.
# The scripts name the default locations below; GLUE_SED rewrites them on install when
# sbindir or mplibdir are changed (it is shared by multipath/udev and multipath/initramfs-tools).
mplibdir   ?= /lib/multipath
hotplugdir ?= /etc/hotplug.d
GLUE_SED = sed $(if $(filter /sbin,$(sbindir)),,-e 's|^PATH=/sbin:|PATH=$(sbindir):/sbin:|') \
	-e 's|PROGRAM=="/sbin/devmap_name |PROGRAM=="$(sbindir)/devmap_name |g' \
	-e 's|RUN+="/lib/multipath/|RUN+="$(mplibdir)/|g' \
	-e 's|^ExecStart=/lib/multipath/|ExecStart=$(mplibdir)/|' -e 's|^ExecStart=/sbin/|ExecStart=$(sbindir)/|' \
	-e 's|^sbindir=/sbin$$|sbindir=$(sbindir)|' -e 's|^mplibdir=/lib/multipath$$|mplibdir=$(mplibdir)|'
# $(call glue_install,SRC,DEST,MODE): install SRC as DEST through GLUE_SED.
glue_install = install -d $(dir $(2)) && $(GLUE_SED) $(1) > $(2).tmp && chmod $(3) $(2).tmp && mv -f $(2).tmp $(2)

install: install-hotplug
install-hotplug:
	$(call glue_install,multipath/hotplug/multipath.hotplug,$(DESTDIR)$(mplibdir)/multipath.hotplug,0755)
	$(call glue_install,multipath/hotplug/hotplug-dispatch,$(DESTDIR)$(mplibdir)/hotplug-dispatch,0755)
	# The 2004 place (scsi events) and the block events, which carry the disk's dev_t.
	for s in scsi block; do \
		install -d $(DESTDIR)$(hotplugdir)/$$s && \
		ln -sfn $(mplibdir)/multipath.hotplug $(DESTDIR)$(hotplugdir)/$$s/multipath.hotplug || exit 1; \
	done
.PHONY: install-hotplug
