/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_TUNNEL_H
#define _VPCSW_TUNNEL_H

#include <linux/netdevice.h>

struct vpcsw_switch;
struct metadata_dst;

struct net_device *vpcsw_tunnel_create(struct vpcsw_switch *sw, u8 encap,
				       u16 udp_port,
				       struct netlink_ext_ack *extack);
void vpcsw_tunnel_destroy(struct net_device *dev, struct list_head *kill);
bool netif_is_vpcsw_tunnel(const struct net_device *dev);
struct vpcsw_switch *vpcsw_tunnel_switch_rtnl(const struct net_device *dev);
struct metadata_dst *vpcsw_tunnel_md_alloc(const struct in6_addr *src,
					   const struct in6_addr *dst, u32 vni,
					   bool cache_route);
void vpcsw_tunnel_md_dst(const struct metadata_dst *md, struct in6_addr *dst,
			 u32 *vni);

#endif /* _VPCSW_TUNNEL_H */
