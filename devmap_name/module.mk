DEVMAP_NAME := $(BUILD)/devmap_name

$(DEVMAP_NAME): $(OBJ)/devmap_name/devmap_name.o $(LIBMP)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBMP_LIBS)

all: $(DEVMAP_NAME)

install: install-devmap_name
install-devmap_name: $(DEVMAP_NAME)
	install -D -m 0755 $(DEVMAP_NAME) $(DESTDIR)$(sbindir)/devmap_name
.PHONY: install-devmap_name
