/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_SWITCH_H
#define _VPCSW_SWITCH_H

#include <linux/netdevice.h>
#include <net/rtnetlink.h>

/* A switch: one netdev of kind "vpcsw", its private area is this struct. */
struct vpcsw_switch {
	struct net_device *dev;
};

extern struct rtnl_link_ops vpcsw_link_ops;

static inline bool netif_is_vpcsw(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &vpcsw_link_ops;
}

int vpcsw_switch_init(void);
void vpcsw_switch_exit(void);

#endif /* _VPCSW_SWITCH_H */
