# initramfs-tools integration: the hook and the boot script (local-top, and local-block for
# paths that appear while init waits for the root device). initramfsdir may point at any
# initramfs-tools config dir (e.g. a scratch /etc/initramfs-tools under DESTDIR, which
# "mkinitramfs -d" reads). GLUE_SED: multipath/hotplug/module.mk.
initramfsdir ?= /usr/share/initramfs-tools

install: install-initramfs-tools
install-initramfs-tools:
	$(call glue_install,multipath/initramfs-tools/hook,$(DESTDIR)$(initramfsdir)/hooks/multipath,0755)
	sed -i -e 's|^udevrulesdir=/lib/udev/rules.d$$|udevrulesdir=$(udevrulesdir)|' \
		-e 's|^udevlibdir=/lib/udev$$|udevlibdir=$(udevlibdir)|' $(DESTDIR)$(initramfsdir)/hooks/multipath
	$(call glue_install,multipath/initramfs-tools/script,$(DESTDIR)$(initramfsdir)/scripts/local-top/multipath,0755)
	$(call glue_install,multipath/initramfs-tools/script,$(DESTDIR)$(initramfsdir)/scripts/local-block/multipath,0755)
.PHONY: install-initramfs-tools

# A bootable initramfs made by Debian's mkinitramfs with this hook, from the built tree
# (make install into build/vm/stage; see tests/vm/initramfs-tools.sh). Used by the rootfs
# VM scenario; handy to inspect with lsinitramfs.
initramfs-tools-image: all
	@BUILD=$(abspath $(BUILD)) tests/vm/initramfs-tools.sh -o $(abspath $(BUILD))/vm/initramfs-tools.img
.PHONY: initramfs-tools-image
