/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vpcsw - generic netlink family "vpcsw", the control interface of the
 * vpcsw virtual switch.
 *
 * Every request names its switch with VPCSW_A_SWITCH_IFINDEX or
 * VPCSW_A_SWITCH_IFNAME, resolved in the sender's network namespace.
 * Every request needs CAP_NET_ADMIN in the user namespace owning that
 * network namespace.  A rejected request changes nothing and carries an
 * extack message naming the offending attribute.
 *
 * Commands and attributes (this tree is the reference):
 *
 * VPCSW_CMD_SWITCH_GET (doit, dumpit)
 *   request:  VPCSW_A_SWITCH_IFINDEX  u32   or
 *             VPCSW_A_SWITCH_IFNAME   string
 *             (a dump without either lists every switch of the namespace)
 *   reply:    VPCSW_A_SWITCH_IFINDEX  u32
 *             VPCSW_A_SWITCH_IFNAME   string
 */
#ifndef _UAPI_LINUX_VPCSW_H
#define _UAPI_LINUX_VPCSW_H

#define VPCSW_GENL_NAME		"vpcsw"
#define VPCSW_GENL_VERSION	1

enum vpcsw_cmd {
	VPCSW_CMD_UNSPEC,
	VPCSW_CMD_SWITCH_GET,

	__VPCSW_CMD_MAX,
};

#define VPCSW_CMD_MAX (__VPCSW_CMD_MAX - 1)

enum vpcsw_attr {
	VPCSW_A_UNSPEC,
	VPCSW_A_SWITCH_IFINDEX,		/* u32 */
	VPCSW_A_SWITCH_IFNAME,		/* string, < IFNAMSIZ */

	__VPCSW_A_MAX,
};

#define VPCSW_A_MAX (__VPCSW_A_MAX - 1)

#endif /* _UAPI_LINUX_VPCSW_H */
