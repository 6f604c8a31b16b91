/* SG_IO edge: INQUIRY and TEST UNIT READY through libsgutils2's pass-through
 * object. Read-only opens, bounded timeouts, only read-only commands. The judgement of
 * what came back is the pure sgio_classify(); this file's other functions only
 * issue commands and collect what it needs. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <scsi/sg_lib.h>
#include <scsi/sg_pt.h>

#include "log.h"
#include "sgio.h"

#define SENSE_LEN       32
#define INQUIRY_OPCODE  0x12
#define VPD_FIRST_LEN   255     /* one byte of allocation length: what old devices accept */
#define UA_ATTEMPTS     3       /* a UNIT ATTENTION is reported once per condition */

/* SAM status codes (masked) and sense keys used below. */
#define ST_GOOD             0x00
#define ST_CHECK_CONDITION  0x02
#define ST_BUSY             0x08
#define ST_TASK_SET_FULL    0x28
#define ST_COMMAND_TERMINATED 0x22
#define SK_RECOVERED_ERROR  0x1
#define SK_NOT_READY        0x2
#define SK_ILLEGAL_REQUEST  0x5
#define SK_UNIT_ATTENTION   0x6
#define DID_TIME_OUT        0x03


int sgio_open(const char *devnode)
{
	struct stat st;
	int fd;

	if (!devnode || !*devnode)
		return -EINVAL;
	fd = open(devnode, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* SG_IO only means something on a block or sg/bsg char node; refuse regular
	 * files and the like up front rather than letting an ioctl loose on them. */
	if (fstat(fd, &st) < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	if (!S_ISBLK(st.st_mode) && !S_ISCHR(st.st_mode)) {
		close(fd);
		return -ENOTBLK;
	}
	return fd;
}

static const char *status_name(int status)
{
	switch (status) {
	case ST_BUSY:
		return "BUSY";
	case ST_TASK_SET_FULL:
		return "TASK SET FULL";
	case 0x18:
		return "RESERVATION CONFLICT";
	case 0x30:
		return "ACA ACTIVE";
	case 0x40:
		return "TASK ABORTED";
	default:
		return "unexpected";
	}
}

enum sgio_alua_state sgio_alua_state(const struct sgio_sense *s)
{
	if (!s || s->key != SK_NOT_READY || s->asc != 0x04)
		return SGIO_ALUA_NONE;
	switch (s->ascq) {
	case 0x0a:
		return SGIO_ALUA_TRANSITIONING;
	case 0x0b:
		return SGIO_ALUA_STANDBY;
	case 0x0c:
		return SGIO_ALUA_UNAVAILABLE;
	default:
		return SGIO_ALUA_NONE;
	}
}

static const struct sgio_sense no_sense = {
	.key = -1, .asc = -1, .ascq = -1, .page = -1, .got_page = -1,
};

/* "sense key NOT READY asc 04/0b (Logical unit not accessible, ...)" */
static void describe_sense(const struct sgio_sense *s, char *buf, size_t size)
{
	static const char prefix[] = "Additional sense: ";
	char key[48], what[112];
	const char *w = what;
	size_t i;

	sg_get_sense_key_str(s->key, sizeof(key), key);
	for (i = 0; key[i]; i++)
		key[i] = (char)toupper((unsigned char)key[i]);
	/* libsgutils2 says "Additional sense: <text>" for codes it knows and
	 * "ASC=xx, ASCQ=yy (hex)" for the rest, which would only repeat our numbers. */
	sg_get_asc_ascq_str(s->asc, s->ascq, sizeof(what), what);
	if (!strncmp(w, prefix, sizeof(prefix) - 1))
		w += sizeof(prefix) - 1;
	if (!strncmp(w, "ASC=", 4) || !*w)
		snprintf(buf, size, "sense key %s asc %02x/%02x", key, s->asc, s->ascq);
	else
		snprintf(buf, size, "sense key %s asc %02x/%02x (%s)", key, s->asc, s->ascq, w);
}

const char *sgio_reason(int r, const struct sgio_sense *s, char *buf, size_t size)
{
	if (!size)
		return buf;
	buf[0] = '\0';
	if (!r)
		return buf;
	if (!s)
		s = &no_sense;
	if (s->os_err)
		snprintf(buf, size, "SG_IO %s: %s",
			 s->os_err == ENOTTY || s->os_err == EINVAL ? "not supported" : "failed",
			 strerror(s->os_err));
	else if (s->host_status == DID_TIME_OUT)
		snprintf(buf, size, "timeout");
	else if (s->transport_err || s->host_status)
		snprintf(buf, size, "transport error (host status 0x%02x)", s->host_status);
	else if (s->key >= 0)
		describe_sense(s, buf, size);
	else if (s->status == ST_CHECK_CONDITION || s->status == ST_COMMAND_TERMINATED)
		snprintf(buf, size, "check condition without sense data");
	else if (s->status)
		snprintf(buf, size, "status %s (0x%02x)", status_name(s->status), s->status);
	else if (r == -EPROTO && s->page >= 0 && s->got_page >= 0 && s->got_page != s->page)
		snprintf(buf, size, "asked for VPD page 0x%02x, got page 0x%02x", s->page,
			 s->got_page);
	else if (r == -EPROTO && s->page >= 0)
		snprintf(buf, size, "VPD page 0x%02x: only %zu bytes returned", s->page, s->got);
	else
		snprintf(buf, size, "%s", strerror(-r));
	return buf;
}

int sgio_classify(const struct sgio_outcome *o, struct sgio_sense *sense)
{
	struct sg_scsi_sense_hdr ssh;
	struct sgio_sense s = no_sense;
	int r = 0;

	if (!o) {
		r = -EINVAL;
		goto out;
	}
	s.status = o->scsi_status & 0x7e;
	if (o->os_err) {
		r = o->os_err > 0 ? -o->os_err : o->os_err;
		s.os_err = -r;
		goto out;
	}
	s.host_status = o->host_status;
	s.transport_err = o->transport_err;
	if (o->host_status == DID_TIME_OUT) {
		r = -ETIMEDOUT;
		goto out;
	}
	if (o->transport_err || o->host_status) {
		r = -EIO;
		goto out;
	}
	if (s.status == ST_GOOD)
		goto out;
	if (s.status == ST_CHECK_CONDITION || s.status == ST_COMMAND_TERMINATED) {
		/* Fixed or descriptor format; libsgutils2 bounds every read by the length. */
		int sl = o->sense_len > 255 ? 255 : (int)o->sense_len;  /* sense is <= 252 bytes */

		if (!o->sense || !sl || !sg_scsi_normalize_sense(o->sense, sl, &ssh)) {
			r = -EIO;
			goto out;
		}
		s.key = ssh.sense_key;
		s.asc = ssh.asc;
		s.ascq = ssh.ascq;
		switch (s.key) {
		case SK_RECOVERED_ERROR:  /* the command did complete */
			goto out;
		case SK_UNIT_ATTENTION:
			r = -EAGAIN;
			break;
		case SK_ILLEGAL_REQUEST:
			r = -EOPNOTSUPP;
			break;
		default:
			r = -EIO;
			break;
		}
		goto out;
	}
	r = (s.status == ST_BUSY || s.status == ST_TASK_SET_FULL) ? -EBUSY : -EIO;
out:
	if (sense)
		*sense = s;
	return r;
}

static int timeout_secs(int timeout_ms)
{
	if (timeout_ms <= 0)
		timeout_ms = SGIO_DEFAULT_TIMEOUT_MS;
	return (timeout_ms + 999) / 1000;
}

/* A command that failed, in the -v4 trace: the opcode (and VPD page), and why. */
static int traced(int r, int fd, const unsigned char *cdb, const struct sgio_sense *s)
{
	if (r && mp_log_enabled(MP_LOG_DEBUG)) {
		char why[256], what[32] = "";

		if (cdb && cdb[0] == INQUIRY_OPCODE && (cdb[1] & 1))
			snprintf(what, sizeof(what), "INQUIRY VPD 0x%02x", cdb[2]);
		else if (cdb)
			snprintf(what, sizeof(what), "opcode 0x%02x", cdb[0]);
		else if (s && s->page >= 0)
			snprintf(what, sizeof(what), "VPD 0x%02x", s->page);
		else
			snprintf(what, sizeof(what), "no command");
		mp_debug("SG_IO fd %d %s: %s", fd, what, sgio_reason(r, s, why, sizeof(why)));
	}
	return r;
}

/* One command (data-in or none), retried while a UNIT ATTENTION is pending.
 * *got: bytes received. */
static int run_cmd(int fd, const unsigned char *cdb, int cdb_len, unsigned char *buf,
		   size_t len, size_t *got, int timeout_ms, struct sgio_sense *sense)
{
	unsigned char sb[SENSE_LEN];
	struct sgio_sense s = no_sense;
	int attempt, r = -EIO;

	if (got)
		*got = 0;
	for (attempt = 0; attempt < UA_ATTEMPTS; attempt++) {
		struct sgio_outcome o = { 0 };
		struct sg_pt_base *pt = construct_scsi_pt_obj();
		int ret, resid;

		if (!pt) {
			r = -ENOMEM;
			break;
		}
		if (buf)
			memset(buf, 0, len);
		set_scsi_pt_cdb(pt, cdb, cdb_len);
		set_scsi_pt_sense(pt, sb, sizeof(sb));
		if (buf && len)
			set_scsi_pt_data_in(pt, buf, (int)len);
		ret = do_scsi_pt(pt, fd, timeout_secs(timeout_ms), 0);
		if (ret < 0) {
			o.os_err = -ret;
		} else if (ret == SCSI_PT_DO_TIMEOUT) {
			o.host_status = DID_TIME_OUT;
		} else if (ret > 0) {
			/* bad parameters or not supported by the pass-through layer */
			o.os_err = ret == SCSI_PT_DO_NOT_SUPPORTED ? EOPNOTSUPP : EINVAL;
		} else {
			int cat = get_scsi_pt_result_category(pt);

			o.os_err = cat == SCSI_PT_RESULT_OS_ERR ? get_scsi_pt_os_err(pt) : 0;
			if (cat == SCSI_PT_RESULT_OS_ERR && !o.os_err)
				o.os_err = EIO;
			o.transport_err = cat == SCSI_PT_RESULT_TRANSPORT_ERR;
			o.host_status = get_scsi_pt_transport_err(pt) & 0xff;
			o.scsi_status = get_scsi_pt_status_response(pt);
			o.sense = sb;
			o.sense_len = (size_t)(get_scsi_pt_sense_len(pt) > 0 ? get_scsi_pt_sense_len(pt) : 0);
			if (o.sense_len > sizeof(sb))
				o.sense_len = sizeof(sb);
		}
		resid = ret == 0 ? get_scsi_pt_resid(pt) : 0;
		destruct_scsi_pt_obj(pt);

		r = sgio_classify(&o, &s);
		if (r == 0 && got) {
			/* resid is what the device did not fill; 0 when the layer cannot tell */
			if (resid <= 0)
				*got = len;
			else
				*got = (size_t)resid < len ? len - (size_t)resid : 0;
			s.got = *got;
		}
		if (r != -EAGAIN)
			break;
	}
	if (sense)
		*sense = s;
	return traced(r, fd, cdb, &s);
}

/* Arguments no command is sent for: -errno, in the trace too. */
static int bad_args(int r, int fd, struct sgio_sense *sense)
{
	if (sense)
		*sense = no_sense;
	return traced(r, fd, NULL, sense);
}

int sgio_inquiry(int fd, int evpd, int page, unsigned char *buf, size_t len,
		 size_t *got, int timeout_ms, struct sgio_sense *sense)
{
	unsigned char cdb[6] = { INQUIRY_OPCODE, 0, 0, 0, 0, 0 };

	if (got)
		*got = 0;
	if (fd < 0 || !buf || !len || len > 0xffff || (evpd != 0 && evpd != 1) ||
	    page < 0 || page > 0xff || (!evpd && page))
		return bad_args(-EINVAL, fd, sense);
	cdb[1] = (unsigned char)evpd;
	cdb[2] = (unsigned char)page;
	cdb[3] = (unsigned char)(len >> 8);   /* allocation length, 16 bits since SPC-3 */
	cdb[4] = (unsigned char)(len & 0xff);
	return run_cmd(fd, cdb, sizeof(cdb), buf, len, got, timeout_ms, sense);
}

int sgio_tur(int fd, int timeout_ms, struct sgio_sense *sense)
{
	static const unsigned char cdb[6] = { 0 };

	if (fd < 0)
		return bad_args(-EBADF, fd, sense);
	return run_cmd(fd, cdb, sizeof(cdb), NULL, 0, NULL, timeout_ms, sense);
}

/* One EVPD INQUIRY of len bytes into a fresh buffer; checks the page code. */
static int vpd_once(int fd, int page, size_t len, unsigned char **buf, size_t *got,
		    int timeout_ms, struct sgio_sense *s)
{
	int r;

	*buf = malloc(len);
	if (!*buf)
		return bad_args(-ENOMEM, fd, s);
	r = sgio_inquiry(fd, 1, page, *buf, len, got, timeout_ms, s);
	s->page = page;
	if (!r && *got < 4) {
		r = traced(-EPROTO, fd, NULL, s);
	} else if (!r && (*buf)[1] != page) {
		s->got_page = (*buf)[1];
		r = traced(-EPROTO, fd, NULL, s);
	}
	if (r) {
		free(*buf);
		*buf = NULL;
	}
	return r;
}

int sgio_vpd_page(int fd, int page, unsigned char **out, size_t *outlen,
		  int timeout_ms, struct sgio_sense *sense)
{
	struct sgio_sense s = no_sense;
	unsigned char *buf;
	size_t got, want;
	int r;

	if (out)
		*out = NULL;
	if (outlen)
		*outlen = 0;
	if (!out || !outlen || fd < 0 || page < 0 || page > 0xff)
		return bad_args(-EINVAL, fd, sense);
	r = vpd_once(fd, page, VPD_FIRST_LEN, &buf, &got, timeout_ms, &s);
	if (!r) {
		want = 4 + (((size_t)buf[2] << 8) | buf[3]);
		if (want > 0xffff)
			want = 0xffff;  /* the most one INQUIRY can carry */
		if (want > VPD_FIRST_LEN) {
			free(buf);
			r = vpd_once(fd, page, want, &buf, &got, timeout_ms, &s);
		}
	}
	if (sense)
		*sense = s;
	if (r)
		return r;
	/* The bytes received, but nothing past the page the device describes. */
	if (got > want)
		got = want;
	*out = buf;
	*outlen = got;
	return 0;
}

/* REPORT TARGET PORT GROUPS: MAINTENANCE IN (0xa3), service action 0x0a, 12-byte CDB. */
int sgio_rtpg(int fd, unsigned char *buf, size_t len, size_t *got, int timeout_ms,
	      struct sgio_sense *sense)
{
	unsigned char cdb[12] = { 0xa3, 0x0a };

	if (fd < 0 || !buf || len < 4 || len > 0xffffff)
		return bad_args(-EINVAL, fd, sense);
	cdb[6] = (unsigned char)(len >> 24);
	cdb[7] = (unsigned char)(len >> 16);
	cdb[8] = (unsigned char)(len >> 8);
	cdb[9] = (unsigned char)len;
	return run_cmd(fd, cdb, sizeof(cdb), buf, len, got, timeout_ms, sense);
}

int sgio_vendor_in(int fd, const unsigned char *cdb, int cdb_len, unsigned char *buf,
		   size_t len, size_t *got, int timeout_ms, struct sgio_sense *sense)
{
	if (got)
		*got = 0;
	if (fd < 0 || !cdb || cdb_len < 6 || cdb_len > 16 || !buf || !len || len > 0xffff)
		return bad_args(-EINVAL, fd, sense);
	return run_cmd(fd, cdb, cdb_len, buf, len, got, timeout_ms, sense);
}

int sgio_read_block0(int fd, unsigned char *buf, size_t len, int timeout_ms,
		     struct sgio_sense *sense)
{
	/* READ(10), LBA 0, transfer length 1 block; the device sends one logical block. */
	unsigned char cdb[10] = { 0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0 };

	if (fd < 0 || !buf || len < 512)
		return bad_args(-EINVAL, fd, sense);
	return run_cmd(fd, cdb, sizeof(cdb), buf, len, NULL, timeout_ms, sense);
}
