/* The registry of path checkers and prioritizers: one row per multipath.conf name. Adding
 * one is a row here plus its function (checker.c / prioritizer.c, decoders in chkprio.h).
 * Pure data and lookups. */
#include <string.h>

#include "checker.h"

const struct checker_def checker_table[] = {
	/* Template:
	 * { "name", CHK_NAME (enum checker in config.h), chk_name (checker.c),
	 *   "what it reads and what it concludes (shown by -v3)" }, */
	{ "tur", CHK_TUR, chk_tur,
	  "TEST UNIT READY; NOT READY 04/0a-0c or the kernel's ALUA standby: ghost" },
	{ "directio", CHK_DIRECTIO, chk_directio,
	  "O_DIRECT read of the first 4 KiB through the block layer" },
	{ "readsector0", CHK_READSECTOR0, chk_readsector0, "READ(10) of block 0 over SG_IO" },
	{ "rdac", CHK_RDAC, chk_rdac,
	  "INQUIRY VPD 0xC9: owning controller up, the other one ghost, unavailable down" },
	{ "emc_clariion", CHK_EMC_CLARIION, chk_emc_clariion,
	  "INQUIRY VPD 0xC0: failover setup, LU bound; the owning SP's path also reads block 0" },
	{ "hp_sw", CHK_HP_SW, chk_hp_sw,
	  "INQUIRY VPD 0x80 then TEST UNIT READY: answering but not ready is the standby (ghost)" },
	/* The cciss driver and its /dev/cciss nodes are gone from Linux since 4.14 (hpsa shows
	 * Smart Array volumes as SCSI disks): the same TEST UNIT READY over SG_IO as tur. */
	{ "cciss_tur", CHK_CCISS_TUR, chk_tur,
	  "TEST UNIT READY over SG_IO (cciss devices are SCSI disks since Linux 4.14)" },
	{ "none", CHK_NONE, chk_none, "no command: a path the kernel calls running is up" },
	{ NULL, 0, NULL, NULL },
};

const struct prio_def prio_table[] = {
	/* Template:
	 * { "name", PRIO_NAME (enum prio in config.h), 1 if it sends commands (not run on a
	 *   path that is down), prio_name (prioritizer.c), "what it reads, what it gives" }, */
	{ "const", PRIO_CONST, 0, prio_const, "1 for every path" },
	{ "alua", PRIO_ALUA, 1, prio_alua,
	  "REPORT TARGET PORT GROUPS: optimized 50, non-optimized 10, LBA-dependent 5, standby 1, "
	  "+80 preferred (exclusive_pref_bit: always)" },
	{ "sysfs", PRIO_SYSFS, 0, prio_sysfs,
	  "the kernel's device/access_state and preferred_path, scored as alua" },
	{ "rdac", PRIO_RDAC, 1, prio_rdac,
	  "INQUIRY VPD 0xC9: owned 2, preferred 4, secondary 1, I/O shipping 8 (summed)" },
	{ "emc", PRIO_EMC, 1, prio_emc, "INQUIRY VPD 0xC0: 1 on the LU's default SP, else 0" },
	{ "hp_sw", PRIO_HP_SW, 1, prio_hp_sw,
	  "TEST UNIT READY: active 4, standby (NOT READY 04/02) 2, else 0" },
	{ "hds", PRIO_HDS, 1, prio_hds,
	  "standard INQUIRY: 1 when controller and LDEV have the same parity, else 0" },
	{ "ontap", PRIO_ONTAP, 1, prio_ontap,
	  "GET VENDOR ATTRIBUTES 0x41 and VPD 0xC1: FCP 4, iSCSI HBA 3, iSCSI software 2, "
	  "FCP proxy 1" },
	{ "datacore", PRIO_DATACORE, 1, prio_datacore,
	  "standard INQUIRY SDS name: 1 on prio_args preferredsds=NAME, else 0" },
	{ "iet", PRIO_IET, 0, prio_iet,
	  "iSCSI portal address: 20 on prio_args preferredip=A.B.C.D, else 10" },
	{ "random", PRIO_RANDOM, 0, prio_random, "a random priority from 1 to 10" },
	{ "weightedpath", PRIO_WEIGHTEDPATH, 0, prio_weightedpath,
	  "prio_args \"<hbtl|devname|serial|wwn> <regex> <prio> ...\": first match, else 0" },
	{ "path_latency", PRIO_PATH_LATENCY, 1, prio_path_latency,
	  "mean log READ latency over io_num reads, one step per factor base_num" },
	/* NVMe ANA has no SCSI meaning: probing turns it into const and says so. */
	{ "ana", PRIO_ANA, 0, prio_const, "NVMe ANA: does not apply to SCSI paths (const used)" },
	{ NULL, 0, 0, NULL, NULL },
};

const struct checker_def *checker_def(int id)
{
	for (const struct checker_def *d = checker_table; d->name; d++)
		if (d->id == id)
			return d;
	return NULL;
}

const struct prio_def *prio_def(int id)
{
	for (const struct prio_def *d = prio_table; d->name; d++)
		if (d->id == id)
			return d;
	return NULL;
}

const struct checker_def *checker_by_name(const char *name)
{
	for (const struct checker_def *d = checker_table; name && d->name; d++)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

const struct prio_def *prio_by_name(const char *name)
{
	for (const struct prio_def *d = prio_table; name && d->name; d++)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

const char *checker_name(int c)
{
	const struct checker_def *d = checker_def(c);

	return d ? d->name : "tur";
}

const char *prio_name(int m)
{
	const struct prio_def *d = prio_def(m);

	return d ? d->name : "const";
}
