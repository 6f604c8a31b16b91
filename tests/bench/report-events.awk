# report-events.awk — make bench's event rows from build/bench/raw.txt (lines as report.awk's,
# written by tests/bench/vm-events.sh):
#   awk -v topos="storm256 storm1024 reval" -f report-events.awk raw.txt
# Prints the storm and revalidation tables and their targets; exits 1 if a target is missed or
# a measurement failed. Only the topologies asked for (storm256, storm1024, reval) are shown.
function key(t, i, s) { return t SUBSEP i SUBSEP s }
function med(k,    m, i, j, x, a) {
	m = cnt[k]
	if (!m) return -1
	for (i = 1; i <= m; i++) a[i] = v[k, i]
	for (i = 2; i <= m; i++) {
		x = a[i]
		for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]
		a[j + 1] = x
	}
	return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
function s(k,    x) { x = med(k); return x < 0 ? "-" : sprintf("%.2f s%s", x / 1e9, bad[k] ? "!" : "") }
function target(name, ok, got, want) {
	printf "  %-58s %12s  (want %s)  %s\n", name, got, want, ok ? "met" : "MISSED"
	if (!ok) missed++
}
{
	delete f
	for (i = 1; i <= NF; i++) { eq = index($i, "="); if (eq) f[substr($i, 1, eq - 1)] = substr($i, eq + 1) }
	if (f["topo"] !~ /^(storm|reval)/) next
	k = key(f["topo"], f["impl"], f["step"])
	cnt[k]++
	v[k, cnt[k]] = f["ns"] + 0
	if (f["rss"] + 0 > rss[k]) rss[k] = f["rss"] + 0
	if (f["rc"] != "0") { bad[k]++; runfail++ }
}
END {
	n = split(topos, T, " ")
	for (t = 1; t <= n; t++) asked[T[t]] = 1
	if (("storm256" in asked) || ("storm1024" in asked)) {
		print "Boot storm under systemd-udevd (4 hosts added at once; until every map has its 4 paths):"
		printf "  %-10s %-8s %12s %12s %8s %12s %16s %12s %6s\n", "paths", "events", "ours", "multipathd", "ratio", "udev alone", "udev timeouts", "ours errors", "runs"
		split("storm256 storm1024", S, " ")
		for (i = 1; i <= 2; i++) {
			t = S[i]
			if (!(t in asked)) continue
			o = med(key(t, "ours", "storm")); th = med(key(t, "theirs", "storm"))
			if (o < 0 && th < 0) { printf "  %-10s (no measurements: the VM run failed, see its log)\n", t; runfail++; continue }
			printf "  %-10s %-8s %12s %12s %8s %12s %7d / %-6d %12d %6d\n", substr(t, 6), substr(t, 6), s(key(t, "ours", "storm")),
				s(key(t, "theirs", "storm")), (o > 0 && th > 0) ? sprintf("%.1fx", th / o) : "-", s(key(t, "udev", "floor")),
				med(key(t, "ours", "timeouts")), med(key(t, "theirs", "timeouts")),
				med(key(t, "ours", "errors")), med(key(t, "ours", "runs"))
		}
		print "  (udev alone: the same hosts added with no multipath rule and no daemon, until udev's queue is"
		print "  empty: the floor for any tool that waits for udev; timeouts: ours / multipathd)"
	}
	if ("reval" in asked) {
		print ""
		print "Revalidation (4 hosts, half of them for the fabric return; ours: the revalidator, theirs: multipathd):"
		printf "  %-52s %14s %14s\n", "", "ours", "multipathd"
		printf "  %-52s %14s %14s\n", "reinstatement latency, 1 path (median of 2)", s(key("reval", "ours", "latency1")), s(key("reval", "theirs", "latency1"))
		printf "  %-52s %14s %14s\n", "fabric return: 2 of 4 hosts (half the paths)", s(key("reval", "ours", "fabric")), s(key("reval", "theirs", "fabric"))
		printf "  %-52s %12.2f s %12.2f s\n", "a path down: CPU seconds per minute", med(key("reval", "ours", "down")) / 1e9, med(key("reval", "theirs", "down")) / 1e9
		printf "  %-52s %10.1f MiB %10.1f MiB\n", "a path down: peak RSS", rss[key("reval", "ours", "down")] / 1024, rss[key("reval", "theirs", "down")] / 1024
		printf "  %-52s %14d %14d\n", "healthy: resident processes", med(key("reval", "ours", "healthy")), med(key("reval", "theirs", "healthy"))
		printf "  %-52s %10.1f MiB %10.1f MiB\n", "healthy: resident memory (RSS)", rss[key("reval", "ours", "healthy")] / 1024, rss[key("reval", "theirs", "healthy")] / 1024
	}
	print ""
	print "Event targets:"
	for (i = 1; i <= 2; i++) {
		t = S[i]
		if (!(t in asked)) continue
		o = med(key(t, "ours", "storm")); th = med(key(t, "theirs", "storm"))
		target(t ": ours in at most 1/3 of multipathd's time", o > 0 && th > 0 && o * 3 <= th && !bad[key(t, "ours", "storm")],
			(o > 0 && th > 0) ? sprintf("%.2fx", th / o) : "no data", ">= 3x")
		target(t ": no udev worker timeout, no error line (ours)", med(key(t, "ours", "timeouts")) == 0 && med(key(t, "ours", "errors")) == 0,
			med(key(t, "ours", "timeouts")) "/" med(key(t, "ours", "errors")), "0/0")
	}
	if ("reval" in asked) {
		l = med(key("reval", "ours", "latency1")); fb = med(key("reval", "ours", "fabric"))
		target("reval: one path reinstated within 1 s", l > 0 && l <= 1e9, l > 0 ? sprintf("%.2f s", l / 1e9) : "no data", "<= 1 s")
		target("reval: fabric return within 3 s", fb > 0 && fb <= 3e9, fb > 0 ? sprintf("%.2f s", fb / 1e9) : "no data", "<= 3 s")
		target("reval: nothing of ours resident when healthy", med(key("reval", "ours", "healthy")) == 0, med(key("reval", "ours", "healthy")), "0")
	}
	if (runfail) printf "  %d event measurements failed or are missing\n", runfail
	exit (missed || runfail) ? 1 : 0
}
