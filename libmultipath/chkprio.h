/* Pure: what the vendor path checkers and prioritizers read, decoded. Every decoder takes
 * the bytes a device returned (possibly short, possibly hostile), never reads past len, and
 * returns 0 or -errno with a reason in why (may be NULL):
 *   -EPROTO  the page is too short or not the page asked for
 *   -EINVAL  an argument (prio_args) is malformed
 * The SG_IO side is checker.c / prioritizer.c; the facts come from the arrays' own
 * documentation as multipath-tools and the kernel's scsi_dh_* handlers read them. */
#ifndef MP_CHKPRIO_H
#define MP_CHKPRIO_H

#include <stddef.h>
#include "structs.h"

/* ---- RDAC (LSI/Engenio/NetApp E-Series): INQUIRY VPD 0xC9, "volume access control" ---- */
struct rdac_c9 {
	int lun_connected;   /* peripheral qualifier/type byte says a disk is there */
	int owned;           /* CVP: the controller answering owns the volume */
	int avt;             /* auto volume transfer mode */
	int ioship;          /* I/O shipping: every controller serves the volume */
	int tpg_valid;       /* TPGDE: the ALUA states below are meaningful */
	int state_cur;       /* ALUA state of this controller's ports (enum alua_state) */
	int state_alt;       /* ... of the alternate controller's ports */
	int unavail_reason;  /* vendor byte for this controller when unavailable */
	int preference;      /* 1 preferred path, 2 secondary path, 0 neither */
};
#define RDAC_C9_MIN 14   /* bytes the decoder needs */
int rdac_decode_c9(const unsigned char *buf, size_t len, struct rdac_c9 *out,
		   char *why, size_t whysz);
/* Is this an RDAC array at all (page identifier "vac1")? 1/0; detect_checker's test. */
int rdac_is_vac1(const unsigned char *buf, size_t len);
/* PATH_UP (owned, or I/O shipping), PATH_GHOST (the other controller owns it), PATH_DOWN
 * (LUN not connected, controller unavailable or starting up; reason in why). */
enum path_state rdac_path_state(const struct rdac_c9 *c, char *why, size_t whysz);
/* multipath-tools' rdac prio: owned 2, preferred 4, secondary 1, I/O shipping 8 (summed). */
int rdac_prio(const struct rdac_c9 *c);

/* ---- EMC CLARiiON / VNX / Unity: INQUIRY VPD 0xC0 ---- */
struct emc_c0 {
	int lun_state;          /* 0 unbound (or LUNZ), 1 bound, 2 bound and owned by this SP */
	int default_sp;         /* SP that owns the LU by default */
	int path_sp;            /* SP this path goes through */
	int initiator_type;     /* effective initiator type (3 expected) */
	int failover_mode;      /* low 3 bits of byte 28 (4 or 6 expected) */
	int arraycommpath;      /* 1 when set */
	int lun_operations;     /* 0: normal operations */
	unsigned char wwn[16];  /* the LU's WWN */
};
#define EMC_C0_MIN 49
int emc_decode_c0(const unsigned char *buf, size_t len, struct emc_c0 *out,
		  char *why, size_t whysz);
/* PATH_UP, or PATH_DOWN with the reason. *read_test is set when the path is the owning SP's:
 * the caller then reads block 0, and a read failing with 05/25/01 means an inactive snapshot. */
enum path_state emc_path_state(const struct emc_c0 *c, int *read_test, char *why, size_t whysz);
/* multipath-tools' emc prio: 1 on the LU's default SP, else 0. */
int emc_prio(const struct emc_c0 *c);
/* The owning SP's read of block 0 failed with this sense: an inactive snapshot LU? */
int emc_inactive_snapshot(int key, int asc, int ascq);

/* ---- HP active/standby (HSG80, MSA/HSV in active/standby mode): TEST UNIT READY ---- */
/* Checker: inq_r is the result of INQUIRY VPD 0x80 (the controller answers), tur_r that of
 * TEST UNIT READY; a controller that answers but is not ready is the standby one (ghost). */
enum path_state hp_sw_path_state(int inq_r, int tur_r, char *why, size_t whysz);
/* Prio: 4 active (TUR good), 2 standby (NOT READY 04/02), 0 failed. key/asc/ascq -1: none. */
int hp_sw_prio(int tur_r, int key, int asc, int ascq);

/* ---- Hitachi modular (DF600 / AMS): standard INQUIRY, vendor bytes 44-50 ---- */
/* 1 when the controller (byte 49) and the LDEV's last hex digit (byte 47) have the same
 * parity, else 0; -EPROTO on a short or malformed answer. */
int hds_prio(const unsigned char *inq, size_t len, char *why, size_t whysz);

/* ---- NetApp ONTAP (native, not ALUA) ---- */
enum ontap_proto { ONTAP_UNKNOWN = 0, ONTAP_ISCSI_SW, ONTAP_ISCSI_HW };
/* The answer to GET VENDOR ATTRIBUTES (opcode 0xc0) page 0x41: which iSCSI stack serves the
 * LU. ONTAP_UNKNOWN (FCP or unsaid) when the page is empty; -EPROTO if malformed. */
int ontap_decode_gva41(const unsigned char *buf, size_t len, enum ontap_proto *proto,
		       char *why, size_t whysz);
/* INQUIRY VPD 0xC1: is this an FCP proxy (partner) path? 0/1 in *proxy, or -EPROTO. */
int ontap_decode_proxy_c1(const unsigned char *buf, size_t len, int *proxy,
			  char *why, size_t whysz);
/* 4 FCP direct (or unknown), 3 iSCSI HBA, 2 iSCSI software, 1 FCP proxy. proxy < 0: unknown. */
int ontap_prio(enum ontap_proto proto, int proxy);
/* The 10-byte GVA command for page pg, allocation length alloc. */
void ontap_gva_cdb(unsigned char cdb[10], int pg, int alloc);

/* ---- DataCore SANsymphony / SANmelody: standard INQUIRY bytes 112-127 (SDS name) ---- */
struct datacore_args {
	char preferredsds[64];
	int timeout_ms;      /* 0: the checker timeout */
};
/* "preferredsds=NAME", with an optional "timeout=MS" before or after it. */
int datacore_parse_args(const char *args, struct datacore_args *out, char *why, size_t whysz);
/* 1 when the SDS name the path leads to contains the preferred one, else 0; -EPROTO if short. */
int datacore_prio(const unsigned char *inq, size_t len, const struct datacore_args *a,
		  char *why, size_t whysz);

/* ---- iet: iSCSI paths to a preferred portal IP ---- */
/* "preferredip=A.B.C.D" -> ip. */
int iet_parse_args(const char *args, char *ip, size_t ipsz, char *why, size_t whysz);
/* The first dotted-quad IPv4 address in s (a /dev/disk/by-path name or a portal address)
 * into ip; 0 or -ENOENT. */
int iet_find_ipv4(const char *s, char *ip, size_t ipsz);
/* 20 when the path's portal address is the preferred IP, else 10. */
int iet_prio(const char *portal_ip, const char *preferred);

/* ---- weightedpath: prio_args "<hbtl|devname|serial|wwn> <regex> <prio> ..." ---- */
struct weighted_ids {
	const char *hbtl;     /* "H:B:T:L" */
	const char *devname;  /* "sdb" */
	const char *serial;
	const char *wwn;      /* "host_wwnn:host_wwpn:target_wwnn:target_wwpn" */
};
/* Which identity the args select (0 hbtl, 1 devname, 2 serial, 3 wwn) or -EINVAL. */
int weighted_kind(const char *args, char *why, size_t whysz);
/* The prio of the first regex that matches the path's selected identity; 0 when none does.
 * -EINVAL for malformed args (a bad regex, a missing or non-numeric prio). */
int weighted_prio(const char *args, const struct weighted_ids *ids, int *prio,
		  char *why, size_t whysz);

/* ---- path_latency: prio_args "io_num=N base_num=B" ---- */
#define LATENCY_DEF_IO_NUM 100
#define LATENCY_DEF_BASE   1.77827941004   /* 10^(1/4): 4 priority steps per factor 10 */
/* io_num 20..200, base_num 1.1..10. Malformed or out of range: -EINVAL (the caller then
 * uses the defaults above, as multipath-tools does). */
int latency_parse_args(const char *args, int *io_num, double *base, char *why, size_t whysz);
/* Priority from n read latencies (microseconds) on a logarithmic scale of base between 1 us
 * and 100 s: lower latency, higher prio; latencies of 0 count as the minimum. */
int latency_prio(const double *us, size_t n, double base);

#endif
