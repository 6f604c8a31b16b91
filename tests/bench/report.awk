# report.awk — the benchmark table from build/bench/raw.txt (one measurement a line:
#   topo=T impl=ours|theirs|floor|udev|sg_turs env=udev|noudev step=S rep=R ns=N rss=KiB rc=C user=us sys=us)
#   awk -v topos="128 512 2048 slow" -f report.awk raw.txt
# Prints the table (medians over repetitions), the slow-path figures and the targets; exits 1
# if a target is missed or a measured run failed (non-zero exit status or timeout).

function key(t, i, e, s) { return t SUBSEP i SUBSEP e SUBSEP s }

# median of the ns values under k; -1 if none
function med(k,    m, i, j, x, a) {
	m = cnt[k]
	if (!m) return -1
	for (i = 1; i <= m; i++) a[i] = ns[k, i]
	for (i = 2; i <= m; i++) {           # insertion sort: a handful of values
		x = a[i]
		for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]
		a[j + 1] = x
	}
	return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}

function secs(k,    v) {
	v = med(k)
	if (v < 0) return "-"
	return sprintf("%.3f s%s", v / 1e9, failed[k] ? "!" : "")
}

function ratio(a, b) { return (a > 0 && b > 0) ? sprintf("%.1fx", a / b) : "-" }

# target NAME GOT WANT CMP NEEDS: NEEDS = the topologies it takes ("512 2048"); one that was
# not asked for this time makes it "not run" rather than missed.
function target(name, got, want, cmp, needs,    ok, i, m, w) {
	m = split(needs, w, " ")
	for (i = 1; i <= m; i++)
		if (!((w[i]) in asked)) {
			printf "  %-52s %10s\n", name, "not run"
			return
		}
	if (got == "") { ok = 0; got = "no data" }
	else ok = cmp == ">=" ? got + 0 >= want : got + 0 <= want
	printf "  %-52s %10s  (want %s %s)  %s\n", name, got == "no data" ? got : sprintf("%.2fx", got), cmp, want "x", ok ? "met" : "MISSED"
	if (!ok) missed++
}

{
	delete f
	for (i = 1; i <= NF; i++) {
		eq = index($i, "=")
		if (eq) f[substr($i, 1, eq - 1)] = substr($i, eq + 1)
	}
	k = key(f["topo"], f["impl"], f["env"], f["step"])
	cnt[k]++
	ns[k, cnt[k]] = f["ns"] + 0
	if (f["rss"] + 0 > rss[k]) rss[k] = f["rss"] + 0
	if (f["rc"] != "0") { failed[k]++; runfail++ }
}

END {
	n = split(topos, T, " ")
	for (t = 1; t <= n; t++) asked[T[t]] = 1
	split("dry create rerun flush", S, " ")
	label["dry"] = "dry run (-d)"; label["create"] = "create all maps"
	label["rerun"] = "nothing to do"; label["flush"] = "flush (-F)"
	printf "%-8s %-17s %12s %12s %8s %14s %8s\n", "paths", "step", "ours", "theirs", "ratio", "ours no udev", "ratio"
	for (t = 1; t <= n; t++) {
		tp = T[t]
		if (tp == "slow" || tp == "claim" || tp ~ /^(storm|reval)/) continue   # their own reports
		if (!cnt[key(tp, "ours", "udev", "dry")] && !cnt[key(tp, "theirs", "udev", "dry")]) {
			printf "%-8s %s\n", tp, "(no measurements: the VM run failed, see its log)"
			runfail++
			continue
		}
		for (s = 1; s <= 4; s++) {
			o = key(tp, "ours", "udev", S[s]); th = key(tp, "theirs", "udev", S[s]); q = key(tp, "ours", "noudev", S[s])
			printf "%-8s %-17s %12s %12s %8s %14s %8s\n", s == 1 ? tp : "", label[S[s]], secs(o), secs(th),
				ratio(med(th), med(o)), secs(q), ratio(med(th), med(q))
		}
		po = pt = pq = 0
		for (s = 1; s <= 4; s++) {
			if (rss[key(tp, "ours", "udev", S[s])] > po) po = rss[key(tp, "ours", "udev", S[s])]
			if (rss[key(tp, "theirs", "udev", S[s])] > pt) pt = rss[key(tp, "theirs", "udev", S[s])]
			if (rss[key(tp, "ours", "noudev", S[s])] > pq) pq = rss[key(tp, "ours", "noudev", S[s])]
		}
		printf "%-8s %-17s %10.1f M %10.1f M %8s %12.1f M %8s\n", "", "peak RSS (MiB)", po / 1024, pt / 1024,
			ratio(pt, po), pq / 1024, ratio(pt, pq)
		# udevd's own time for the events of creating / removing every map (nobody waiting):
		# what no tool that waits for udev can go below; the ratio is the most any could get.
		for (s = 2; s <= 4; s += 2) {
			fl = key(tp, "floor", "udev", S[s]); th = key(tp, "theirs", "udev", S[s])
			if (cnt[fl]) printf "%-8s %-17s %12s %12s %8s\n", "", "(udev alone: " S[s] ")", secs(fl), "",
				ratio(med(th), med(fl))
		}
		c = med(key(tp, "udev", "udev", "coldplug"))
		if (c > 0) printf "%-8s %-17s %12s\n", "", "(udev coldplug)", sprintf("%.1f s", c / 1e9)
	}
	print "'!' = at least one run of that step failed (exit status or timeout); see the VM log."

	sk = key("slow", "ours", "udev", "dry")
	if (cnt[sk]) {
		lat = med(key("slow", "sg_turs", "udev", "latency"))
		our = med(sk); their = med(key("slow", "theirs", "udev", "dry"))
		sg = med(key("slow", "ours", "udev", "sgio"))
		print ""
		print "Slow paths: 64 paths, every SCSI command made to take ~1 s (scsi_debug ndelay):"
		printf "  %-46s %10.2f s\n", "one command (sg_turs)", lat / 1e9
		printf "  %-46s %10.2f s  = %.1f command latencies%s\n", "ours, dry run over the 64 paths", our / 1e9, our / lat, failed[sk] ? " (FAILED)" : ""
		# scsi_debug answers INQUIRY (the VPD pages) without the delay: only the TUR (and
		# whatever else a tool sends that is not an INQUIRY) waits. So probing one path after
		# the other costs at least one latency per path.
		printf "  %-46s %10.0f s  = 64 paths x 1 delayed command (TUR) x latency\n", "one path after the other: at least", 64 * lat / 1e9
		if (sg > 0)
			printf "  %-46s %10d     (%.1f per path; INQUIRY is not delayed by scsi_debug)\n", "ours' SG_IO commands in the run", sg, sg / 64
		if (their > 0)
			printf "  %-46s %10.2f s  = %.1f command latencies%s\n", "theirs, dry run", their / 1e9, their / lat, failed[key("slow", "theirs", "udev", "dry")] ? " (FAILED or timed out)" : ""
	}

	# The udev claim (multipath -u), per event: 128 paths, no maps, find_multipaths on.
	if (cnt[key("claim", "ours", "udev", "claim-new")]) {
		print ""
		print "Claim (multipath -u for one disk's add event; 128 paths of 32 LUs, no maps, find_multipaths on):"
		print "  (ours = multipath_claim, what our rule runs; multipath -u = the same answer from our full binary)"
		print "  (floor = an exec of multipath_claim that answers at once: what any program the rule runs pays)"
		printf "  %-34s %12s %12s %8s %14s %8s\n", "wwids file", "ours", "theirs", "ratio", "multipath -u", "ratio"
		split("new known", C, " ")
		for (c = 1; c <= 2; c++) {
			o = key("claim", "ours", "udev", "claim-" C[c]); th = key("claim", "theirs", "udev", "claim-" C[c])
			u = key("claim", "ours_u", "udev", "claim-" C[c])
			printf "  %-34s %9.2f ms %9.2f ms %8s %11.2f ms %8s\n", C[c] == "new" ? "empty (decided by path count)" : "lists every LU",
				med(o) / 1e6, med(th) / 1e6, ratio(med(th), med(o)), med(u) / 1e6, ratio(med(th), med(u))
		}
		fk = key("claim", "floor", "udev", "claim-known"); th = key("claim", "theirs", "udev", "claim-known")
		if (cnt[fk]) printf "  %-34s %9.2f ms %12s %8s\n", "floor (exec, no work)", med(fk) / 1e6, "", ratio(med(th), med(fk))
	}

	print ""
	print "Targets (512 paths; ratios are theirs / ours under the same udevd):"
	split("dry rerun create flush", G, " ")
	want["dry"] = 20; want["rerun"] = 20; want["create"] = 10; want["flush"] = 10
	for (g = 1; g <= 4; g++) {
		o = med(key("512", "ours", "udev", G[g])); th = med(key("512", "theirs", "udev", G[g]))
		target(label[G[g]] ": ours at least " want[G[g]] "x faster", (o > 0 && th > 0) ? th / o : "", want[G[g]], ">=", "512")
	}
	for (g = 1; g <= 4; g++) {
		a = med(key("2048", "ours", "udev", G[g])); b = med(key("512", "ours", "udev", G[g]))
		target(label[G[g]] ": ours at 2048 paths / at 512", (a > 0 && b > 0) ? a / b : "", 4.5, "<=", "512 2048")
	}
	if (cnt[sk]) {
		printf "  %-52s %10s  (want <= 8 latencies)  %s\n", "slow paths: ours' dry run in command latencies",
			sprintf("%.1f", our / lat), our / lat <= 8 && !failed[sk] ? "met" : "MISSED"
		if (!(our / lat <= 8) || failed[sk]) missed++
	}
	split("new known", C, " ")
	for (c = 1; c <= 2; c++) {
		o = med(key("claim", "ours", "udev", "claim-" C[c])); th = med(key("claim", "theirs", "udev", "claim-" C[c]))
		target("claim per event (" C[c] " wwids): ours at least 10x faster", (o > 0 && th > 0) ? th / o : "", 10, ">=", "claim")
	}
	if (runfail) printf "  %d measured runs failed or are missing\n", runfail
	exit (missed || runfail) ? 1 : 0
}
