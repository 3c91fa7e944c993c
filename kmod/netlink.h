/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_NETLINK_H
#define _VPCSW_NETLINK_H

#include <linux/in6.h>
#include <linux/types.h>

struct vpcsw_switch;

int vpcsw_genl_init(void);
void vpcsw_genl_exit(void);

/*
 * Announces an address the datapath could not resolve on the "miss"
 * group, so an agent can fetch its mapping.  Softirq-safe, rate limited,
 * and free when nobody listens.
 */
void vpcsw_nl_notify_miss(struct vpcsw_switch *sw, u32 vpc_id,
			  const struct in6_addr *ip,
			  const struct in6_addr *tun_src, u32 reason);

#endif /* _VPCSW_NETLINK_H */
