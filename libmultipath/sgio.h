/* SG_IO edge (libsgutils2): the only file that sends SCSI commands.
 * Devices are opened O_RDONLY|O_NONBLOCK; nothing here ever writes to a disk.
 * Every command has a bounded timeout (ms). Returns 0 or -errno; what the command
 * reported besides goes into a struct sgio_sense (may be NULL), which sgio_reason()
 * turns into words like "timeout" or "sense key NOT READY asc 04/02" for a path's
 * message. A failure is also in the -v4 trace (log.h).
 *
 * Timeouts: libsgutils2 counts whole seconds, so timeout_ms is rounded up to the
 * next second; <= 0 means SGIO_DEFAULT_TIMEOUT_MS. On sd block nodes the kernel
 * also never waits less than 7 s (BLK_MIN_SG_TIMEOUT).
 *
 * Outcomes (as the 2004 tool judged them: status masked with 0x7e, host and driver
 * status zero; CHECK CONDITION / COMMAND TERMINATED with sense key RECOVERED ERROR
 * also counts as success):
 *   0            good
 *   -ETIMEDOUT   "timeout" (host status DID_TIME_OUT)
 *   -EIO         transport/driver error, sense data (NOT READY, MEDIUM ERROR, ...),
 *                CHECK CONDITION without sense, unexpected status
 *   -EAGAIN      UNIT ATTENTION still pending after the retries
 *   -EOPNOTSUPP  ILLEGAL REQUEST (e.g. a VPD page the device does not have)
 *   -EBUSY       status BUSY or TASK SET FULL
 *   -EPROTO      the device answered with the wrong page or too little data
 *   -errno       the SG_IO ioctl itself failed (-ENOTTY: not a SCSI device) */
#ifndef MP_SGIO_H
#define MP_SGIO_H

#include <stddef.h>

#define SGIO_DEFAULT_TIMEOUT_MS 10000

/* What a command reported beyond 0 / -errno: enough to say why it failed. */
struct sgio_sense {
	int status;          /* SAM status byte (masked 0x7e) */
	int key, asc, ascq;  /* from the sense data; -1 when there was none */
	int os_err;          /* errno of the SG_IO call itself (no command ran), else 0 */
	int host_status;     /* Linux host byte (DID_*), 0 if none */
	int transport_err;   /* the pass-through layer saw a host/driver failure */
	int page, got_page;  /* a VPD page asked for and the one that came back; -1: none */
	size_t got;          /* bytes that came back */
};

/* Why a command that returned r failed, in words ("" for 0), into buf; returns buf.
 * s may be NULL (then strerror). Pure. */
const char *sgio_reason(int r, const struct sgio_sense *s, char *buf, size_t size);

int sgio_open(const char *devnode);           /* fd, or -errno (-ENOTBLK: not a device node) */
/* Standard INQUIRY (evpd=0,page=0) or EVPD page; *got = bytes actually received
 * (got may be NULL). len is 1..0xffff. */
int sgio_inquiry(int fd, int evpd, int page, unsigned char *buf, size_t len,
		 size_t *got, int timeout_ms, struct sgio_sense *sense);
/* TEST UNIT READY: 0 = ready, -EIO = check condition / not ready, -ETIMEDOUT, ...
 * The sense lets a caller tell a dead path from an ALUA port that is merely
 * standby/unavailable. */
int sgio_tur(int fd, int timeout_ms, struct sgio_sense *sense);
/* Fetch a whole VPD page, re-issuing INQUIRY with the length the device reports
 * (up to 0xffff). *out is malloc'ed; *outlen its length: the bytes received, at
 * most 4 + the page length (a short answer stays short; the decoder rejects it). */
int sgio_vpd_page(int fd, int page, unsigned char **out, size_t *outlen,
		  int timeout_ms, struct sgio_sense *sense);

/* ALUA target port states that SPC reports as NOT READY, asc 04 (pure). */
enum sgio_alua_state {
	SGIO_ALUA_NONE = 0,        /* not an ALUA state report */
	SGIO_ALUA_TRANSITIONING,   /* 02/04/0a asymmetric access state transition */
	SGIO_ALUA_STANDBY,         /* 02/04/0b target port in standby state */
	SGIO_ALUA_UNAVAILABLE,     /* 02/04/0c target port in unavailable state */
};
enum sgio_alua_state sgio_alua_state(const struct sgio_sense *s);

/* Pure core of the mapping above, exposed for unit tests: one command's raw
 * outcome -> 0 / -errno and what it reported (sense may be NULL). */
struct sgio_outcome {
	int os_err;          /* errno of the SG_IO call; 0 when the command was issued */
	int transport_err;   /* the pass-through layer saw a host/driver failure */
	int host_status;     /* Linux host byte (DID_*), 0 if none/unknown */
	int scsi_status;     /* SAM status byte as returned */
	const unsigned char *sense;
	size_t sense_len;    /* bytes of sense actually written */
};
int sgio_classify(const struct sgio_outcome *o, struct sgio_sense *sense);

/* READ(10) of LBA 0, one logical block (len must hold it): the readsector0 checker,
 * and emc_clariion's, which looks at the sense. */
int sgio_read_block0(int fd, unsigned char *buf, size_t len, int timeout_ms,
		     struct sgio_sense *sense);
/* A vendor's read-only query (data-in, 6 to 16 byte CDB), e.g. NetApp's GET VENDOR
 * ATTRIBUTES (0xc0). Only callers that name a documented read-only command use this. */
int sgio_vendor_in(int fd, const unsigned char *cdb, int cdb_len, unsigned char *buf,
		   size_t len, size_t *got, int timeout_ms, struct sgio_sense *sense);
/* REPORT TARGET PORT GROUPS (the ALUA state of every port group of the LU). */
int sgio_rtpg(int fd, unsigned char *buf, size_t len, size_t *got, int timeout_ms,
	      struct sgio_sense *sense);

#endif
