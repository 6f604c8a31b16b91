# normalize.awk: one `multipath -t` dump (ours or Debian's multipath-tools 0.9.4) in, one fact a line
# out, tab-separated, so that two dumps compare with sort + comm:
#
#   defaults	-	KEYWORD	VALUE          every keyword the defaults section prints (and FALLBACK's
#                                             keywords when it prints no such line)
#   overrides	-	KEYWORD	VALUE
#   blacklist	KIND	VALUE                   also blacklist_exceptions; KIND devnode|wwid|property|
#                                             protocol|device (VALUE "vendor|product")
#   multipath	WWID	KEYWORD	VALUE
#   entry	KEY	ORIGIN	KEYWORD	VALUE       a device entry's own settings; KEY is "vendor|product|revision"
#                                             as written, ORIGIN "file" or "builtin"
#   device	KEY	KEYWORD	VALUE	SRC        the effective setting a path matching KEY gets:
#                                             overrides, else the entry, else defaults, else FALLBACK
#                                             (SRC says which)
#   filekey	KEY                            KEY has an entry from the config file (ours only)
#
# Entries with the same KEY are merged the way multipath-tools merges a config file entry into the
# built-in one with identical strings: a file entry's keyword beats a built-in's, and within one
# origin the later entry wins. Ours marks an entry's origin with a comment ("# FILE:LINE" or
# "# built-in: NAME"); the peer prints no origin, so its entries are all "builtin" here and the
# driver tells the config file's entries by comparing with the empty-config dump.
# Values: surrounding double quotes removed, blanks trimmed; keyword aliases mapped to the names
# the peer prints (checker -> path_checker, selector -> path_selector).

BEGIN {
	FS = "\n"
	OFS = "\t"
	# The settings a device entry can carry (multipath.conf(5) 0.9.4, devices section),
	# vendor/product/revision/product_blacklist/vpd_vendor excluded: they are matching, not settings.
	n = split("path_grouping_policy path_selector path_checker prio prio_args features " \
		"hardware_handler failback rr_weight no_path_retry rr_min_io rr_min_io_rq " \
		"fast_io_fail_tmo dev_loss_tmo eh_deadline flush_on_last_del user_friendly_names " \
		"alias_prefix uid_attribute retain_attached_hw_handler detect_prio detect_checker " \
		"deferred_remove san_path_err_threshold san_path_err_forget_rate " \
		"san_path_err_recovery_time marginal_path_err_sample_time " \
		"marginal_path_err_rate_threshold marginal_path_err_recheck_gap_time " \
		"marginal_path_double_failed_time delay_watch_checks delay_wait_checks skip_kpartx " \
		"max_sectors_kb ghost_delay all_tg_pt product_blacklist vpd_vendor", DEVKW, " ")
	# What a path gets when neither the entry nor defaults says (0.9.4 prints no default for these).
	FALLBACK["hardware_handler"] = "0"
	FALLBACK["no_path_retry"] = "fail"  # undefined: no queueing unless features ask for it
	ALIAS["checker"] = "path_checker"
	ALIAS["selector"] = "path_selector"
	depth = 0
	nent = 0
}

function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function unq(s) { s = trim(s); if (s ~ /^".*"$/ && length(s) >= 2) s = substr(s, 2, length(s) - 2); return s }

# Start of a device entry inside devices / blacklist / blacklist_exceptions.
function entry_begin() { ev = ""; ep = ""; er = ""; eorigin = "builtin"; delete ekw; nekw = 0 }

function entry_end(   key, i, k) {
	if (sect == "devices") {
		key = ev "|" ep "|" er
		if (!(key in seen)) { seen[key] = 1; order[++nent] = key }
		for (i = 1; i <= nekw; i++) {
			k = ekwn[i]
			# a file entry's value beats a built-in one; same origin: later wins
			if (eorigin == "file" || ORIG[key, k] != "file") {
				VAL[key, k] = ekw[k]; ORIG[key, k] = eorigin
			}
		}
		if (eorigin == "file") FILEKEY[key] = 1
	} else {
		print "blacklist", sect ":device", ev "|" ep
	}
}

{
	line = $0
	sub(/\r$/, "", line)
	t = trim(line)
	if (t == "") next
	if (t ~ /^#/) {
		if (depth == 2 && sub_ == "device" && t ~ /:[0-9]+$/) eorigin = "file"
		next
	}
	if (t ~ /^}/) {
		if (depth == 2) { if (sub_ == "device") entry_end(); else if (sub_ == "multipath") mw = "" ; sub_ = "" }
		depth--
		if (depth == 0) sect = ""
		next
	}
	if (t ~ /{$/) {
		name = trim(substr(t, 1, length(t) - 1))
		depth++
		if (depth == 1) sect = name
		else if (depth == 2) {
			sub_ = name
			if (name == "device") entry_begin()
			if (name == "multipath") { mw = ""; delete mkw; nmkw = 0 }
		}
		next
	}
	kw = t; val = ""
	if (match(t, /[ \t]/)) { kw = substr(t, 1, RSTART - 1); val = unq(substr(t, RSTART + 1)) }
	if (kw in ALIAS) kw = ALIAS[kw]
	if (depth == 1) {
		if (sect == "defaults") { print "defaults", "-", kw, val; DEF[kw] = val }
		else if (sect == "overrides") { print "overrides", "-", kw, val; OVR[kw] = val }
		else if (sect == "blacklist" || sect == "blacklist_exceptions") print "blacklist", sect ":" kw, val
	} else if (depth == 2 && sub_ == "device") {
		if (kw == "vendor") ev = val
		else if (kw == "product") ep = val
		else if (kw == "revision") er = val
		else if (sect == "devices") {
			if (!(kw in ekw)) ekwn[++nekw] = kw
			ekw[kw] = val
		}
	} else if (depth == 2 && sub_ == "multipath") {
		if (kw == "wwid") {
			mw = val
			for (i = 1; i <= nmkw; i++) print "multipath", mw, mkwn[i], mkw[mkwn[i]]
			nmkw = -1
		} else if (nmkw < 0) print "multipath", mw, kw, val
		else { mkwn[++nmkw] = kw; mkw[kw] = val }
	}
}

END {
	for (k in FALLBACK)
		if (!(k in DEF)) print "defaults", "-", k, FALLBACK[k]
	for (j = 1; j <= nent; j++) {
		key = order[j]
		for (i = 1; i <= n; i++) {
			k = DEVKW[i]
			if ((key, k) in VAL) print "entry", key, ORIG[key, k], k, VAL[key, k]
			if (k in OVR) { v = OVR[k]; src = "overrides" }
			else if ((key, k) in VAL) { v = VAL[key, k]; src = "entry" }
			else if (k in DEF) { v = DEF[k]; src = "defaults" }
			else if (k in FALLBACK) { v = FALLBACK[k]; src = "fallback" }
			else continue
			print "device", key, k, v, src
		}
		if (key in FILEKEY) print "filekey", key
	}
}
