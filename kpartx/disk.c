/* Bounds-checked access to a kp_disk, shared by every partition reader. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "disk.h"

int kp_read(const struct kp_disk *d, uint64_t off, void *buf, size_t len)
{
	/* Written so that a hostile offset near UINT64_MAX cannot wrap around. */
	if (off > d->size || len > d->size - off)
		return -ERANGE;
	if (len == 0)
		return 0;
	return d->read(d->ctx, off, buf, len);
}

int kp_read_sector(const struct kp_disk *d, uint64_t sect, unsigned char buf[512])
{
	if (sect > UINT64_MAX / 512)
		return -ERANGE;
	return kp_read(d, sect * 512, buf, 512);
}

uint64_t kp_disk_sectors(const struct kp_disk *d)
{
	return d->size / 512;
}

void kp_warn(const struct kp_disk *d, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (d->warn)
		d->warn(d->warn_ctx, msg);
	else
		fprintf(stderr, "kpartx: %s: %s\n", d->name ? d->name : "disk", msg);
}
