/* Property test: thousands of random, half-valid tables (real signatures, random
 * fields, short cyclic extended chains, random label contents) never make a reader
 * read past the disk (imgbuild aborts if one tries), never yield a slice that does not
 * fit the disk, and always leave a consistent nesting. Deterministic (fixed seeds). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "imgbuild.h"
#include "list.h"
#include "ptable.h"

#define DISK (1u << 20)               /* 2048 sectors: small, so random fields overflow */
#define ROUNDS 4000

static uint64_t rng_state;

static uint32_t rnd(void)
{
	/* xorshift64*: good enough to spread bits, and reproducible. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

/* Mostly small numbers (inside the disk), sometimes anything. */
static uint32_t field(void)
{
	switch (rnd() % 4) {
	case 0: return rnd();
	case 1: return rnd() % 4096;
	default: return rnd() % 2048;
	}
}

static void random_dos(struct img *im)
{
	static const uint8_t types[] = { 0x83, 0x05, 0x0f, 0x85, 0x00, 0x82, 0xEE };

	for (int i = 0; i < 4; i++)
		img_dos_entry(im, 0, i, types[rnd() % 7], field(), field());
	/* A few EBRs at small sectors, so chains often loop among them. */
	for (int k = 0; k < 8; k++) {
		uint32_t at = rnd() % 64;

		img_dos_entry(im, at, 0, types[rnd() % 6], field(), field());
		img_dos_entry(im, at, 1, rnd() % 2 ? 0x05 : 0x83, rnd() % 64, field());
	}
}

static void random_label(struct img *im)
{
	switch (rnd() % 6) {
	case 0: {
		struct img_bsd_part p[16];
		for (int i = 0; i < 16; i++)
			p[i] = (struct img_bsd_part){ field(), field(), (uint8_t)(rnd() % 3) };
		img_bsd(im, rnd() % 2 ? 512 : 64, p, rnd() % 17);
		break;
	}
	case 1: {
		struct img_sun_part p[8];
		for (int i = 0; i < 8; i++)
			p[i] = (struct img_sun_part){ field() % 300, field() };
		img_sun(im, (uint16_t)(rnd() % 8), (uint16_t)(rnd() % 64), p, 8);
		break;
	}
	case 2: {
		struct img_vtoc_part p[16];
		for (int i = 0; i < 16; i++)
			p[i] = (struct img_vtoc_part){ 2, field(), field() };
		img_solaris(im, 1, (uint16_t)(rnd() % 20), p, 16);
		break;
	}
	case 3: {
		struct img_vtoc_part p[15];
		for (int i = 0; i < 15; i++)
			p[i] = (struct img_vtoc_part){ (uint16_t)(rnd() % 2), field(), field() };
		img_unixware(im, p, 15);
		break;
	}
	case 4: {
		struct img_mac_part p[6];
		for (int i = 0; i < 6; i++)
			p[i] = (struct img_mac_part){ field(), field() };
		img_mac(im, 512, p, 6);
		if (rnd() % 2)          /* random map_count in entry 1 */
			memcpy(im->buf + 512 + 4, &(uint32_t){ rnd() }, 4);
		break;
	}
	default: {
		struct img_gpt_part p[8];
		for (int i = 0; i < 8; i++) {
			uint64_t a = field(), b = field();
			p[i] = (struct img_gpt_part){ a, rnd() % 8 ? a + b : b };
		}
		img_gpt(im, 128, p, 8, rnd() % 4 != 0);
		if (rnd() % 3 == 0)     /* break one copy */
			im->buf[(rnd() % 2 ? 1 : DISK / 512 - 1) * 512 + 40] ^= 1;
		break;
	}
	}
}

static void check_invariants(const struct kp_slices *sl)
{
	uint64_t end = DISK / 512;

	assert_true(sl->n <= KP_MAX_SLICES);
	for (unsigned int i = 0; i < sl->n; i++) {
		const struct kp_slice *s = &sl->s[i];

		if (!s->size)
			continue;
		assert_true(s->start < end && s->size <= end - s->start);
		if (s->container)
			assert_true(kp_slice_nested(sl, i));
	}
}

static void random_tables(void **state)
{
	FILE *null = fopen("/dev/null", "w");
	unsigned int found = 0;

	(void)state;
	assert_non_null(null);
	for (unsigned int round = 0; round < ROUNDS; round++) {
		struct img *im = img_new(DISK, 512);
		struct kp_disk d;
		struct kp_slices sl;
		const struct kp_ptype *t;

		rng_state = 0x9E3779B97F4A7C15ull * (round + 1);
		if (round % 2)
			random_dos(im);
		else
			random_label(im);
		img_disk(im, &d);
		d.force_gpt = (int)(rnd() % 2);
		assert_int_equal(kp_read_table(&d, NULL, &sl, &t), 0);
		check_invariants(&sl);
		if (t)
			found++;
		assert_int_equal(kp_print_list(null, "d", "p", "/dev/d", &sl), 0);
		img_free(im);
	}
	fclose(null);
	/* The generator must actually produce tables, or this test proves nothing. */
	assert_true(found > ROUNDS / 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_tables),
	};
	return cmocka_run_group_tests_name("kpartx hostile tables", tests, NULL, NULL);
}
