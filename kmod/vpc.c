// SPDX-License-Identifier: GPL-2.0
/*
 * VPCs, their subnets and their route tables.  A switch holds few VPCs (one
 * per tenant network present on the host), so they sit on RCU lists; a
 * route lookup is a longest-prefix-first scan, done only by the slow path.
 */
#include <linux/rculist.h>
#include <linux/slab.h>
#include <uapi/linux/vpcsw.h>

#include "addr.h"
#include "conntrack.h"
#include "mapping.h"
#include "port.h"
#include "sg.h"
#include "switch.h"
#include "vpc.h"

struct vpcsw_vpc *vpcsw_vpc_find(struct vpcsw_switch *sw, u32 id)
{
	struct vpcsw_vpc *vpc;

	list_for_each_entry_rcu(vpc, &sw->vpcs, list, lockdep_rtnl_is_held())
		if (vpc->id == id)
			return vpc;
	return NULL;
}

struct vpcsw_vpc *vpcsw_vpc_find_vni(struct vpcsw_switch *sw, u32 vni)
{
	struct vpcsw_vpc *vpc;

	list_for_each_entry_rcu(vpc, &sw->vpcs, list, lockdep_rtnl_is_held())
		if (vpc->vni == vni)
			return vpc;
	return NULL;
}

/*
 * Zones are per network namespace, shared by every switch in it: two VPCs
 * in one zone would see each other's connections, so none may share.
 */
static bool zone_taken(struct net *net, u16 zone)
{
	struct net_device *dev;
	struct vpcsw_vpc *vpc;

	ASSERT_RTNL();
	for_each_netdev(net, dev) {
		struct vpcsw_switch *sw;

		if (!netif_is_vpcsw(dev))
			continue;
		sw = netdev_priv(dev);
		list_for_each_entry(vpc, &sw->vpcs, list)
			if (vpc->ct_zone == zone)
				return true;
	}
	return false;
}

/* CT_ZONE < 0: the VPC id is the zone. */
int vpcsw_vpc_add(struct vpcsw_switch *sw, u32 id, u32 vni, u32 flags,
		  int ct_zone, struct netlink_ext_ack *extack)
{
	struct net *net = dev_net(sw->dev);
	struct vpcsw_vpc *vpc;

	ASSERT_RTNL();
	if (vpcsw_vpc_find(sw, id)) {
		NL_SET_ERR_MSG(extack, "a VPC with this id already exists");
		return -EEXIST;
	}
	if (vpcsw_vpc_find_vni(sw, vni)) {
		NL_SET_ERR_MSG(extack, "another VPC of this switch uses this VNI");
		return -EEXIST;
	}
	if (ct_zone < 0) {
		if (id > U16_MAX) {
			NL_SET_ERR_MSG(extack, "VPC id does not fit a conntrack zone (16 bits): give a zone (ct-zone)");
			return -ERANGE;
		}
		ct_zone = id;
	}
	if (!ct_zone) {
		NL_SET_ERR_MSG(extack, "conntrack zone 0 is the host's own");
		return -EINVAL;
	}
	if (zone_taken(net, ct_zone)) {
		NL_SET_ERR_MSG(extack, "conntrack zone is used by another VPC in this network namespace");
		return -EEXIST;
	}
	vpc = kzalloc(sizeof(*vpc), GFP_KERNEL);
	if (!vpc)
		return -ENOMEM;
	vpc->ct_tmpl = vpcsw_ct_zone_alloc(net, ct_zone);
	if (!vpc->ct_tmpl) {
		kfree(vpc);
		return -ENOMEM;
	}
	vpc->ct_zone = ct_zone;
	vpc->id = id;
	vpc->vni = vni;
	vpc->flags = flags;
	INIT_LIST_HEAD(&vpc->subnets);
	INIT_LIST_HEAD(&vpc->routes);
	list_add_tail_rcu(&vpc->list, &sw->vpcs);
	vpcsw_switch_changed(sw);
	return 0;
}

static void vpc_free_rcu(struct rcu_head *head)
{
	struct vpcsw_vpc *vpc = container_of(head, struct vpcsw_vpc, rcu);

	vpcsw_ct_zone_free(vpc->ct_tmpl);
	kfree(vpc);
}

/* Readers may still walk the lists: everything goes after a grace period. */
int vpcsw_vpc_del(struct vpcsw_switch *sw, struct vpcsw_vpc *vpc,
		  struct netlink_ext_ack *extack)
{
	struct vpcsw_subnet *subnet, *stmp;
	struct vpcsw_route *route, *rtmp;
	int err;

	ASSERT_RTNL();
	/* its ports go first: the only step that can fail */
	err = vpcsw_port_leave_vpc(sw, vpc->id);
	if (err)
		return err;
	list_del_rcu(&vpc->list);
	vpcsw_switch_changed(sw);
	/*
	 * No packet may track a connection in the zone after the flush: a
	 * later VPC given the same zone must not inherit "established" state.
	 */
	synchronize_net();
	vpcsw_ct_flush(dev_net(sw->dev), vpc->ct_zone, NULL, NULL);
	vpcsw_mapping_del_vpc(sw, vpc->id);
	vpcsw_sg_del_vpc(sw, vpc->id);
	list_for_each_entry_safe(subnet, stmp, &vpc->subnets, list) {
		list_del_rcu(&subnet->list);
		kfree_rcu(subnet, rcu);
	}
	list_for_each_entry_safe(route, rtmp, &vpc->routes, list) {
		list_del_rcu(&route->list);
		kfree_rcu(route, rcu);
	}
	/* packets hold the zone template only while they run: RCU */
	call_rcu(&vpc->rcu, vpc_free_rcu);
	return 0;
}

void vpcsw_vpc_del_all(struct vpcsw_switch *sw)
{
	struct vpcsw_vpc *vpc, *tmp;

	/* the ports are gone: nothing can refuse */
	list_for_each_entry_safe(vpc, tmp, &sw->vpcs, list)
		vpcsw_vpc_del(sw, vpc, NULL);
}

struct vpcsw_subnet *vpcsw_subnet_find(struct vpcsw_vpc *vpc,
				       const struct in6_addr *prefix, u8 plen)
{
	struct vpcsw_subnet *subnet;

	list_for_each_entry_rcu(subnet, &vpc->subnets, list,
				lockdep_rtnl_is_held())
		if (subnet->plen == plen && ipv6_addr_equal(&subnet->prefix, prefix))
			return subnet;
	return NULL;
}

int vpcsw_subnet_add(struct vpcsw_switch *sw, struct vpcsw_vpc *vpc,
		     const struct in6_addr *prefix, u8 plen,
		     const struct in6_addr *gateway,
		     struct netlink_ext_ack *extack)
{
	unsigned int plen128 = vpcsw_plen128(prefix, plen);
	struct vpcsw_subnet *subnet;

	ASSERT_RTNL();
	list_for_each_entry(subnet, &vpc->subnets, list) {
		unsigned int other = vpcsw_plen128(&subnet->prefix, subnet->plen);

		if (vpcsw_addr_in_prefix(prefix, &subnet->prefix, min(other, plen128))) {
			NL_SET_ERR_MSG(extack, "subnet overlaps an existing subnet of the VPC");
			return -EEXIST;
		}
	}
	subnet = kzalloc(sizeof(*subnet), GFP_KERNEL);
	if (!subnet)
		return -ENOMEM;
	subnet->prefix = *prefix;
	subnet->plen = plen;
	subnet->gateway = *gateway;
	list_add_tail_rcu(&subnet->list, &vpc->subnets);
	vpcsw_switch_changed(sw);
	return 0;
}

void vpcsw_subnet_del(struct vpcsw_switch *sw, struct vpcsw_subnet *subnet)
{
	ASSERT_RTNL();
	list_del_rcu(&subnet->list);
	vpcsw_switch_changed(sw);
	kfree_rcu(subnet, rcu);
}

bool vpcsw_vpc_is_gateway_ip(struct vpcsw_vpc *vpc, const struct in6_addr *ip)
{
	struct vpcsw_subnet *subnet;

	list_for_each_entry_rcu(subnet, &vpc->subnets, list)
		if (ipv6_addr_equal(&subnet->gateway, ip))
			return true;
	return false;
}

struct vpcsw_route *vpcsw_route_find(struct vpcsw_vpc *vpc,
				     const struct in6_addr *prefix, u8 plen)
{
	struct vpcsw_route *route;

	list_for_each_entry_rcu(route, &vpc->routes, list, lockdep_rtnl_is_held())
		if (route->plen == plen && ipv6_addr_equal(&route->prefix, prefix))
			return route;
	return NULL;
}

int vpcsw_route_add(struct vpcsw_switch *sw, struct vpcsw_vpc *vpc,
		    const struct in6_addr *prefix, u8 plen, u8 type,
		    const struct in6_addr *via, struct netlink_ext_ack *extack)
{
	unsigned int plen128 = vpcsw_plen128(prefix, plen);
	struct vpcsw_route *route, *pos;

	ASSERT_RTNL();
	if (vpcsw_route_find(vpc, prefix, plen)) {
		NL_SET_ERR_MSG(extack, "a route for this prefix already exists in the VPC");
		return -EEXIST;
	}
	route = kzalloc(sizeof(*route), GFP_KERNEL);
	if (!route)
		return -ENOMEM;
	route->prefix = *prefix;
	route->plen = plen;
	route->type = type;
	if (via)
		route->via = *via;

	/* keep the list longest prefix first: the first match wins */
	list_for_each_entry(pos, &vpc->routes, list) {
		if (vpcsw_plen128(&pos->prefix, pos->plen) < plen128) {
			list_add_tail_rcu(&route->list, &pos->list);
			goto added;
		}
	}
	list_add_tail_rcu(&route->list, &vpc->routes);
added:
	vpcsw_switch_changed(sw);
	return 0;
}

void vpcsw_route_del(struct vpcsw_switch *sw, struct vpcsw_route *route)
{
	ASSERT_RTNL();
	list_del_rcu(&route->list);
	vpcsw_switch_changed(sw);
	kfree_rcu(route, rcu);
}

/*
 * Longest prefix match over the explicit routes and the subnets, which
 * are implicit "local" routes of their prefix.  Caller holds RCU.
 */
void vpcsw_route_lookup(struct vpcsw_vpc *vpc, const struct in6_addr *dst,
			struct vpcsw_route_result *res)
{
	struct vpcsw_subnet *subnet;
	struct vpcsw_route *route;
	int best = -1;

	res->type = VPCSW_ROUTE_UNSPEC;
	list_for_each_entry_rcu(route, &vpc->routes, list) {
		unsigned int plen128 = vpcsw_plen128(&route->prefix, route->plen);

		if (vpcsw_addr_in_prefix(dst, &route->prefix, plen128)) {
			best = plen128;
			res->type = route->type;
			res->via = route->via;
			break;
		}
	}
	list_for_each_entry_rcu(subnet, &vpc->subnets, list) {
		int plen128 = vpcsw_plen128(&subnet->prefix, subnet->plen);

		if (plen128 > best &&
		    vpcsw_addr_in_prefix(dst, &subnet->prefix, plen128)) {
			best = plen128;
			res->type = VPCSW_ROUTE_LOCAL;
		}
	}
}

/*
 * The gateway that serves DST when this host cannot resolve it: the
 * longest gateway route covering it (the VPC's default for misses).
 */
bool vpcsw_route_gateway_for(struct vpcsw_vpc *vpc, const struct in6_addr *dst,
			     struct in6_addr *via)
{
	struct vpcsw_route *route;

	list_for_each_entry_rcu(route, &vpc->routes, list) {
		if (route->type == VPCSW_ROUTE_GATEWAY &&
		    vpcsw_addr_in_prefix(dst, &route->prefix,
					 vpcsw_plen128(&route->prefix, route->plen))) {
			*via = route->via;
			return true;
		}
	}
	return false;
}

/* Is UNDERLAY the host of one of the VPC's gateway routes? */
bool vpcsw_vpc_is_gateway_host(struct vpcsw_vpc *vpc,
			       const struct in6_addr *underlay)
{
	struct vpcsw_route *route;

	list_for_each_entry_rcu(route, &vpc->routes, list)
		if (route->type == VPCSW_ROUTE_GATEWAY &&
		    ipv6_addr_equal(&route->via, underlay))
			return true;
	return false;
}
