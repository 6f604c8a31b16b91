MANPAGES  := $(wildcard man/*.8)
MANPAGES5 := $(wildcard man/*.5)
install: install-man
install-man:
	for m in $(MANPAGES); do install -D -m 0644 $$m $(DESTDIR)$(mandir)/man8/$$(basename $$m); done
	for m in $(MANPAGES5); do install -D -m 0644 $$m $(DESTDIR)$(mandir)/man5/$$(basename $$m); done
.PHONY: install-man
