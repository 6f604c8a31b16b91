# compare.awk: the differences between two normalized dumps (normalize.awk), one a line:
#
#   defaults - KEYWORD: peer=VALUE ours=VALUE
#   overrides - KEYWORD: ...
#   blacklist SECTION:KIND VALUE: peer=yes ours=(none)
#   multipath WWID KEYWORD: ...
#   device KEY KEYWORD: peer=VALUE ours=VALUE          (KEY is "vendor|product|revision")
#   device KEY: peer=entry ours=(none)                  (the entry exists on one side only)
#
# A missing value prints as "(none)". Usage:
#   awk -f compare.awk mode=builtin which=p PEER.n which=o OURS.n
#   awk -f compare.awk mode=file which=pe PEER_EMPTY.n which=p PEER.n which=o OURS.n
# mode=builtin compares every device entry; mode=file only the entries the config file declares:
# ours marks them (filekey), and on the peer's side they are the entries whose own settings differ
# from the empty-config dump's (PEER_EMPTY). An effective device setting that both sides take from
# their defaults is not repeated per entry: the defaults line reports it once.

BEGIN { FS = OFS = "\t" }

which == "pe" { if ($1 == "entry") PE[$2] = PE[$2] "\n" $4 "=" $5; next }

{
	s = which  # "p" or "o"
	if ($1 == "defaults" || $1 == "overrides") { K[$1 " - " $3] = 1; V[s, $1 " - " $3] = $4 }
	else if ($1 == "blacklist") { K[$1 " " $2 " " $3] = 1; V[s, $1 " " $2 " " $3] = "yes" }
	else if ($1 == "multipath") { K[$1 " " $2 " " $3] = 1; V[s, $1 " " $2 " " $3] = $4 }
	else if ($1 == "entry") { ENT[s, $2] = ENT[s, $2] "\n" $4 "=" $5; KEYS[$2] = 1; HAS[s, $2] = 1 }
	else if ($1 == "device") { KEYS[$2] = 1; HAS[s, $2] = 1; DV[s, $2, $3] = $4; DS[s, $2, $3] = $5; DK[$2, $3] = 1 }
	else if ($1 == "filekey") FILEKEY[$2] = 1
}

function show(v) { return v == "" ? "\"\"" : v }
function val(s, k) { return ((s, k) in V) ? show(V[s, k]) : "(none)" }

END {
	for (k in K) {
		a = val("p", k); b = val("o", k)
		if (a != b) print k ": peer=" a " ours=" b
	}
	for (key in KEYS) {
		if (mode == "file" && !(key in FILEKEY) && (!HAS["p", key] || ENT["p", key] == PE[key]))
			continue
		if (!HAS["p", key] || !HAS["o", key]) {
			print "device " key ": peer=" (HAS["p", key] ? "entry" : "(none)") \
				" ours=" (HAS["o", key] ? "entry" : "(none)")
			continue
		}
		for (dk in DK) {
			split(dk, f, SUBSEP)
			if (f[1] != key) continue
			kw = f[2]
			a = ((("p", key, kw) in DV) ? show(DV["p", key, kw]) : "(none)")
			b = ((("o", key, kw) in DV) ? show(DV["o", key, kw]) : "(none)")
			if (a == b) continue
			sa = DS["p", key, kw]; sb = DS["o", key, kw]
			if ((sa == "defaults" || sa == "fallback" || sa == "") && \
			    (sb == "defaults" || sb == "fallback" || sb == ""))
				continue  # reported once by the defaults line
			print "device " key " " kw ": peer=" a " ours=" b
		}
	}
}
