# multipath — top-level, non-recursive build.
# Each directory contributes a module.mk fragment; this file only holds the
# shared rules, so parallel work in different directories never collides.

prefix  ?= /usr
sbindir ?= /sbin
mandir  ?= $(prefix)/share/man
DESTDIR ?=

CC      ?= cc
CFLAGS  ?= -O2 -g
PKG_CONFIG ?= pkg-config

# What the code needs to compile at all, whatever a user sets: `make CFLAGS='-O1 -g'`
# replaces the default above, never these (override: a command-line CFLAGS/CPPFLAGS
# is extended, not dropped). The user's flags come after ours, so they can still add
# to or tune them (-Wno-..., -O0).
MP_CFLAGS   := -std=gnu11 -D_GNU_SOURCE -Wall -Wextra
# Libraries: from pkg-config where they ship a .pc file, else the plain -l (libsgutils2
# ships none in Debian 12). $(call pc,CFLAGS|LIBS,module,fallback)
pc = $(or $(shell $(PKG_CONFIG) --$(if $(filter LIBS,$(1)),libs,cflags) $(2) 2>/dev/null),$(3))
LDLIBS_DM    := $(call pc,LIBS,devmapper,-ldevmapper)
LDLIBS_SYSFS := $(call pc,LIBS,libsysfs,-lsysfs)
LDLIBS_SG    := -lsgutils2
MP_CPPFLAGS := -Ilibmultipath -Imultipath $(call pc,CFLAGS,devmapper) $(call pc,CFLAGS,libsysfs)
override CFLAGS   := $(MP_CFLAGS) $(CFLAGS)
override CPPFLAGS := $(MP_CPPFLAGS) $(CPPFLAGS)

BUILD = build
OBJ   = $(BUILD)/obj

all:

include libmultipath/module.mk
include multipath/module.mk
include kpartx/module.mk
include devmap_name/module.mk
include man/module.mk
# Glue (udev/hotplug/initramfs) and test suites add themselves by dropping a fragment here.
include $(sort $(wildcard multipath/*/module.mk))
include $(sort $(wildcard tests/*/module.mk))

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

-include $(shell find $(OBJ) -name '*.d' -type f 2>/dev/null)

# Installs what the build and tests need (Debian 12); prints the apt-get line when not root.
deps:
	@scripts/deps.sh

# check: every test — unit (no root), kpartx image tests (loop devices), and the VM suite.
check: deps all check-unit check-kpartx check-peer check-vm

# demo: the main job on a small VM "SAN" (scsi_debug, 2 hosts x 2 LUs).
demo: deps all demo-vm

clean:
	rm -rf $(BUILD)

.PHONY: all deps check demo clean install
