# The Debian package (debian/, tests/deb/check-deb.sh): build it from the working tree, check
# its file list, fields and lintian, and install it into build/deb/root with dpkg --root. The
# claim_deb VM scenario runs the claim tests from that root (check-vm-claim_deb builds it first).
check-deb:
	@BUILD=$(abspath $(BUILD)) tests/deb/check-deb.sh

check-vm-claim_deb: check-deb

check: check-deb
.PHONY: check-deb
check-vm: check-deb
