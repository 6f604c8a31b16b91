MANPAGES := $(wildcard man/*.8)
install: install-man
install-man:
	for m in $(MANPAGES); do install -D -m 0644 $$m $(DESTDIR)$(mandir)/man8/$$(basename $$m); done
.PHONY: install-man
