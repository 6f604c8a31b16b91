/* The udev claim (multipath -u): the decision and the properties it prints; and the wwids
 * file as LVM's multipath_component_detection reads it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "claim.h"
#include "structs.h"
#include "wwids.h"

/* A SCSI disk with a WWID, config loaded, find_multipaths mode, npaths paths. */
static struct claim_facts disk(int mode, unsigned int npaths)
{
	struct claim_facts f = { .is_disk = 1, .config_ok = 1, .has_wwid = 1 };

	f.fm.mode = mode;
	f.fm.npaths = npaths;
	return f;
}

static const char *word(struct claim_facts f, int want_claim)
{
	static struct claim_answer a;

	assert_int_equal(claim_decide(&f, &a), 0);
	assert_int_equal(a.claim, want_claim);
	return claim_reason_word(&a);
}

static void test_find_multipaths_on(void **state)
{
	struct claim_facts f;

	(void)state;
	/* the first path of a new LU stays usable; the second is claimed */
	assert_string_equal(word(disk(FIND_MP_ON, 1), 0), "single_path");
	assert_string_equal(word(disk(FIND_MP_ON, 2), 1), "paths");
	f = disk(FIND_MP_ON, 1);
	f.fm.in_wwids = 1;
	assert_string_equal(word(f, 1), "wwids");
	f = disk(FIND_MP_ON, 1);
	f.fm.in_config = 1;
	assert_string_equal(word(f, 1), "in_config");
	f = disk(FIND_MP_ON, 1);
	f.fm.known_array = 1;
	assert_string_equal(word(f, 1), "known_array");
	f = disk(FIND_MP_ON, 4);
	f.fm.blacklisted = 1;
	assert_string_equal(word(f, 0), "blacklisted");
}

static void test_modes(void **state)
{
	struct claim_facts f = disk(FIND_MP_STRICT, 2);
	struct claim_answer a;

	(void)state;
	assert_string_equal(word(f, 0), "not_listed");
	f.fm.in_wwids = 1;
	assert_string_equal(word(f, 1), "wwids");
	assert_string_equal(word(disk(FIND_MP_GREEDY, 1), 1), "greedy");
	f = disk(42, 1);
	assert_int_equal(claim_decide(&f, &a), -EINVAL);
}

static void test_edges_of_the_decision(void **state)
{
	struct claim_facts f;

	(void)state;
	f = disk(FIND_MP_GREEDY, 1);
	f.is_disk = 0;
	assert_string_equal(word(f, 0), "not_disk");
	/* a map holds it: claimed even with a broken config, no WWID or a blacklist entry */
	f = disk(FIND_MP_STRICT, 1);
	f.in_map = 1;
	f.config_ok = 0;
	f.has_wwid = 0;
	f.fm.blacklisted = 1;
	assert_string_equal(word(f, 1), "in_map");
	/* something else holds it (LVM or md straight on the disk): leave it to them */
	f = disk(FIND_MP_GREEDY, 2);
	f.held_other = 1;
	assert_string_equal(word(f, 0), "held");
	/* a broken configuration: multipath makes no map, so nothing new is hidden */
	f = disk(FIND_MP_GREEDY, 2);
	f.config_ok = 0;
	f.fm.in_wwids = 1;
	assert_string_equal(word(f, 0), "no_config");
	f = disk(FIND_MP_GREEDY, 2);
	f.has_wwid = 0;
	assert_string_equal(word(f, 0), "no_wwid");
}

static void test_claimed_before(void **state)
{
	struct claim_facts f = disk(FIND_MP_ON, 1);

	(void)state;
	/* its sibling went away before the map was made: it stays claimed */
	f.claimed_before = 1;
	assert_string_equal(word(f, 1), "claimed_before");
	/* but a blacklist entry added since lets it go */
	f.fm.blacklisted = 1;
	assert_string_equal(word(f, 0), "blacklisted");
	/* a find_multipaths reason that holds is named rather than the history */
	f = disk(FIND_MP_ON, 2);
	f.claimed_before = 1;
	assert_string_equal(word(f, 1), "paths");
}

static void test_format(void **state)
{
	struct claim_facts f = disk(FIND_MP_ON, 3);
	const char *sib[] = { "sdb", "sdc; rm -rf /", "sdaa" };
	struct claim_answer a;
	char out[256], small[20];
	int n;

	(void)state;
	assert_int_equal(claim_decide(&f, &a), 0);
	n = claim_format(out, sizeof(out), &a, sib, 3);
	/* names that are not plain kernel names never reach the rule's shell loop */
	assert_string_equal(out, "DM_MULTIPATH_DEVICE_PATH=1\nMPATH_CLAIM_REASON=paths\n"
				 "MPATH_CLAIM_SIBLINGS=sdb sdaa\n");
	assert_int_equal(n, (int)strlen(out));
	n = claim_format(out, sizeof(out), &a, NULL, 0);
	assert_string_equal(out, "DM_MULTIPATH_DEVICE_PATH=1\nMPATH_CLAIM_REASON=paths\n");
	/* truncation is reported like snprintf */
	n = claim_format(small, sizeof(small), &a, sib, 3);
	assert_true(n >= (int)sizeof(small));
	assert_int_equal(strlen(small), sizeof(small) - 1);
	/* not claimed: no siblings, whatever the caller passes */
	f = disk(FIND_MP_ON, 1);
	assert_int_equal(claim_decide(&f, &a), 0);
	claim_format(out, sizeof(out), &a, sib, 3);
	assert_string_equal(out, "DM_MULTIPATH_DEVICE_PATH=0\nMPATH_CLAIM_REASON=single_path\n");
}

/* lvm2's multipath_component_detection (lib/device/dev-mpath.c, _read_wwid_file) reads
 * /etc/multipath/wwids line by line: a line whose first byte is '#' is skipped; otherwise one
 * leading '/' is dropped, then one leading type digit 1, 2 or 3, and the WWID ends at the
 * next '/'. It compares what is left with the device's sysfs wwid without its "naa." prefix.
 * This is that reading, written from the description, applied to what we write. */
static size_t lvm_read(const char *text, char out[][WWID_SIZE], size_t max)
{
	size_t n = 0;

	while (*text && n < max) {
		const char *eol = strchr(text, '\n');
		size_t len = eol ? (size_t)(eol - text) : strlen(text);
		char line[512], *w, *slash;

		snprintf(line, sizeof(line), "%.*s", (int)len, text);
		text += len + (eol ? 1 : 0);
		if (line[0] == '#')
			continue;
		w = line;
		if (*w == '/')
			w++;
		if (*w == '1' || *w == '2' || *w == '3')
			w++;
		if ((slash = strchr(w, '/')))
			*slash = '\0';
		snprintf(out[n++], WWID_SIZE, "%.128s", w);
	}
	return n;
}

static void test_wwids_file_reads_in_lvm(void **state)
{
	const char *ids[] = { "35000c50015ea71ac", "36001405abcdef0123456789abcdef012",
			      "2002538b971b2a2c1", "SATA_VBOX_HARDDISK_VB1234" };
	const char *lvm_ids[] = { "5000c50015ea71ac", "6001405abcdef0123456789abcdef012",
				  "002538b971b2a2c1", "SATA_VBOX_HARDDISK_VB1234" };
	char got[8][WWID_SIZE], *text;
	struct wwids w;
	size_t len, n, i;

	(void)state;
	wwids_init(&w);
	assert_int_equal(wwids_parse(&w, "", 0, "wwids"), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(wwids_add(&w, ids[i]), 0);
	assert_int_equal(wwids_format(&w, &text, &len), 0);
	/* every header line is a comment to LVM: '#' in the first column */
	for (const char *l = text; *l; l = strchr(l, '\n') + 1) {
		if (*l != '/')
			assert_int_equal(*l, '#');
		assert_non_null(strchr(l, '\n'));   /* each line ends: fgets sees whole lines */
	}
	n = lvm_read(text, got, 8);
	assert_int_equal(n, 4);
	for (i = 0; i < 4; i++)
		assert_string_equal(got[i], lvm_ids[i]);
	free(text);
	wwids_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_multipaths_on),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_edges_of_the_decision),
		cmocka_unit_test(test_claimed_before),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_wwids_file_reads_in_lvm),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
