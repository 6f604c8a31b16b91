# VM suite (tests/vm/README.md): every tests/vm/scenarios/*.sh boots its own qemu VM
# (software emulation) with our binaries, and asserts on what the kernel really has.
#   make check-vm          all scenarios, one after the other; closes with "N passed, N failed"
#   make check-vm-NAME     one scenario (tests/vm/scenarios/NAME.sh)
#   make demo-vm           the scsi_debug 2 hosts x 2 LUs demo, console streamed
# The scripts take the binaries' locations from make's variables (absolute paths).
VM_ENV = BUILD=$(abspath $(BUILD)) VM_MULTIPATH=$(abspath $(MULTIPATH)) \
	$(if $(KPARTX),VM_KPARTX=$(abspath $(KPARTX))) \
	$(if $(DEVMAP_NAME),VM_DEVMAP_NAME=$(abspath $(DEVMAP_NAME)))

check-vm: all $(MULTIPATH)
	@$(VM_ENV) tests/vm/run-all.sh

check-vm-%: all $(MULTIPATH)
	@$(VM_ENV) tests/vm/run-scenario.sh tests/vm/scenarios/$*.sh

demo-vm: all $(MULTIPATH)
	@$(VM_ENV) tests/vm/run-scenario.sh --show tests/vm/demo/demo.sh

.PHONY: check-vm demo-vm
