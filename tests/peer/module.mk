# Comparison with Debian's multipath-tools 0.9.4 (the peer, package multipath-tools from
# scripts/deps.sh) through `multipath -t`; needs root or user namespaces (tests/peer/peer-t.sh).
#   make check-peer-builtin   built-in defaults and hardware table, entry by entry
#   make check-peer-corpus    tests/fixtures/config/realworld/*.conf: zero refusals by ours, and the
#                             effective settings equal the peer's
# A difference passes only when tests/peer/deliberate.txt (on purpose) or tests/peer/pending.txt
# (known, waiting for named work; the goal is an empty file) lists it; the summary counts each.
#   make check-peer           both
# PEER_OUT=DIR keeps every dump and difference list there.
# The normaliser and comparison themselves, on two small dumps with known differences
# (a merged entry, keyword aliases, value quoting, defaults-driven settings reported once).
check-peer-selftest:
	@d=$$(mktemp -d); for t in peer ours; do \
		awk -f tests/peer/normalize.awk tests/peer/selftest/$$t.t > $$d/$$t || exit 1; done; \
	awk -f tests/peer/compare.awk mode=builtin which=p $$d/peer which=o $$d/ours | LC_ALL=C sort \
		| diff -u tests/peer/selftest/expected.diff - && echo "peer: selftest ok"; r=$$?; rm -rf $$d; exit $$r

check-peer-builtin: $(MULTIPATH)
	@MULTIPATH=$(MULTIPATH) tests/peer/check.sh builtin

check-peer-corpus: $(MULTIPATH)
	@MULTIPATH=$(MULTIPATH) tests/peer/check.sh corpus

check-peer: $(MULTIPATH) check-peer-selftest
	@b=0; c=0; MULTIPATH=$(MULTIPATH) tests/peer/check.sh builtin || b=1; \
	MULTIPATH=$(MULTIPATH) tests/peer/check.sh corpus || c=1; test $$b = 0 && test $$c = 0
.PHONY: check-peer check-peer-selftest check-peer-builtin check-peer-corpus
