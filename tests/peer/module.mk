# Comparison with Debian's multipath-tools 0.9.4 (the peer, package multipath-tools from
# scripts/deps.sh) through `multipath -t`; needs root or user namespaces (tests/peer/peer-t.sh).
#   make check-peer-builtin   built-in defaults and hardware table, entry by entry
#   make check-peer-corpus    tests/fixtures/config/realworld/*.conf: zero refusals by ours, and the
#                             effective settings equal the peer's except tests/peer/deliberate.txt
#   make check-peer           both
# PEER_OUT=DIR keeps every dump and difference list there.
check-peer-builtin: $(MULTIPATH)
	@MULTIPATH=$(MULTIPATH) tests/peer/check.sh builtin

check-peer-corpus: $(MULTIPATH)
	@MULTIPATH=$(MULTIPATH) tests/peer/check.sh corpus

check-peer: $(MULTIPATH)
	@b=0; c=0; MULTIPATH=$(MULTIPATH) tests/peer/check.sh builtin || b=1; \
	MULTIPATH=$(MULTIPATH) tests/peer/check.sh corpus || c=1; test $$b = 0 && test $$c = 0
.PHONY: check-peer check-peer-builtin check-peer-corpus
