/* Pure: NetApp ONTAP in its native (non-ALUA) mode. Two vendor queries:
 *  - GET VENDOR ATTRIBUTES (opcode 0xc0, a read-only data-in command, NetApp signature
 *    0a 98 0a), page 0x41: bytes 0-3 total length, 4-7 signature 0a 98 0a 01, 8 page
 *    0x41, 12.. the iSCSI stack serving the LU ("ism_sw"/"iswt" software, "ism_sn" HBA);
 *  - INQUIRY VPD 0xC1: bytes 8-13 0a 98 0a 00 c1 00, byte 19 bit 1: FCP proxy path
 *    (the LU is reached through the partner head). */
#include <errno.h>
#include <string.h>

#include "chkprio.h"
#include "util.h"

void ontap_gva_cdb(unsigned char cdb[10], int pg, int alloc)
{
	static const unsigned char base[10] = { 0xc0, 0, 0x01, 0x0a, 0x98, 0x0a, 0, 0, 0, 0 };

	memcpy(cdb, base, sizeof(base));
	cdb[6] = (unsigned char)pg;
	cdb[7] = (unsigned char)(alloc > 0xff ? 0xff : alloc);
}

int ontap_decode_gva41(const unsigned char *buf, size_t len, enum ontap_proto *proto,
		       char *why, size_t whysz)
{
	static const unsigned char sig[4] = { 0x0a, 0x98, 0x0a, 0x01 };
	unsigned long total;

	*proto = ONTAP_UNKNOWN;
	if (!buf || len < 8 || memcmp(buf + 4, sig, sizeof(sig))) {
		errfmt(why, whysz, "GET VENDOR ATTRIBUTES: not the NetApp format");
		return -EPROTO;
	}
	total = ((unsigned long)buf[0] << 24) | ((unsigned long)buf[1] << 16) |
		((unsigned long)buf[2] << 8) | buf[3];
	if (total <= 8)
		return 0;   /* nothing said: FCP, ask the proxy page */
	if (len < 9 || buf[8] != 0x41) {
		errfmt(why, whysz, "GET VENDOR ATTRIBUTES page 0x41 expected, got 0x%02x",
		       len < 9 ? 0 : buf[8]);
		return -EPROTO;
	}
	if (len >= 18 && !memcmp(buf + 12, "ism_sw", 6))
		*proto = ONTAP_ISCSI_SW;
	else if (len >= 16 && !memcmp(buf + 12, "iswt", 4))
		*proto = ONTAP_ISCSI_SW;
	else if (len >= 18 && !memcmp(buf + 12, "ism_sn", 6))
		*proto = ONTAP_ISCSI_HW;
	return 0;
}

int ontap_decode_proxy_c1(const unsigned char *buf, size_t len, int *proxy,
			  char *why, size_t whysz)
{
	static const unsigned char sig[6] = { 0x0a, 0x98, 0x0a, 0x00, 0xc1, 0x00 };

	if (!buf || len < 20 || buf[1] != 0xc1 || memcmp(buf + 8, sig, sizeof(sig))) {
		errfmt(why, whysz, "VPD 0xC1 (proxy info) in an unknown format");
		return -EPROTO;
	}
	*proxy = (buf[19] >> 1) & 1;
	return 0;
}

int ontap_prio(enum ontap_proto proto, int proxy)
{
	if (proto == ONTAP_ISCSI_HW)
		return 3;
	if (proto == ONTAP_ISCSI_SW)
		return 2;
	return proxy > 0 ? 1 : 4;
}
