/* The built-in hardware table: data only.
 *
 * Each entry says "this vendor/product is a multipath array" (find_multipaths=on then
 * multipaths even a single-path LU of it) and gives the settings its vendor recommends.
 * Values are multipath.conf words; config_init_builtin() runs them through the same
 * checks as the config file. An unset field falls through to defaults{} and then to
 * the built-in defaults (failover, "round-robin 0", features "0", hwhandler "0", tur,
 * const, manual, fail, uniform).
 *
 * Matching: vendor, product and revision are POSIX extended regexes searched in the
 * path's trimmed sysfs strings, so they are anchored with ^ and $ where a prefix or an
 * exact string is meant. When several built-in entries match, the LAST one wins:
 * generic entries come first, specific ones after them. The 2004 whitelist, exact
 * strings, closes the table.
 *
 * Sources: the vendors' Linux host guides and multipath-tools' hwtable (facts only).
 * Where a vendor asks for a prioritizer we do not have, the nearest one is used:
 * multipath-tools' "rdac" prioritizer -> "sysfs" (scsi_dh_rdac keeps access_state up
 * to date), its "ontap", "hds", "emc" prioritizers -> "alua" (those arrays speak ALUA);
 * its rdac/emc_clariion/hp_sw checkers -> "tur". Deferred failback (N seconds) -> immediate.
 *
 * TEMPLATE (copy into the table, keep only what differs from the defaults):
 *
 *	{
 *		.name          = "Maker Model family",   shown as a comment by `multipath -t`
 *		.vendor        = "^VENDOR$",             INQUIRY vendor (8 chars), ERE
 *		.product       = "^PRODUCT",             INQUIRY product (16 chars), ERE
 *		.revision      = "^REV",                 INQUIRY revision (4 chars); omit for all
 *		.pgpolicy      = "group_by_prio",        failover | multibus | group_by_serial |
 *		                                         group_by_prio | group_by_node_name
 *		.selector      = "service-time 0",       round-robin | queue-length | service-time |
 *		                                         historical-service-time, then the arg count
 *		.features      = "2 pg_init_retries 50", word count, then the kernel feature words
 *		.hwhandler     = "1 alua",               "0" or "1 alua|emc|rdac|hp_sw"
 *		.checker       = "tur",                  tur | directio | readsector0
 *		.prio          = "alua",                 const | alua | sysfs
 *		.failback      = "immediate",            manual | immediate
 *		.no_path_retry = "queue",                fail | queue | N checker intervals
 *		.rr_weight     = "uniform",              uniform | priorities
 *	},
 */
#include "config.h"

/* LSI/NetApp "RDAC" (SANtricity) controllers and their rebadged versions: the owning
 * controller's paths first, passive paths in a second group, activated by scsi_dh_rdac. */
#define RDAC \
	.pgpolicy = "group_by_prio", .features = "2 pg_init_retries 50", \
	.hwhandler = "1 rdac", .prio = "sysfs", .failback = "immediate", .no_path_retry = "30"

/* An ALUA array: optimized paths first, failback to them when they return. */
#define ALUA .pgpolicy = "group_by_prio", .prio = "alua", .failback = "immediate"

const struct hwtable_entry hwtable[] = {
	/* ---- HPE / HP / Compaq ---- */
	{ .name = "HPE 3PAR StoreServ / Primera / Alletra 9000",
	  .vendor = "^3PARdata$", .product = "^VV$",
	  ALUA, .hwhandler = "1 alua", .no_path_retry = "18" },
	{ .name = "HP MSA 1000/1500 (active/active firmware)",
	  .vendor = "^(COMPAQ|HP)$", .product = "^MSA VOLUME$",
	  ALUA, .no_path_retry = "12" },
	{ .name = "HP EVA 3000/5000 (active/active firmware), EVA 4x00/6x00/8x00, P6000",
	  .vendor = "^(COMPAQ|HP)$", .product = "^(HSV1[01]1|HSV2[01]0|HSV3[046]0|HSV4[05]0)",
	  ALUA, .no_path_retry = "12" },
	{ .name = "HP MSA2000 (old firmware)",
	  .vendor = "^HP$", .product = "^(MSA2[02]12fc|MSA2012i)$",
	  .pgpolicy = "multibus", .no_path_retry = "18" },
	{ .name = "HP MSA2000 (ALUA firmware)",
	  .vendor = "^HP$", .product = "^(MSA2012sa|MSA23(12|24)(fc|i|sa)|MSA2000s VOLUME)$",
	  ALUA, .no_path_retry = "18" },
	{ .name = "HPE MSA 1040/1050/1060/2040/2050/2060/2070",
	  .vendor = "^(HP|HPE)$", .product = "^MSA [12]0[4567]0 (SAN|SAS|FC|iSCSI)$",
	  ALUA, .no_path_retry = "18" },
	{ .name = "HP P2000 G3",
	  .vendor = "^HP$", .product = "^(P2000 G3 FC|P2000G3 FC/iSCSI|P2000 G3 SAS|P2000 G3 iSCSI)$",
	  ALUA, .no_path_retry = "18" },
	{ .name = "HP SAN Virtualization Services Platform",
	  .vendor = "^HP$", .product = "^(HSVX700|HSVX740)$",
	  ALUA, .hwhandler = "1 alua", .no_path_retry = "12" },
	{ .name = "HPE StoreVirtual (LeftHand)",
	  .vendor = "^LEFTHAND$", .product = "^(P4000|iSCSIDisk|FCDISK)",
	  ALUA, .no_path_retry = "18" },
	{ .name = "HPE Nimble Storage / Alletra 5000/6000",
	  .vendor = "^Nimble$", .product = "^Server$",
	  ALUA, .hwhandler = "1 alua", .no_path_retry = "queue" },

	/* ---- Hitachi Vantara ---- */
	/* generic: every OPEN-x emulation (OPEN-V, OPEN-3, ...), also sold as HP/HPE XP */
	{ .name = "Hitachi VSP / USP-V / HUS VM, HPE XP",
	  .vendor = "^(HITACHI|HP|HPE)$", .product = "^OPEN-",
	  .pgpolicy = "multibus", .no_path_retry = "10" },
	{ .name = "Hitachi AMS 2000 / HUS 100",
	  .vendor = "^HITACHI$", .product = "^DF600F",
	  .pgpolicy = "multibus" },

	/* ---- Dell EMC ---- */
	{ .name = "Dell EMC PowerMax / VMAX / Symmetrix",
	  .vendor = "^EMC$", .product = "^SYMMETRIX$",
	  .pgpolicy = "multibus", .no_path_retry = "6" },
	/* "LUNZ" (the placeholder LU of a host with no LUs) is deliberately not matched */
	{ .name = "Dell EMC VNX / CLARiiON / Unity (ALUA, failover mode 4)",
	  .vendor = "^DGC$", .product = "^(RAID|DISK|VRAID)",
	  ALUA, .hwhandler = "1 alua", .no_path_retry = "60" },
	{ .name = "Dell EMC VPLEX / Invista",
	  .vendor = "^EMC$", .product = "^Invista$",
	  .pgpolicy = "multibus", .no_path_retry = "5" },
	{ .name = "Dell EMC XtremIO",
	  .vendor = "^XtremIO$", .product = "^XtremApp$",
	  .pgpolicy = "multibus", .selector = "queue-length 0" },
	{ .name = "Dell PowerStore",
	  .vendor = "^DellEMC$", .product = "^PowerStore$",
	  ALUA, .hwhandler = "1 alua", .selector = "queue-length 0", .no_path_retry = "3" },
	{ .name = "Dell PowerVault ME4 / ME5",
	  .vendor = "^DellEMC$", .product = "^ME[45]",
	  ALUA, .hwhandler = "1 alua" },
	{ .name = "Dell SC Series (Compellent)",
	  .vendor = "^COMPELNT$", .product = "^Compellent Vol$",
	  .pgpolicy = "multibus", .no_path_retry = "queue" },
	{ .name = "Dell EqualLogic PS Series",
	  .vendor = "^EQLOGIC$", .product = "^100E-00$",
	  .pgpolicy = "multibus", .failback = "immediate" },
	{ .name = "Dell PowerVault MD3 (RDAC)",
	  .vendor = "^DELL$", .product = "^MD3",
	  RDAC },

	/* ---- DataDirect Networks ---- */
	{ .name = "DDN EF3015 / S2A / SFA",
	  .vendor = "^DDN$", .product = "^(EF3015|S2A|SFA)",
	  ALUA, .no_path_retry = "30" },

	/* ---- Fujitsu ---- */
	{ .name = "Fujitsu ETERNUS DX",
	  .vendor = "^FUJITSU$", .product = "^ETERNUS_DX(H|L|M|400|8000)",
	  ALUA, .no_path_retry = "10" },
	{ .name = "Fujitsu ETERNUS AB/HB (RDAC)",
	  .vendor = "^FUJITSU$", .product = "^ETERNUS_AHB$",
	  RDAC },

	/* ---- IBM ---- */
	{ .name = "IBM DS3000 / DS4000 / DS5000 / DCS3700, FAStT (RDAC)",
	  .vendor = "^IBM$", .product = "^(1722-600|1724|1726|1742|1746|1813|1814|1815|1818|3526|3542|3552)",
	  RDAC },
	{ .name = "IBM Enterprise Storage Server (Shark)",
	  .vendor = "^IBM$", .product = "^2105",
	  .pgpolicy = "multibus", .no_path_retry = "queue" },
	{ .name = "IBM DS6000",
	  .vendor = "^IBM$", .product = "^1750500",
	  ALUA, .no_path_retry = "queue" },
	{ .name = "IBM DS8000",
	  .vendor = "^IBM$", .product = "^2107900",
	  .pgpolicy = "multibus", .no_path_retry = "queue" },
	{ .name = "IBM SAN Volume Controller / Storwize / FlashSystem 5x00-9x00",
	  .vendor = "^IBM$", .product = "^2145",
	  ALUA, .no_path_retry = "queue" },
	{ .name = "IBM XIV / FlashSystem A9000",
	  .vendor = "^(XIV|IBM)$", .product = "^(NEXTRA|2810XIV)",
	  .pgpolicy = "multibus", .no_path_retry = "queue" },
	{ .name = "IBM FlashSystem 710-900 / TMS RamSan",
	  .vendor = "^(TMS|IBM)$", .product = "^(RamSan|FlashSystem)",
	  .pgpolicy = "multibus" },

	/* ---- Lenovo ---- */
	{ .name = "Lenovo ThinkSystem DE Series (RDAC)",
	  .vendor = "^LENOVO$", .product = "^DE_Series$",
	  RDAC },

	/* ---- NetApp ---- */
	{ .name = "NetApp ONTAP (FAS / AFF / ASA)",
	  .vendor = "^NETAPP$", .product = "^LUN",
	  ALUA, .selector = "service-time 0", .features = "2 pg_init_retries 50",
	  .no_path_retry = "queue" },
	{ .name = "NetApp E-Series / EF-Series (SANtricity, RDAC)",
	  .vendor = "^(NETAPP|LSI|ENGENIO)$", .product = "^INF-01-00$",
	  RDAC },
	{ .name = "NetApp SolidFire",
	  .vendor = "^SolidFir$", .product = "^SSD SAN$",
	  .pgpolicy = "multibus", .no_path_retry = "24" },

	/* ---- NEC ---- */
	{ .name = "NEC M-Series / iStorage",
	  .vendor = "^NEC$", .product = "^DISK ARRAY$",
	  ALUA, .hwhandler = "1 alua" },

	/* ---- Oracle / Sun ---- */
	{ .name = "Oracle ZFS Storage Appliance",
	  .vendor = "^SUN$", .product = "^(Sun Storage|ZFS Storage|COMSTAR)",
	  ALUA, .no_path_retry = "30" },
	{ .name = "Sun StorageTek 2500 / 6000 series (RDAC)",
	  .vendor = "^(SUN|STK)$",
	  .product = "^(LCSM100_[IEFS]|CSM[12]00_R|STK6580_6780|SUN_6180|ArrayStorage|FLEXLINE 380|OPENstorage|BladeCtlr)",
	  RDAC },
	{ .name = "Oracle FS1 / Pillar Axiom",
	  .vendor = "^(Pillar|Oracle)$", .product = "^(Axiom|Oracle FS)",
	  ALUA },

	/* ---- DataCore ---- */
	{ .name = "DataCore SANsymphony / SANmelody",
	  .vendor = "^DataCore$", .product = "^(Virtual Disk|SANmelody)$",
	  ALUA, .no_path_retry = "queue" },

	/* ---- Pure Storage ---- */
	{ .name = "Pure Storage FlashArray",
	  .vendor = "^PURE$", .product = "^FlashArray$",
	  ALUA, .hwhandler = "1 alua", .selector = "service-time 0", .no_path_retry = "fail" },

	/* ---- Huawei ---- */
	{ .name = "Huawei OceanStor (S / V1x / HVS / Dorado V3)",
	  .vendor = "^(HUAWEI|HUASY|HS)$", .product = "^(Dorado|HVS8|S[23568]|V1[568]|VIS6000)",
	  ALUA, .no_path_retry = "15" },
	{ .name = "Huawei OceanStor V3-V6 / Dorado V6 (XSG1)",
	  .vendor = "^(HUAWEI|AnyStor|Marstor|NETPOSA|SanM|SUGON|UDsafe)$", .product = "^XSG1$",
	  ALUA, .no_path_retry = "15" },

	/* ---- Infinidat ---- */
	{ .name = "Infinidat InfiniBox",
	  .vendor = "^NFINIDAT$", .product = "^InfiniBox$",
	  ALUA, .selector = "round-robin 0", .rr_weight = "priorities", .no_path_retry = "fail" },

	/* ---- Kaminario / Silk ---- */
	{ .name = "Kaminario K2 / Silk Data Platform",
	  .vendor = "^(KMNRIO|SILK)$", .product = "^(K2|KDP)",
	  .pgpolicy = "multibus" },

	/* ---- Violin ---- */
	{ .name = "Violin 3000 / 6000",
	  .vendor = "^VIOLIN$", .product = "^SAN ARRAY$",
	  .pgpolicy = "group_by_serial", .no_path_retry = "30" },
	{ .name = "Violin 3000 / 6000 (ALUA mode)",
	  .vendor = "^VIOLIN$", .product = "^SAN ARRAY ALUA$",
	  ALUA, .hwhandler = "1 alua", .no_path_retry = "30" },
	{ .name = "Violin FSP 7000 (Concerto)",
	  .vendor = "^VIOLIN$", .product = "^CONCERTO ARRAY$",
	  .pgpolicy = "multibus", .no_path_retry = "30" },

	/* ---- Software-defined and iSCSI appliances ---- */
	{ .name = "Nexenta COMSTAR",
	  .vendor = "^NEXENTA$", .product = "^COMSTAR$",
	  .pgpolicy = "group_by_serial", .no_path_retry = "30" },
	{ .name = "TrueNAS / FreeNAS iSCSI",
	  .vendor = "^(TrueNAS|iXsystems|FreeNAS)$", .product = "^iSCSI Disk$",
	  ALUA, .hwhandler = "1 alua" },
	/* one controller: every portal is an equal path */
	{ .name = "Synology iSCSI LUN",
	  .vendor = "^SYNOLOGY$", .product = "^iSCSI Storage$",
	  .pgpolicy = "multibus" },
	{ .name = "Tegile IntelliFlash",
	  .vendor = "^TEGILE$", .product = "^(ZEBI-(FC|ISCSI)|INTELLIFLASH)$",
	  ALUA, .hwhandler = "1 alua", .no_path_retry = "10" },

	/* ---- Others ---- */
	{ .name = "Apple Xserve RAID",
	  .vendor = "^APPLE$", .product = "^Xserve RAID$",
	  .pgpolicy = "multibus" },
	{ .name = "Infortrend EonStor / ESVA",
	  .vendor = "^IFT$", .product = ".*",
	  ALUA, .no_path_retry = "30" },
	{ .name = "Seagate / Dot Hill AssuredSAN, R/Evolution",
	  .vendor = "^DotHill$", .product = "^(DH|R/Evo)",
	  ALUA, .no_path_retry = "30" },

	/* ---- The 2004 whitelist (udev extras/multipath 016), exact strings and the
	 * original policies: group_by_serial for the HSV/HSG/MSA controllers, whose EVPD
	 * 0x80 serial names the controller port; multibus for the rest. Last in the table,
	 * so these exact matches beat the generic entries above (HP "OPEN-"). ---- */
	{ .name = "Compaq StorageWorks HSV110 (2004 whitelist)",
	  .vendor = "^COMPAQ$", .product = "^HSV110 \\(C\\)COMPAQ$", .pgpolicy = "group_by_serial" },
	{ .name = "Compaq MSA1000 (2004 whitelist)",
	  .vendor = "^COMPAQ$", .product = "^MSA1000$", .pgpolicy = "group_by_serial" },
	{ .name = "Compaq MSA1000 VOLUME (2004 whitelist)",
	  .vendor = "^COMPAQ$", .product = "^MSA1000 VOLUME$", .pgpolicy = "group_by_serial" },
	{ .name = "DEC HSG80 (2004 whitelist)",
	  .vendor = "^DEC$", .product = "^HSG80$", .pgpolicy = "group_by_serial" },
	{ .name = "HP StorageWorks HSV100 (2004 whitelist)",
	  .vendor = "^HP$", .product = "^HSV100$", .pgpolicy = "group_by_serial" },
	{ .name = "HP Virtual Array 7400 A6189A (2004 whitelist)",
	  .vendor = "^HP$", .product = "^A6189A$", .pgpolicy = "multibus" },
	{ .name = "HP XP OPEN- (2004 whitelist)",
	  .vendor = "^HP$", .product = "^OPEN-$", .pgpolicy = "multibus" },
	{ .name = "DDN SAN DataDirector (2004 whitelist)",
	  .vendor = "^DDN$", .product = "^SAN DataDirector$", .pgpolicy = "multibus" },
	{ .name = "FSC CentricStor (2004 whitelist)",
	  .vendor = "^FSC$", .product = "^CentricStor$", .pgpolicy = "multibus" },
	{ .name = "Hitachi DF400 (2004 whitelist)",
	  .vendor = "^HITACHI$", .product = "^DF400$", .pgpolicy = "multibus" },
	{ .name = "Hitachi DF500 (2004 whitelist)",
	  .vendor = "^HITACHI$", .product = "^DF500$", .pgpolicy = "multibus" },
	{ .name = "Hitachi DF600 (2004 whitelist)",
	  .vendor = "^HITACHI$", .product = "^DF600$", .pgpolicy = "multibus" },
	{ .name = "IBM ProFibre 4000R (2004 whitelist)",
	  .vendor = "^IBM$", .product = "^ProFibre 4000R$", .pgpolicy = "multibus" },
	{ .name = "SGI TP9100 (2004 whitelist)",
	  .vendor = "^SGI$", .product = "^TP9100$", .pgpolicy = "multibus" },
	{ .name = "SGI TP9300 (2004 whitelist)",
	  .vendor = "^SGI$", .product = "^TP9300$", .pgpolicy = "multibus" },
	{ .name = "SGI TP9400 (2004 whitelist)",
	  .vendor = "^SGI$", .product = "^TP9400$", .pgpolicy = "multibus" },
	{ .name = "SGI TP9500 (2004 whitelist)",
	  .vendor = "^SGI$", .product = "^TP9500$", .pgpolicy = "multibus" },
};

const size_t hwtable_size = sizeof(hwtable) / sizeof(hwtable[0]);
