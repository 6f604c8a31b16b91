/* SG_IO edge. The host has no SCSI devices, so the commands themselves are only
 * driven against non-SCSI files here (they must fail cleanly); the judgement of a
 * command's outcome (sgio_classify) and the ALUA decoding are pure and tested fully.
 * Real-device coverage is the VM suite's. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "logcapture.h"
#include "sgio.h"

/* ---- sgio_classify and sgio_reason ---- */

/* An outcome judged, and (into err) why it failed in words. */
static int judge(const struct sgio_outcome *o, struct sgio_sense *s, char *err, size_t errsz)
{
	struct sgio_sense local;
	int r = sgio_classify(o, s ? s : &local);

	if (err && errsz)
		sgio_reason(r, s ? s : &local, err, errsz);
	return r;
}

static int classify(int status, const unsigned char *sense, size_t sense_len,
		    struct sgio_sense *s, char *err, size_t errsz)
{
	struct sgio_outcome o = { .scsi_status = status, .sense = sense, .sense_len = sense_len };

	return judge(&o, s, err, errsz);
}

/* fixed format (0x70) sense: key, asc, ascq */
static void fixed(unsigned char sb[18], int key, int asc, int ascq)
{
	memset(sb, 0, 18);
	sb[0] = 0x70;
	sb[2] = (unsigned char)key;
	sb[7] = 10;
	sb[12] = (unsigned char)asc;
	sb[13] = (unsigned char)ascq;
}

/* descriptor format (0x72) sense */
static void descr(unsigned char sb[8], int key, int asc, int ascq)
{
	memset(sb, 0, 8);
	sb[0] = 0x72;
	sb[1] = (unsigned char)key;
	sb[2] = (unsigned char)asc;
	sb[3] = (unsigned char)ascq;
}

static void test_classify_good_and_recovered(void **state)
{
	unsigned char sb[18];
	struct sgio_sense s;
	char err[128];

	(void)state;
	assert_int_equal(classify(0, NULL, 0, &s, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_int_equal(s.status, 0);
	assert_int_equal(s.key, -1);
	/* the 2004 tool masked the status with 0x7e: reserved bits don't fail it */
	assert_int_equal(classify(0x81, NULL, 0, &s, err, sizeof(err)), 0);

	/* RECOVERED ERROR completed the command: success, fixed or descriptor format */
	fixed(sb, 0x1, 0x5d, 0x00);
	assert_int_equal(classify(0x02, sb, 18, &s, err, sizeof(err)), 0);
	assert_int_equal(s.key, 1);
	assert_int_equal(s.asc, 0x5d);
	descr(sb, 0x1, 0x17, 0x01);
	assert_int_equal(classify(0x02, sb, 8, &s, err, sizeof(err)), 0);
	assert_int_equal(s.asc, 0x17);
	assert_int_equal(s.ascq, 0x01);
	/* COMMAND TERMINATED carries sense the same way */
	assert_int_equal(classify(0x22, sb, 8, &s, err, sizeof(err)), 0);
}

static void test_classify_sense_keys(void **state)
{
	unsigned char sb[18];
	struct sgio_sense s;
	char err[160];

	(void)state;
	fixed(sb, 0x2, 0x04, 0x0b);
	assert_int_equal(classify(0x02, sb, 18, &s, err, sizeof(err)), -EIO);
	assert_non_null(strstr(err, "sense key NOT READY asc 04/0b"));
	assert_int_equal(s.status, 0x02);
	assert_int_equal(s.key, 2);
	assert_int_equal(s.asc, 0x04);
	assert_int_equal(s.ascq, 0x0b);

	fixed(sb, 0x6, 0x29, 0x00);  /* power on / reset */
	assert_int_equal(classify(0x02, sb, 18, &s, err, sizeof(err)), -EAGAIN);
	assert_non_null(strstr(err, "UNIT ATTENTION"));
	fixed(sb, 0x5, 0x24, 0x00);  /* invalid field in CDB: e.g. no such VPD page */
	assert_int_equal(classify(0x02, sb, 18, &s, err, sizeof(err)), -EOPNOTSUPP);
	assert_non_null(strstr(err, "ILLEGAL REQUEST asc 24/00"));
	fixed(sb, 0x3, 0x11, 0x00);
	assert_int_equal(classify(0x02, sb, 18, &s, err, sizeof(err)), -EIO);
	assert_non_null(strstr(err, "MEDIUM ERROR"));
	fixed(sb, 0xb, 0x47, 0x00);
	assert_int_equal(classify(0x02, sb, 18, &s, err, sizeof(err)), -EIO);
	assert_non_null(strstr(err, "ABORTED COMMAND"));

	/* only part of a fixed sense arrived: the key still counts, asc unknown = 0 */
	fixed(sb, 0x2, 0x04, 0x0b);
	assert_int_equal(classify(0x02, sb, 3, &s, err, sizeof(err)), -EIO);
	assert_int_equal(s.key, 2);
	assert_int_equal(s.asc, 0);
}

static void test_classify_failures(void **state)
{
	struct sgio_outcome o;
	unsigned char sb[18] = { 0 };
	struct sgio_sense s;
	char err[128];

	(void)state;
	memset(&o, 0, sizeof(o));
	o.os_err = ENOTTY;
	assert_int_equal(judge(&o, &s, err, sizeof(err)), -ENOTTY);
	assert_non_null(strstr(err, "SG_IO not supported"));
	o.os_err = EIO;
	assert_int_equal(judge(&o, &s, err, sizeof(err)), -EIO);
	assert_non_null(strstr(err, "SG_IO failed"));

	memset(&o, 0, sizeof(o));
	o.transport_err = 1;
	o.host_status = 0x03;  /* DID_TIME_OUT */
	assert_int_equal(judge(&o, &s, err, sizeof(err)), -ETIMEDOUT);
	assert_string_equal(err, "timeout");
	o.host_status = 0x01;  /* DID_NO_CONNECT */
	assert_int_equal(judge(&o, &s, err, sizeof(err)), -EIO);
	assert_string_equal(err, "transport error (host status 0x01)");
	o.host_status = 0;     /* driver-level failure, no host byte */
	assert_int_equal(judge(&o, &s, err, sizeof(err)), -EIO);
	assert_non_null(strstr(err, "transport error"));

	/* CHECK CONDITION without (valid) sense */
	assert_int_equal(classify(0x02, NULL, 0, &s, err, sizeof(err)), -EIO);
	assert_string_equal(err, "check condition without sense data");
	assert_int_equal(classify(0x02, sb, sizeof(sb), &s, err, sizeof(err)), -EIO);
	assert_string_equal(err, "check condition without sense data");
	assert_int_equal(s.key, -1);

	assert_int_equal(classify(0x08, NULL, 0, &s, err, sizeof(err)), -EBUSY);
	assert_string_equal(err, "status BUSY (0x08)");
	assert_int_equal(classify(0x28, NULL, 0, &s, err, sizeof(err)), -EBUSY);
	assert_int_equal(classify(0x18, NULL, 0, &s, err, sizeof(err)), -EIO);
	assert_string_equal(err, "status RESERVATION CONFLICT (0x18)");
	assert_int_equal(s.status, 0x18);

	/* no sense struct / no err buffer / tiny err buffer are all fine */
	assert_int_equal(classify(0x08, NULL, 0, NULL, NULL, 0), -EBUSY);
	err[0] = 'x';
	assert_int_equal(classify(0x08, NULL, 0, NULL, err, 1), -EBUSY);
	assert_string_equal(err, "");
	assert_int_equal(judge(NULL, &s, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "Invalid argument");
}

static void test_alua_state(void **state)
{
	struct sgio_sense s = { .status = 2, .key = 2, .asc = 4, .ascq = 0x0b };

	(void)state;
	assert_int_equal(sgio_alua_state(&s), SGIO_ALUA_STANDBY);
	s.ascq = 0x0c;
	assert_int_equal(sgio_alua_state(&s), SGIO_ALUA_UNAVAILABLE);
	s.ascq = 0x0a;
	assert_int_equal(sgio_alua_state(&s), SGIO_ALUA_TRANSITIONING);
	s.ascq = 0x01;  /* becoming ready: not an ALUA state */
	assert_int_equal(sgio_alua_state(&s), SGIO_ALUA_NONE);
	s.ascq = 0x0b;
	s.key = 6;      /* 04/0b under another key means nothing */
	assert_int_equal(sgio_alua_state(&s), SGIO_ALUA_NONE);
	assert_int_equal(sgio_alua_state(NULL), SGIO_ALUA_NONE);
}

/* ---- the edge, against things that are not SCSI devices ---- */

static void test_open(void **state)
{
	char tmpl[] = "/tmp/test_sgio.XXXXXX";
	int fd, tf;

	(void)state;
	assert_int_equal(sgio_open(NULL), -EINVAL);
	assert_int_equal(sgio_open(""), -EINVAL);
	assert_int_equal(sgio_open("/nonexistent/sdz"), -ENOENT);
	tf = mkstemp(tmpl);
	assert_true(tf >= 0);
	close(tf);
	assert_int_equal(sgio_open(tmpl), -ENOTBLK);
	unlink(tmpl);
	assert_int_equal(sgio_open("/"), -ENOTBLK);

	fd = sgio_open("/dev/null");  /* a char device: accepted, SG_IO will say no */
	assert_true(fd >= 0);
	close(fd);
}

/* The words for a VPD answer that is not the page asked for, or too short (pure). */
static void test_reason_vpd(void **state)
{
	struct sgio_sense s = { .key = -1, .asc = -1, .ascq = -1, .page = 0x83, .got_page = 0x80 };
	char err[96];

	(void)state;
	assert_string_equal(sgio_reason(-EPROTO, &s, err, sizeof(err)),
			    "asked for VPD page 0x83, got page 0x80");
	s.got_page = -1;
	s.got = 2;
	assert_string_equal(sgio_reason(-EPROTO, &s, err, sizeof(err)),
			    "VPD page 0x83: only 2 bytes returned");
	assert_string_equal(sgio_reason(0, &s, err, sizeof(err)), "");
	assert_string_equal(sgio_reason(-ENOMEM, NULL, err, sizeof(err)), "Cannot allocate memory");
}

/* On a device that is not SCSI every command fails cleanly: -errno, the reason in the
 * sense (sgio_reason), and in the -v4 trace what failed (the command), on what (the
 * descriptor) and why. */
static void test_commands_on_non_scsi(void **state)
{
	unsigned char buf[255], *pg = (unsigned char *)1;
	struct sgio_sense s;
	size_t got = 99, pglen = 99;
	char err[128] = "", log[1024], want[96];
	int fd, r;

	(void)state;
	fd = sgio_open("/dev/null");
	assert_true(fd >= 0);

	r = sgio_tur(fd, 1000, NULL);
	assert_true(r < 0);
	r = sgio_tur(fd, 1000, &s);
	assert_true(r < 0);
	assert_int_equal(s.key, -1);
	assert_true(sgio_reason(r, &s, err, sizeof(err))[0] != '\0');

	r = LOG_CAPTURED(log, sgio_inquiry(fd, 0, 0, buf, 36, &got, 1000, &s));
	assert_true(r < 0);
	assert_int_equal(got, 0);
	sgio_reason(r, &s, err, sizeof(err));
	assert_non_null(strstr(err, "SG_IO"));
	snprintf(want, sizeof(want), "SG_IO fd %d opcode 0x12: %s\n", fd, err);
	assert_non_null(strstr(log, want));

	r = LOG_CAPTURED(log, sgio_vpd_page(fd, 0x83, &pg, &pglen, 1000, &s));
	assert_true(r < 0);
	assert_null(pg);
	assert_int_equal(pglen, 0);
	snprintf(want, sizeof(want), "SG_IO fd %d INQUIRY VPD 0x83: %s\n", fd,
		 sgio_reason(r, &s, err, sizeof(err)));
	assert_non_null(strstr(log, want));
	close(fd);

	/* a closed descriptor */
	assert_int_equal(sgio_tur(fd, 1000, &s), -EBADF);
	assert_string_equal(sgio_reason(-EBADF, &s, err, sizeof(err)), "SG_IO failed: Bad file descriptor");
}

static void test_argument_checks(void **state)
{
	unsigned char buf[16], *pg;
	size_t got = 7, len;
	struct sgio_sense s;
	char err[64];

	(void)state;
	assert_int_equal(sgio_tur(-1, 1000, &s), -EBADF);
	assert_int_equal(sgio_tur(-1, 1000, NULL), -EBADF);

	assert_int_equal(sgio_inquiry(-1, 0, 0, buf, 16, &got, 0, &s), -EINVAL);
	assert_int_equal(got, 0);
	assert_int_equal(sgio_inquiry(0, 0, 0, NULL, 16, &got, 0, &s), -EINVAL);
	assert_int_equal(sgio_inquiry(0, 0, 0, buf, 0, &got, 0, &s), -EINVAL);
	assert_int_equal(sgio_inquiry(0, 0, 0, buf, 0x10000, &got, 0, &s), -EINVAL);
	assert_int_equal(sgio_inquiry(0, 2, 0, buf, 16, &got, 0, &s), -EINVAL);
	assert_int_equal(sgio_inquiry(0, 1, 256, buf, 16, &got, 0, &s), -EINVAL);
	assert_int_equal(sgio_inquiry(0, 1, -1, buf, 16, &got, 0, &s), -EINVAL);
	assert_int_equal(sgio_inquiry(0, 0, 0x83, buf, 16, &got, 0, NULL), -EINVAL);
	assert_string_equal(sgio_reason(-EINVAL, &s, err, sizeof(err)), "Invalid argument");

	assert_int_equal(sgio_vpd_page(0, 0x83, NULL, &len, 0, &s), -EINVAL);
	assert_int_equal(sgio_vpd_page(0, 0x83, &pg, NULL, 0, &s), -EINVAL);
	assert_null(pg);
	assert_int_equal(sgio_vpd_page(-1, 0x83, &pg, &len, 0, &s), -EINVAL);
	assert_int_equal(sgio_vpd_page(0, 0x100, &pg, &len, 0, &s), -EINVAL);
	assert_int_equal(len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify_good_and_recovered),
		cmocka_unit_test(test_classify_sense_keys),
		cmocka_unit_test(test_classify_failures),
		cmocka_unit_test(test_alua_state),
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_reason_vpd),
		cmocka_unit_test(test_commands_on_non_scsi),
		cmocka_unit_test(test_argument_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
