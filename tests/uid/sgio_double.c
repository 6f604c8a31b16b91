/* Test double for a SCSI disk, LD_PRELOADed under an unmodified program (systemd's
 * scsi_id): opening the path in $SGD_DEV gives a descriptor whose SG_IO answers
 * INQUIRY from the files in $SGD_DIR: std (standard INQUIRY), pg80, pg83 (VPD pages,
 * raw bytes). Page 0x00 lists the pages that have a file. Anything else asked ends in
 * CHECK CONDITION, ILLEGAL REQUEST. SG_IO v4 (bsg) is refused with EINVAL, as the sg
 * driver does, so the program falls back to v3. Only for tests: no device needed. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <scsi/sg.h>
#include <unistd.h>

static int fake_fds[64];
static int nfake;

static int is_fake_path(const char *path)
{
	const char *dev = getenv("SGD_DEV");

	return dev && path && !strcmp(path, dev);
}

static int is_fake_fd(int fd)
{
	for (int i = 0; i < nfake; i++)
		if (fake_fds[i] == fd)
			return 1;
	return 0;
}

static int open_fake(void)
{
	int (*real_open)(const char *, int, ...) =
		(int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	int fd = real_open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (fd >= 0 && nfake < 64)
		fake_fds[nfake++] = fd;
	return fd;
}

#define WRAP_OPEN(name)                                                                  \
	int name(const char *path, int flags, ...)                                       \
	{                                                                                 \
		int (*real)(const char *, int, ...) =                                     \
			(int (*)(const char *, int, ...))dlsym(RTLD_NEXT, #name);         \
		va_list ap;                                                               \
		int mode;                                                                 \
		if (is_fake_path(path))                                                   \
			return open_fake();                                               \
		va_start(ap, flags);                                                      \
		mode = va_arg(ap, int);                                                   \
		va_end(ap);                                                               \
		return real(path, flags, mode);                                           \
	}
WRAP_OPEN(open)
WRAP_OPEN(open64)

int openat(int dirfd, const char *path, int flags, ...)
{
	int (*real)(int, const char *, int, ...) =
		(int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat");
	va_list ap;
	int mode;

	if (is_fake_path(path))
		return open_fake();
	va_start(ap, flags);
	mode = va_arg(ap, int);
	va_end(ap);
	return real(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...) __attribute__((alias("openat")));

static size_t load(const char *name, unsigned char *buf, size_t size)
{
	char path[4096];
	const char *dir = getenv("SGD_DIR");
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : ".", name);
	f = fopen(path, "rb");
	if (!f)
		return 0;
	n = fread(buf, 1, size, f);
	fclose(f);
	return n;
}

static void illegal_request(sg_io_hdr_t *h)
{
	static const unsigned char sense[18] = { 0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x24 };

	h->status = 0x02;
	h->masked_status = 0x01;
	h->driver_status = 0x08;   /* DRIVER_SENSE */
	if (h->sbp && h->mx_sb_len) {
		size_t n = h->mx_sb_len < sizeof(sense) ? h->mx_sb_len : sizeof(sense);

		memcpy(h->sbp, sense, n);
		h->sb_len_wr = (unsigned char)n;
	}
}

static int serve(sg_io_hdr_t *h)
{
	unsigned char cdb[16], data[65536];
	size_t n = 0;

	if (h->cmd_len < 6 || h->cmd_len > 16)
		return -EINVAL;
	memcpy(cdb, h->cmdp, h->cmd_len);
	h->status = h->masked_status = h->host_status = h->driver_status = 0;
	h->sb_len_wr = 0;
	h->resid = 0;
	if (cdb[0] != 0x12) {
		illegal_request(h);
		return 0;
	}
	if (!(cdb[1] & 1)) {
		n = load("std", data, sizeof(data));
	} else if (cdb[2] == 0x00) {
		unsigned char tmp[8];

		memset(data, 0, 4);
		data[1] = 0x00;
		n = 4;
		data[n++] = 0x00;
		if (load("pg80", tmp, sizeof(tmp)))
			data[n++] = 0x80;
		if (load("pg83", tmp, sizeof(tmp)))
			data[n++] = 0x83;
		data[3] = (unsigned char)(n - 4);
	} else if (cdb[2] == 0x80) {
		n = load("pg80", data, sizeof(data));
	} else if (cdb[2] == 0x83) {
		n = load("pg83", data, sizeof(data));
	}
	if (!n) {
		illegal_request(h);
		return 0;
	}
	if (n > h->dxfer_len)
		n = h->dxfer_len;
	memcpy(h->dxferp, data, n);
	h->resid = (int)(h->dxfer_len - n);
	return 0;
}

int ioctl(int fd, unsigned long req, ...)
{
	int (*real)(int, unsigned long, ...) = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!is_fake_fd(fd))
		return real(fd, req, arg);
	if (req == SG_IO) {
		sg_io_hdr_t *h = arg;
		int r;

		if (h->interface_id != 'S') {
			errno = EINVAL;   /* a v4 (bsg) header: the sg driver's answer */
			return -1;
		}
		r = serve(h);
		if (r) {
			errno = -r;
			return -1;
		}
		return 0;
	}
	if (req == SG_GET_VERSION_NUM) {
		*(int *)arg = 30536;
		return 0;
	}
	errno = ENOTTY;
	return -1;
}
