/* The keyword set of multipath.conf: ONE table. Each keyword names the sections that
 * allow it, its value type, where the value goes, and, for keywords this tool does not
 * act on (most belong to multipathd, the resident daemon we do not have), a note that
 * -v3 and `multipath -t` show. The set is multipath-tools 0.9.4's multipath.conf(5),
 * plus its deprecated keywords that it still accepts (and ignores).
 *
 * TEMPLATE (a new keyword):
 *	{ "name", SECTIONS, V_TYPE, O_OWNER, offsetof(struct ..., field), S_ID (O_SET) or -1,
 *	  flags (K_MULTIWORD, K_BUILTIN_ONLY, K_DEPRECATED: ignored, not dumped, K_SHOW_DFLT),
 *	  max (V_UINT, 0: none),
 *	  "note shown by -v3 and the dump, or NULL when the keyword simply works",
 *	  "the value -t prints in defaults when none is set (multipath-tools'), or NULL" },
 * A per-map setting also needs its field in struct mp_settings, an S_ id (config.h), an
 * unset value in conf_unset_settings and, if it has one, a default in
 * conf_builtin_defaults (conf_merge.c). Table order is dump order. */
#include <pthread.h>
#include <stddef.h>
#include <string.h>

#include "conf_int.h"

const char *const conf_sect_names[SEC_COUNT] = {
	[SEC_TOP] = "the top level", [SEC_DEFAULTS] = "defaults", [SEC_BLACKLIST] = "blacklist",
	[SEC_EXCEPTIONS] = "blacklist_exceptions", [SEC_DEVICES] = "devices",
	[SEC_MULTIPATHS] = "multipaths", [SEC_OVERRIDES] = "overrides", [SEC_DEVICE] = "device",
	[SEC_MULTIPATH] = "multipath", [SEC_BLDEVICE] = "device", [SEC_PROTOCOL] = "protocol",
};

static const struct block blocks[] = {
	{ "defaults", SEC_TOP, SEC_DEFAULTS },
	{ "blacklist", SEC_TOP, SEC_BLACKLIST },
	{ "blacklist_exceptions", SEC_TOP, SEC_EXCEPTIONS },
	{ "devices", SEC_TOP, SEC_DEVICES },
	{ "multipaths", SEC_TOP, SEC_MULTIPATHS },
	{ "overrides", SEC_TOP, SEC_OVERRIDES },
	{ "device", SEC_DEVICES, SEC_DEVICE },
	{ "device", SEC_BLACKLIST, SEC_BLDEVICE },
	{ "device", SEC_EXCEPTIONS, SEC_BLDEVICE },
	{ "multipath", SEC_MULTIPATHS, SEC_MULTIPATH },
	{ "protocol", SEC_OVERRIDES, SEC_PROTOCOL },
};
#define NBLOCKS (sizeof(blocks) / sizeof(blocks[0]))

#define D    M(SEC_DEFAULTS)
#define DEV  M(SEC_DEVICE)
#define OV   M(SEC_OVERRIDES)
#define MPE  M(SEC_MULTIPATH)
#define PROT M(SEC_PROTOCOL)
#define BLS  (M(SEC_BLACKLIST) | M(SEC_EXCEPTIONS))
#define ALL  (D | DEV | OV | MPE)      /* every per-map place */
#define HWO  (D | DEV | OV)            /* per array, not per LU */

#define S(f)   O_SET, offsetof(struct mp_settings, f)
#define C(f)   O_CONF, offsetof(struct config, f)
#define HW(f)  O_HW, offsetof(struct hwentry, f)
#define MP(f)  O_MP, offsetof(struct mpentry, f)
#define BL(f)  O_BL, offsetof(struct blentry, f)
#define NOTE   O_NOTE, 0

/* Notes: what a keyword does in this tool when that is not what its name says. */
#define DAEMON "used by multipathd, the resident daemon; this tool has none"
#define SHAKY  DAEMON " (shaky path detection)"
#define IGNORED "deprecated; ignored (as by multipath-tools)"

const struct keyword conf_keywords[] = {
	/* entry identity */
	{ "family", DEV, V_TEXT, HW(family), -1, K_BUILTIN_ONLY, 0, NULL, NULL },
	{ "vendor", DEV, V_REGEX, HW(vendor), -1, 0, 0, NULL, NULL },
	{ "product", DEV, V_REGEX, HW(product), -1, 0, 0, NULL, NULL },
	{ "revision", DEV, V_REGEX, HW(revision), -1, 0, 0, NULL, NULL },
	{ "product_blacklist", DEV, V_REGEX, HW(product_blacklist), -1, 0, 0, NULL, NULL },
	{ "wwid", MPE, V_WWID, MP(wwid), -1, 0, 0, NULL, NULL },
	{ "alias", MPE, V_NAME, MP(alias), -1, 0, 0, NULL, NULL },
	{ "type", PROT, V_TEXT, O_PROTO, offsetof(struct protoentry, type), -1, 0, 0, NULL, NULL },
	{ "devnode", BLS, V_REGEX, BL(devnode), -1, 0, 0, NULL, NULL },
	{ "wwid", BLS, V_REGEX, BL(wwid), -1, 0, 0, NULL, NULL },
	{ "property", BLS, V_REGEX, BL(property), -1, 0, 0, NULL, NULL },
	{ "protocol", BLS, V_REGEX, BL(protocol), -1, 0, 0, NULL, NULL },
	{ "vendor", M(SEC_BLDEVICE), V_REGEX, BL(vendor), -1, 0, 0, NULL, NULL },
	{ "product", M(SEC_BLDEVICE), V_REGEX, BL(product), -1, 0, 0, NULL, NULL },

	/* defaults only, this tool acts on them */
	{ "verbosity", D, V_UINT, C(verbosity), -1, 0, 6,
	  "multipath's own -v decides how much it prints", NULL },
	{ "polling_interval", D, V_UINT, C(polling_interval), -1, 0, 0, NULL, NULL },
	{ "max_polling_interval", D, V_UINT, C(max_polling_interval), -1, 0, 0, NULL, NULL },
	{ "find_multipaths", D, V_FINDMP, C(find_multipaths), -1, 0, 0, NULL, NULL },
	{ "bindings_file", D, V_PATH, C(bindings_file), -1, 0, 0, NULL, NULL },
	{ "wwids_file", D, V_PATH, C(wwids_file), -1, 0, 0, NULL, NULL },
	{ "config_dir", D, V_PATH, C(config_dir), -1, 0, 0, NULL, NULL },
	{ "partition_delimiter", D, V_ANY, C(partition_delimiter), -1, 0, 0,
	  "partition maps are named by the hotplug handler (kpartx -p -part, Debian's <map>-partN)", NULL },
	{ "uid_attrs", D, V_ANY, C(uid_attrs), -1, 0, 0,
	  "kept for the identity code; no uevent merging (that is multipathd's)", NULL },

	/* per map (and path) settings */
	{ "path_grouping_policy", ALL, V_PGPOLICY, S(pgpolicy), S_PGPOLICY, 0, 0, NULL, NULL },
	{ "path_selector", ALL, V_SELECTOR, S(selector), S_SELECTOR, K_MULTIWORD, 0, NULL, NULL },
	{ "features", ALL, V_FEATURES, S(features), S_FEATURES, K_MULTIWORD, 0, NULL, NULL },
	{ "hardware_handler", D | DEV, V_HWHANDLER, S(hwhandler), S_HWHANDLER, K_MULTIWORD, 0, NULL, NULL },
	{ "path_checker", HWO, V_CHECKER, S(checker), S_CHECKER, 0, 0, NULL, NULL },
	{ "checker", HWO, V_CHECKER, S(checker), S_CHECKER, K_DEPRECATED, 0,
	  "the old name of path_checker", NULL },
	{ "prio", ALL, V_PRIO, S(prio), S_PRIO, 0, 0, NULL, NULL },
	{ "prio_args", ALL, V_ANY, S(prio_args), S_PRIO_ARGS, 0, 0, NULL, "" },
	{ "failback", ALL, V_FAILBACK, S(failback), S_FAILBACK, 0, 0, NULL, NULL },
	{ "rr_weight", ALL, V_RRW, S(rr_weight), S_RR_WEIGHT, 0, 0, NULL, NULL },
	{ "no_path_retry", ALL, V_NPR, S(no_path_retry), S_NO_PATH_RETRY, 0, 0, NULL, NULL },
	{ "rr_min_io", ALL, V_UINT, S(rr_min_io), S_RR_MIN_IO, 0, 0,
	  "bio-based maps only; this tool makes request-based maps, see rr_min_io_rq", NULL },
	{ "rr_min_io_rq", ALL, V_UINT, S(rr_min_io_rq), S_RR_MIN_IO_RQ, 0, 0, NULL, NULL },
	{ "uid_attribute", HWO, V_ANY, S(uid_attribute), S_UID_ATTRIBUTE, 0, 0, NULL, "ID_SERIAL" },
	{ "detect_prio", HWO, V_YESNO, S(detect_prio), S_DETECT_PRIO, 0, 0, NULL, NULL },
	{ "detect_checker", HWO, V_YESNO, S(detect_checker), S_DETECT_CHECKER, 0, 0, NULL, NULL },
	{ "checker_timeout", D, V_UINT, S(checker_timeout), S_CHECKER_TIMEOUT, 0, 0, NULL, NULL },
	{ "fast_io_fail_tmo", HWO | PROT, V_TMO_OFF, S(fast_io_fail_tmo), S_FAST_IO_FAIL_TMO, 0, 0, NULL, NULL },
	{ "dev_loss_tmo", HWO | PROT, V_DEVLOSS, S(dev_loss_tmo), S_DEV_LOSS_TMO, 0, 0, NULL, NULL },
	{ "eh_deadline", HWO | PROT, V_TMO_OFF, S(eh_deadline), S_EH_DEADLINE, 0, 0, NULL, NULL },
	{ "max_sectors_kb", ALL, V_UINT, S(max_sectors_kb), S_MAX_SECTORS_KB, 0, 0, NULL, NULL },
	{ "user_friendly_names", ALL, V_YESNO, S(user_friendly_names), S_USER_FRIENDLY_NAMES, 0, 0, NULL, NULL },
	{ "alias_prefix", HWO, V_NAME, S(alias_prefix), S_ALIAS_PREFIX, 0, 0, NULL, NULL },
	{ "skip_kpartx", ALL, V_YESNO, S(skip_kpartx), S_SKIP_KPARTX, 0, 0, NULL, NULL },
	{ "flush_on_last_del", ALL, V_YESNO, S(flush_on_last_del), S_FLUSH_ON_LAST_DEL, 0, 0, NULL, NULL },
	{ "all_tg_pt", HWO, V_YESNO, S(all_tg_pt), S_ALL_TG_PT, 0, 0,
	  "used by mpathpersist (persistent reservations), which this package does not have", NULL },
	{ "retain_attached_hw_handler", HWO, V_YESNO, S(retain_hwhandler), S_RETAIN_HWHANDLER, 0, 0,
	  "kernels 4.3 and later always keep a handler they attached, whatever the value", NULL },

	/* per map, daemon only */
	{ "deferred_remove", ALL, V_YESNO, NOTE, -1, 0, 0,
	  DAEMON " (removal when the last path goes away)", "no" },
	{ "san_path_err_threshold", ALL, V_NUM_OR_NO, NOTE, -1, 0, 0, SHAKY, "no" },
	{ "san_path_err_forget_rate", ALL, V_NUM_OR_NO, NOTE, -1, 0, 0, SHAKY, "no" },
	{ "san_path_err_recovery_time", ALL, V_NUM_OR_NO, NOTE, -1, 0, 0, SHAKY, "no" },
	{ "marginal_path_err_sample_time", ALL, V_NUM_OR_NO, NOTE, -1, 0, 0, SHAKY, "no" },
	{ "marginal_path_err_rate_threshold", ALL, V_NUM_OR_NO, NOTE, -1, 0, 0, SHAKY, "no" },
	{ "marginal_path_err_recheck_gap_time", ALL, V_NUM_OR_NO, NOTE, -1, 0, 0, SHAKY, "no" },
	{ "marginal_path_double_failed_time", ALL, V_NUM_OR_NO, NOTE, -1, 0, 0, SHAKY, "no" },
	{ "delay_watch_checks", ALL, V_NUM_OR_NO, NOTE, -1, 0, 0, SHAKY, "no" },
	{ "delay_wait_checks", ALL, V_NUM_OR_NO, NOTE, -1, 0, 0, SHAKY, "no" },
	{ "ghost_delay", ALL, V_NUM_OR_NO, NOTE, -1, 0, 0,
	  DAEMON " (readiness of maps with only ghost paths)", "no" },
	{ "reservation_key", D | MPE, V_ANY, NOTE, -1, 0, 0,
	  "used by mpathpersist (persistent reservations), which this package does not have", NULL },
	{ "vpd_vendor", DEV, V_ANY, NOTE, -1, 0, 0,
	  "vendor VPD data for multipathd's show format %g", NULL },

	/* defaults only, daemon only or ignored */
	{ "reassign_maps", D, V_YESNO, NOTE, -1, 0, 0, DAEMON, "no" },
	{ "max_fds", D, V_MAXFDS, NOTE, -1, 0, 0,
	  "this tool opens a few files per path at a time and needs no limit raised", "max" },
	{ "queue_without_daemon", D, V_YESNO, NOTE, -1, 0, 0,
	  DAEMON "; with no daemon, queueing stays as no_path_retry sets it", "no" },
	{ "allow_usb_devices", D, V_YESNO, NOTE, -1, 0, 0,
	  "this tool multipaths SCSI disks; the blacklist decides about USB ones", "no" },
	{ "prkeys_file", D, V_PATH, NOTE, -1, 0, 0,
	  "used by mpathpersist, which this package does not have", "/etc/multipath/prkeys" },
	{ "log_checker_err", D, V_LOGERR, NOTE, -1, 0, 0, DAEMON, "always" },
	{ "force_sync", D, V_YESNO, NOTE, -1, 0, 0,
	  DAEMON "; this tool runs each checker once per run", "yes" },
	{ "strict_timing", D, V_YESNO, NOTE, -1, 0, 0, DAEMON, "no" },
	{ "marginal_pathgroups", D, V_MARGINAL_PG, NOTE, -1, 0, 0, SHAKY, "off" },
	{ "find_multipaths_timeout", D, V_INT, NOTE, -1, 0, 0,
	  DAEMON " (find_multipaths smart, which acts as on here)", "-10" },
	{ "uxsock_timeout", D, V_UINT, NOTE, -1, 0, 0, DAEMON " (its command socket)", "4000" },
	{ "retrigger_tries", D, V_UINT, NOTE, -1, 0, 0, DAEMON, "0" },
	{ "retrigger_delay", D, V_UINT, NOTE, -1, 0, 0, DAEMON, "10" },
	{ "missing_uev_wait_timeout", D, V_UINT, NOTE, -1, 0, 0, DAEMON, "30" },
	{ "remove_retries", D, V_UINT, NOTE, -1, 0, 0,
	  "a flush never waits: a map in use is reported and left", "0" },
	{ "enable_foreign", D, V_ANY, NOTE, -1, 0, 0,
	  "foreign (NVMe native) multipath is not listed by this tool", "NONE" },
	{ "recheck_wwid", D, V_YESNO, NOTE, -1, 0, 0, DAEMON, "no" },
	{ "multipath_dir", D, V_ANY, NOTE, -1, K_DEPRECATED, 0, IGNORED, NULL },
	{ "pg_timeout", D, V_ANY, NOTE, -1, K_DEPRECATED, 0, IGNORED, NULL },
	{ "getuid_callout", D | DEV, V_ANY, NOTE, -1, K_DEPRECATED, 0,
	  IGNORED "; the WWID comes from uid_attribute or VPD", NULL },
	{ "disable_changed_wwids", D, V_ANY, NOTE, -1, K_DEPRECATED | K_SHOW_DFLT, 0, IGNORED, "ignored" },
	{ "udev_dir", D, V_ANY, NOTE, -1, K_DEPRECATED, 0, IGNORED, NULL },
	{ "mode", D, V_ANY, NOTE, -1, 0, 0, "the old multipathd socket's permissions; ignored", NULL },
	{ "uid", D, V_ANY, NOTE, -1, 0, 0, "the old multipathd socket's permissions; ignored", NULL },
	{ "gid", D, V_ANY, NOTE, -1, K_DEPRECATED, 0, IGNORED, NULL },
	{ "hw_str_match", D, V_ANY, NOTE, -1, K_DEPRECATED, 0, IGNORED, NULL },
	{ "ignore_new_boot_devs", D, V_ANY, NOTE, -1, K_DEPRECATED, 0, IGNORED, NULL },
};
const size_t conf_nkeywords = sizeof(conf_keywords) / sizeof(conf_keywords[0]);

const struct block *conf_find_block(const char *name, enum sect in)
{
	for (size_t i = 0; i < NBLOCKS; i++)
		if (blocks[i].in == in && !strcmp(blocks[i].name, name))
			return &blocks[i];
	return NULL;
}

const struct keyword *conf_find_keyword(const char *name, enum sect sec, int builtin)
{
	for (size_t i = 0; i < conf_nkeywords; i++) {
		const struct keyword *k = &conf_keywords[i];

		if ((k->where & M(sec)) && !strcmp(k->name, name) &&
		    (builtin || !(k->flags & K_BUILTIN_ONLY)))
			return k;
	}
	return NULL;
}

int conf_known_name(const char *name)
{
	for (size_t i = 0; i < conf_nkeywords; i++)
		if (!(conf_keywords[i].flags & K_BUILTIN_ONLY) && !strcmp(conf_keywords[i].name, name))
			return 1;
	for (size_t i = 0; i < NBLOCKS; i++)
		if (!strcmp(blocks[i].name, name))
			return 1;
	return 0;
}

static const struct keyword *by_id[S_COUNT];
static pthread_once_t by_id_once = PTHREAD_ONCE_INIT;

static void index_settings(void)
{
	for (size_t i = conf_nkeywords; i-- > 0;) {
		const struct keyword *k = &conf_keywords[i];

		if (k->owner == O_SET && k->id >= 0 && k->id < S_COUNT && !(k->flags & K_DEPRECATED))
			by_id[k->id] = k;
	}
}

/* The keyword the dump writes for a setting: its first, non-deprecated spelling.
 * Selection runs per path (in probe threads): an index built once. */
const struct keyword *conf_setting_keyword(enum setting_id id)
{
	if ((int)id < 0 || id >= S_COUNT)
		return NULL;
	pthread_once(&by_id_once, index_settings);
	return by_id[id];
}

int conf_is_str_type(enum vtype t)
{
	return t == V_SELECTOR || t == V_FEATURES || t == V_HWHANDLER || t == V_PATH ||
	       t == V_NAME || t == V_WWID || t == V_REGEX || t == V_TEXT || t == V_ANY;
}

const char *config_setting_name(enum setting_id id)
{
	const struct keyword *k = id < S_COUNT ? conf_setting_keyword(id) : NULL;

	return k ? k->name : "?";
}
