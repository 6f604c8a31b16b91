defaults {
	polling_interval 5
	path_selector "service-time 0"
	path_grouping_policy "failover"
	path_checker "tur"
	failback "manual"
}
blacklist {
	devnode "^sda$"
}
blacklist_exceptions {
}
devices {
	device {
		vendor "NETAPP"
		product "LUN"
		path_grouping_policy "group_by_prio"
		prio "ontap"
		no_path_retry "queue"
	}
	device {
		vendor "ACME"
		product "Road.*"
		path_checker "rdac"
	}
}
overrides {
	failback "immediate"
}
multipaths {
	multipath {
		wwid "3600a0980"
		alias "db"
	}
}
