/* Assertions shared by the kpartx reader tests (include after cmocka.h and imgbuild.h). */
#ifndef KP_TEST_KPTEST_H
#define KP_TEST_KPTEST_H

#include <stdint.h>
#include "imgbuild.h"
#include "ptable.h"

/* Read im's table through the whole pipeline (readers, clip, nest): only one reader
 * type when only is not NULL, GPT forced without a protective MBR when force_gpt. */
static inline const struct kp_ptype *read_image_table(struct img *im, struct kp_slices *sl,
						      const char *only, int force_gpt)
{
	struct kp_disk d;
	const struct kp_ptype *t;

	img_disk(im, &d);
	d.force_gpt = force_gpt;
	assert_int_equal(kp_read_table(&d, only, sl, &t), 0);
	return t;
}

/* Partition part (1-based) starts at start, has size sectors, and container. */
static inline void assert_slice(const struct kp_slices *sl, unsigned int part, uint64_t start,
				uint64_t size, unsigned int container)
{
	assert_true(part >= 1 && part <= sl->n);
	assert_int_equal(sl->s[part - 1].start, start);
	assert_int_equal(sl->s[part - 1].size, size);
	assert_int_equal(sl->s[part - 1].container, container);
}

#endif
