# systemd units of the event glue (multipath(8), HOTPLUG AND UDEV, REVALIDATION): the
# coalesced run and the revalidator that multipath.hotplug starts under systemd, and the
# optional safety-net timer. GLUE_SED (multipath/hotplug/module.mk) rewrites the paths.
systemdunitdir ?= /lib/systemd/system
EVENT_UNITS := multipath-hotplug@.service multipath-revalidate@.service multipath-rerun.service \
	multipath-rerun.timer

install: install-event-units
install-event-units:
	for u in $(EVENT_UNITS); do \
		$(call glue_install,multipath/systemd/$$u,$(DESTDIR)$(systemdunitdir)/$$u,0644) || exit 1; \
	done
.PHONY: install-event-units

# The units as systemd reads them (host check, no VM; skipped without systemd-analyze). Under a
# real systemd as PID 1 they run in the VM scenarios systemd_* (tests/vm, vm-systemd).
check-units: $(MULTIPATH)
	@command -v systemd-analyze > /dev/null || { echo "check-units: no systemd-analyze, skipped"; exit 0; }; \
	d=$$(mktemp -d) && $(MAKE) -s install-event-units install-hotplug DESTDIR=$$d systemdunitdir=/u > /dev/null && \
	cp multipath/systemd/multipath-coldplug.service $$d/u/ && \
	sed -i "s|=/lib/multipath/|=$$d/lib/multipath/|; s|=/sbin/multipath |=$(abspath $(MULTIPATH)) |" $$d/u/*; \
	out=$$(cd $$d/u && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no $(addprefix ./,multipath-hotplug@1.service multipath-revalidate@1.service multipath-rerun.service multipath-rerun.timer multipath-coldplug.service) 2>&1); rc=$$?; \
	rm -rf $$d; echo "$$out"; \
	if [ $$rc -ne 0 ] || [ -n "$$out" ]; then echo "check-units: FAIL"; exit 1; fi; echo "check-units: 5 units verified"
.PHONY: check-units
check: check-units
