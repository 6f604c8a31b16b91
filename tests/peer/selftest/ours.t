# effective configuration (the layout differs, the facts are what counts)
defaults {
	path_grouping_policy failover
	path_selector "round-robin 0"
	path_checker tur
	failback manual
}
blacklist {
	devnode "^sda$"
	devnode "^sdb$"
}
blacklist_exceptions {
}
devices {
	device {
		# /etc/multipath.conf:3
		vendor "NETAPP"
		product "LUN"
		no_path_retry queue
	}
	device {
		# built-in: NetApp ONTAP
		vendor "NETAPP"
		product "LUN"
		path_grouping_policy group_by_prio
		prio alua
		no_path_retry 30
	}
	device {
		# built-in: ACME
		vendor "ACME"
		product "Road.*"
		checker rdac
	}
}
overrides {
	failback immediate
}
multipaths {
	multipath {
		alias db
		wwid 3600a0980
	}
}
