/* libFuzzer target: every kpartx partition reader (kpartx/ptable.h) over a fuzzed
 * disk image, then the post-processing, the -l listing and the -a/-u plan.
 *
 * Input: a 6-byte header, then the image, which is sparse so that small inputs can
 * describe large disks (a GPT keeps its backup header at the last LBA):
 *   [0]     bits 0-1: logical block size 512 << n; bit 2: -g (GPT without a
 *           protective MBR)
 *   [1..3]  gap: 512-byte sectors of zeros inserted (little endian, 24 bits)
 *   [4..5]  head: how many 512-byte sectors of the image come before the gap
 * The disk is image[0 .. head) + gap zeros + image[head ..]. The read callback
 * aborts if a reader asks for anything past the end: kp_read must stop that. */
#include <errno.h>

#include "devmapper.h"
#include "disk.h"
#include "fuzz.h"
#include "list.h"
#include "plan.h"
#include "ptable.h"

#define HDR 6

struct sparse {
	const uint8_t *img;
	size_t len, head;        /* bytes of image, bytes of it before the gap */
	uint64_t gap, size;      /* zero bytes inserted, whole disk in bytes */
};

static int sparse_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	const struct sparse *s = ctx;
	unsigned char *out = buf;

	FZ_CHECK(off <= s->size && len <= s->size - off);
	while (len) {
		size_t n;

		if (off < s->head) {
			n = s->head - off < len ? (size_t)(s->head - off) : len;
			memcpy(out, s->img + off, n);
		} else if (off < s->head + s->gap) {
			uint64_t left = s->head + s->gap - off;

			n = left < len ? (size_t)left : len;
			memset(out, 0, n);
		} else {
			n = len;
			memcpy(out, s->img + (off - s->gap), n);
		}
		out += n;
		off += n;
		len -= n;
	}
	return 0;
}

static void quiet(void *ctx, const char *msg)
{
	(void)ctx;
	FZ_CHECK(strlen(msg) < 512);
}

/* What every reader's output must look like after clip (and nest). */
static void check_slices(const struct kp_slices *sl, const struct kp_disk *d)
{
	uint64_t end = kp_disk_sectors(d);

	FZ_CHECK(sl->n <= KP_MAX_SLICES);
	for (unsigned int i = 0; i < sl->n; i++) {
		const struct kp_slice *s = &sl->s[i];

		if (!s->size)
			continue;
		FZ_CHECK(s->start < end && s->size <= end - s->start);
		if (s->container) {
			FZ_CHECK(kp_slice_nested(sl, i));
			FZ_CHECK(sl->s[s->container - 1].start <= s->start);
		}
	}
}

static void check_list_and_plan(const struct kp_slices *sl)
{
	static const struct kp_parent parent = {
		.mapname = "fuzz", .delim = "p", .uuid = "mpath-fuzz", .major = 253, .minor = 7,
	};
	struct dmx_maplist none = { NULL, 0 }, have;
	struct kp_plan plan, again;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	unsigned int used = kp_slices_used(sl);

	FZ_CHECK(f);
	FZ_CHECK(kp_print_list(f, parent.mapname, parent.delim, "/dev/fuzz", sl) == 0);
	fclose(f);
	{
		unsigned int lines = 0;

		for (size_t i = 0; i < len; i++)
			lines += text[i] == '\n';
		FZ_CHECK(lines == used);
	}
	free(text);

	/* -a on a disk without maps creates one map per used slice ... */
	memset(&plan, 0, sizeof(plan));
	FZ_CHECK(kp_plan_add(&parent, sl, &none, 0, &plan) == 0);
	FZ_CHECK(plan.n == used);
	have.n = plan.n;
	have.m = calloc(plan.n ? plan.n : 1, sizeof(*have.m));
	FZ_CHECK(have.m);
	for (size_t i = 0; i < plan.n; i++) {
		FZ_CHECK(plan.ops[i].kind == KP_OP_CREATE);
		FZ_CHECK(plan.ops[i].size > 0);
		snprintf(have.m[i].name, sizeof(have.m[i].name), "%s", plan.ops[i].name);
		snprintf(have.m[i].uuid, sizeof(have.m[i].uuid), "%s", plan.ops[i].uuid);
	}
	/* ... and once those exist, -u only reloads them. */
	memset(&again, 0, sizeof(again));
	FZ_CHECK(kp_plan_add(&parent, sl, &have, 1, &again) == 0);
	FZ_CHECK(again.n == used);
	for (size_t i = 0; i < again.n; i++)
		FZ_CHECK(again.ops[i].kind == KP_OP_RELOAD);
	kp_plan_free(&again);
	memset(&again, 0, sizeof(again));
	FZ_CHECK(kp_plan_delete(&parent, &have, &again) == 0);
	FZ_CHECK(again.n == used);
	kp_plan_free(&again);
	kp_plan_free(&plan);
	free(have.m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "gpt", "dos", "bsd", "solaris", "unixware",
					     "mac", "sun" };
	struct sparse sp;
	struct kp_disk d;
	struct kp_slices *sl = malloc(sizeof(*sl));
	const struct kp_ptype *type;
	int r;

	if (!sl)
		abort();
	if (size < HDR)
		goto out;
	sp.img = data + HDR;
	sp.len = size - HDR;
	sp.gap = ((uint64_t)data[1] | (uint64_t)data[2] << 8 | (uint64_t)data[3] << 16) * 512;
	sp.head = ((size_t)data[4] | (size_t)data[5] << 8) * 512;
	if (sp.head > sp.len)
		sp.head = sp.len;
	sp.size = sp.len + sp.gap;

	memset(&d, 0, sizeof(d));
	d.name = "fuzz";
	d.size = sp.size;
	d.ssz = 512u << (data[0] & 3);
	d.force_gpt = !!(data[0] & 4);
	d.read = sparse_read;
	d.ctx = &sp;
	d.warn = quiet;

	/* Each reader on its own, post-processed as kp_read_table does ... */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct kp_ptype *t = kp_ptype_find(names[i]);

		FZ_CHECK(t);
		kp_slices_init(sl);
		r = t->read(&d, sl);
		FZ_CHECK(r == 0 || r == -ENOENT || r == -EINVAL || r == -ERANGE);
		if (r)
			continue;
		kp_slices_clip(sl, &d, t->name);
		if (t->nest)
			kp_slices_nest(sl, &d, t->name);
		check_slices(sl, &d);
		check_list_and_plan(sl);
	}
	/* ... and the real thing. */
	r = kp_read_table(&d, NULL, sl, &type);
	FZ_CHECK(r == 0);
	FZ_CHECK(type ? kp_slices_used(sl) > 0 : sl->n == 0);
	check_slices(sl, &d);
out:
	free(sl);
	return 0;
}
