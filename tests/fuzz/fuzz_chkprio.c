/* libFuzzer target: the vendor checker and prioritizer decoders (libmultipath/chkprio.h).
 *
 * Input: one buffer, exactly sized (ASan sees any read past it), fed as a VPD 0xC9, a VPD
 * 0xC0, a standard INQUIRY (hds, datacore), a GET VENDOR ATTRIBUTES answer and a VPD 0xC1
 * page, and as text to the prio_args parsers. Results must be in range. */
#include <errno.h>

#include "chkprio.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *buf = malloc(size ? size : 1);
	struct datacore_args a;
	struct rdac_c9 r;
	struct emc_c0 e;
	enum ontap_proto op;
	char why[96], ip[16], *s;
	double base = 0;
	int v, rt, px = 7, io = 0;

	if (!buf)
		abort();
	memcpy(buf, data, size);
	if (!rdac_decode_c9(buf, size, &r, why, sizeof(why))) {
		v = rdac_path_state(&r, why, sizeof(why));
		FZ_CHECK(v == PATH_UP || v == PATH_DOWN || v == PATH_GHOST);
		FZ_CHECK(rdac_prio(&r) >= 0 && rdac_prio(&r) <= 15);
	}
	(void)rdac_is_vac1(buf, size);
	if (!emc_decode_c0(buf, size, &e, why, sizeof(why))) {
		v = emc_path_state(&e, &rt, why, sizeof(why));
		FZ_CHECK(v == PATH_UP || v == PATH_DOWN);
		FZ_CHECK(emc_prio(&e) == 0 || emc_prio(&e) == 1);
	}
	v = hds_prio(buf, size, why, sizeof(why));
	FZ_CHECK(v == 0 || v == 1 || v == -EPROTO);
	v = ontap_decode_gva41(buf, size, &op, why, sizeof(why));
	FZ_CHECK((v == 0 || v == -EPROTO) && op >= ONTAP_UNKNOWN && op <= ONTAP_ISCSI_HW);
	v = ontap_decode_proxy_c1(buf, size, &px, why, sizeof(why));
	FZ_CHECK(v == -EPROTO ? px == 7 : (v == 0 && (px == 0 || px == 1)));

	s = fz_cstr(data, size);
	if (!datacore_parse_args(s, &a, why, sizeof(why))) {
		FZ_CHECK(strlen(a.preferredsds) >= 2);
		v = datacore_prio(buf, size, &a, why, sizeof(why));
		FZ_CHECK(v == 0 || v == 1 || v == -EPROTO);
	}
	if (!iet_parse_args(s, ip, sizeof(ip), why, sizeof(why)))
		FZ_CHECK(!iet_find_ipv4(ip, ip, sizeof(ip)));
	if (!latency_parse_args(s, &io, &base, why, sizeof(why)))
		FZ_CHECK(io >= 20 && io <= 200 && base >= 1.1 && base <= 10);
	free(s);
	free(buf);
	return 0;
}
