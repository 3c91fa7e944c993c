/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_VPC_H
#define _VPCSW_VPC_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/netlink.h>

struct vpcsw_switch;
struct nf_conn;

struct vpcsw_subnet {
	struct list_head list;		/* in vpc->subnets, RCU */
	struct in6_addr prefix;
	u8 plen;			/* in the prefix's own family */
	struct in6_addr gateway;
	struct rcu_head rcu;
};

struct vpcsw_route {
	struct list_head list;		/* in vpc->routes, longest first, RCU */
	struct in6_addr prefix;
	u8 plen;
	u8 type;			/* enum vpcsw_route_type */
	struct in6_addr via;		/* gateway underlay IP or overlay next hop */
	struct rcu_head rcu;
};

struct vpcsw_vpc {
	struct list_head list;		/* in sw->vpcs, RCU */
	u32 id;
	u32 vni;
	u32 flags;			/* VPCSW_VPC_F_* */
	u16 ct_zone;			/* its connections' conntrack zone */
	struct nf_conn *ct_tmpl;	/* puts packets in that zone */
	struct list_head subnets;
	struct list_head routes;
	struct rcu_head rcu;
};

/* What a route lookup found: subnets act as implicit local routes. */
struct vpcsw_route_result {
	u8 type;			/* enum vpcsw_route_type, 0 = none */
	struct in6_addr via;
};

struct vpcsw_vpc *vpcsw_vpc_find(struct vpcsw_switch *sw, u32 id);
struct vpcsw_vpc *vpcsw_vpc_find_vni(struct vpcsw_switch *sw, u32 vni);
int vpcsw_vpc_add(struct vpcsw_switch *sw, u32 id, u32 vni, u32 flags,
		  int ct_zone, struct netlink_ext_ack *extack);
int vpcsw_vpc_del(struct vpcsw_switch *sw, struct vpcsw_vpc *vpc,
		  struct netlink_ext_ack *extack);
void vpcsw_vpc_del_all(struct vpcsw_switch *sw);

struct vpcsw_subnet *vpcsw_subnet_find(struct vpcsw_vpc *vpc,
				       const struct in6_addr *prefix, u8 plen);
int vpcsw_subnet_add(struct vpcsw_switch *sw, struct vpcsw_vpc *vpc,
		     const struct in6_addr *prefix, u8 plen,
		     const struct in6_addr *gateway,
		     struct netlink_ext_ack *extack);
void vpcsw_subnet_del(struct vpcsw_switch *sw, struct vpcsw_subnet *subnet);
bool vpcsw_vpc_is_gateway_ip(struct vpcsw_vpc *vpc, const struct in6_addr *ip);

struct vpcsw_route *vpcsw_route_find(struct vpcsw_vpc *vpc,
				     const struct in6_addr *prefix, u8 plen);
int vpcsw_route_add(struct vpcsw_switch *sw, struct vpcsw_vpc *vpc,
		    const struct in6_addr *prefix, u8 plen, u8 type,
		    const struct in6_addr *via, struct netlink_ext_ack *extack);
void vpcsw_route_del(struct vpcsw_switch *sw, struct vpcsw_route *route);
void vpcsw_route_lookup(struct vpcsw_vpc *vpc, const struct in6_addr *dst,
			struct vpcsw_route_result *res);
bool vpcsw_route_gateway_for(struct vpcsw_vpc *vpc, const struct in6_addr *dst,
			     struct in6_addr *via);
bool vpcsw_vpc_is_gateway_host(struct vpcsw_vpc *vpc,
			       const struct in6_addr *underlay);

#endif /* _VPCSW_VPC_H */
