/* libFuzzer target: ALUA decoding (libmultipath/alua.h).
 *
 * Input: [0..1] the target port group asked for (big endian), then a buffer that is
 * fed both as a VPD 0x83 page (alua_tpg_from_pg83) and as a REPORT TARGET PORT
 * GROUPS response (alua_parse_rtpg). The buffer is exactly sized, so ASan reports
 * any read past it; results must be in range and outputs untouched on error. */
#include <errno.h>

#include "alua.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum alua_state state = (enum alua_state)0x55;
	unsigned int want, tpg = 0xdeadbeef;
	int preferred = 7, r;
	unsigned char *buf;
	size_t len;

	if (size < 2)
		return 0;
	want = (unsigned int)data[0] << 8 | data[1];
	len = size - 2;
	buf = malloc(len ? len : 1);
	if (!buf)
		abort();
	memcpy(buf, data + 2, len);

	r = alua_tpg_from_pg83(buf, len, &tpg);
	FZ_CHECK(r == 0 || r == -EINVAL || r == -ENODATA);
	FZ_CHECK(r ? tpg == 0xdeadbeef : tpg <= 0xffff);

	r = alua_parse_rtpg(buf, len, want, &state, &preferred);
	FZ_CHECK(r == 0 || r == -EINVAL || r == -ENOENT);
	if (r) {
		FZ_CHECK(state == (enum alua_state)0x55 && preferred == 7);
	} else {
		int p = alua_prio(state, preferred, (int)(want & 1));

		FZ_CHECK((int)state >= 0 && (int)state <= 0xf);
		FZ_CHECK(preferred == 0 || preferred == 1);
		FZ_CHECK(p >= 0 && p <= 130);
		FZ_CHECK(alua_state_name(state) != NULL);
		/* the name of a known state reads back as that state */
		if (strcmp(alua_state_name(state), "unknown"))
			FZ_CHECK(alua_state_from_sysfs(alua_state_name(state)) == state);
	}
	/* the group found through the page, if any, is looked up as well */
	if (tpg <= 0xffff && tpg != want)
		(void)alua_parse_rtpg(buf, len, tpg, &state, &preferred);
	free(buf);
	return 0;
}
