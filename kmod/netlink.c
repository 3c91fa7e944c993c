// SPDX-License-Identifier: GPL-2.0
/*
 * The "vpcsw" generic netlink family: policies, request parsing, replies,
 * dumps and notifications.  Object code never sees netlink attributes;
 * this file translates, and every rejection says which attribute and why.
 *
 * Requests that change state run under RTNL (see DOC: Locking in
 * switch.h), validate everything before changing anything, and announce
 * the change on the "events" group.  Dumps run under RCU, carry the
 * switch generation in cb->seq and flag NLM_F_DUMP_INTR when it moved.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/ratelimit.h>
#include <linux/rhashtable.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>
#include <uapi/linux/vpcsw.h>

#include "addr.h"
#include "compat.h"
#include "conntrack.h"
#include "mapping.h"
#include "netlink.h"
#include "port.h"
#include "sg.h"
#include "switch.h"
#include "tunnel.h"
#include "vpc.h"

enum vpcsw_mcgrp {
	VPCSW_MCGRP_EVENTS_ID,
	VPCSW_MCGRP_MISS_ID,
};

static const struct genl_multicast_group vpcsw_mcgrps[] = {
	/* tenants' addresses: only for those who may configure the switch */
	[VPCSW_MCGRP_EVENTS_ID]	= { .name = VPCSW_MCGRP_EVENTS,
				    .flags = GENL_MCAST_CAP_NET_ADMIN, },
	[VPCSW_MCGRP_MISS_ID]	= { .name = VPCSW_MCGRP_MISS,
				    .flags = GENL_MCAST_CAP_NET_ADMIN, },
};

static struct genl_family vpcsw_genl_family;

/* ---- attribute validation ---------------------------------------------- */

static int validate_ip(const struct nlattr *attr, struct netlink_ext_ack *extack)
{
	if (nla_len(attr) != 4 && nla_len(attr) != 16) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "IP address must be 4 (IPv4) or 16 (IPv6) bytes");
		return -EINVAL;
	}
	return 0;
}

#define IP_POLICY	NLA_POLICY_VALIDATE_FN(NLA_BINARY, validate_ip, 16)
#define MAC_POLICY	NLA_POLICY_EXACT_LEN(ETH_ALEN)
#define SWITCH_POLICY							\
	[VPCSW_A_SWITCH_IFINDEX]	= { .type = NLA_U32 },		\
	[VPCSW_A_SWITCH_IFNAME]		= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 }

static struct netlink_range_validation flow_idle_range = {
	.min = 100,
	.max = 86400000,	/* a day */
};

static struct netlink_range_validation ct_timeout_range = {
	.max = VPCSW_CT_TIMEOUT_MAX,
};

static struct netlink_range_validation vni_range = {
	.max = 0xffffff,	/* 24 bits */
};

static const struct nla_policy switch_get_policy[VPCSW_A_MAX + 1] = {
	SWITCH_POLICY,
};

static const struct nla_policy switch_set_policy[VPCSW_A_MAX + 1] = {
	SWITCH_POLICY,
	[VPCSW_A_UNDERLAY_IP]		= IP_POLICY,
	[VPCSW_A_ENCAP]			= NLA_POLICY_MAX(NLA_U8, VPCSW_ENCAP_MAX),
	[VPCSW_A_UDP_PORT]		= NLA_POLICY_MIN(NLA_U16, 1),
	[VPCSW_A_FLOW_LIMIT]		= NLA_POLICY_MIN(NLA_U32, 1),
	[VPCSW_A_PORT_FLOW_LIMIT]	= NLA_POLICY_MIN(NLA_U32, 1),
	[VPCSW_A_FLOW_IDLE_MS]		= NLA_POLICY_FULL_RANGE(NLA_U32, &flow_idle_range),
	[VPCSW_A_ROUTER_MAC]		= MAC_POLICY,
	[VPCSW_A_MAPPING_LIMIT]		= NLA_POLICY_MIN(NLA_U32, 1),
	[VPCSW_A_PORT_SG_LIMIT]		= NLA_POLICY_RANGE(NLA_U32, 1, VPCSW_SG_MAX_PER_PORT),
	[VPCSW_A_CT_TCP_TIMEOUT]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ct_timeout_range),
	[VPCSW_A_CT_UDP_TIMEOUT]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ct_timeout_range),
	[VPCSW_A_CT_ICMP_TIMEOUT]	= NLA_POLICY_FULL_RANGE(NLA_U32, &ct_timeout_range),
};

static const struct nla_policy vpc_policy[VPCSW_A_MAX + 1] = {
	SWITCH_POLICY,
	[VPCSW_A_VPC_ID]		= NLA_POLICY_MIN(NLA_U32, 1),
	[VPCSW_A_VNI]			= NLA_POLICY_FULL_RANGE(NLA_U32, &vni_range),
	[VPCSW_A_VPC_FLAGS]		= NLA_POLICY_MASK(NLA_U32, VPCSW_VPC_F_ALL),
	[VPCSW_A_CT_ZONE]		= NLA_POLICY_MIN(NLA_U16, 1),
};

static const struct nla_policy subnet_policy[VPCSW_A_MAX + 1] = {
	SWITCH_POLICY,
	[VPCSW_A_VPC_ID]		= NLA_POLICY_MIN(NLA_U32, 1),
	[VPCSW_A_PREFIX]		= IP_POLICY,
	[VPCSW_A_PREFIX_LEN]		= NLA_POLICY_MAX(NLA_U8, 128),
	[VPCSW_A_GATEWAY_IP]		= IP_POLICY,
};

static const struct nla_policy port_policy[VPCSW_A_MAX + 1] = {
	SWITCH_POLICY,
	[VPCSW_A_PORT_IFINDEX]		= { .type = NLA_U32 },
	[VPCSW_A_PORT_IFNAME]		= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VPCSW_A_VPC_ID]		= NLA_POLICY_MIN(NLA_U32, 1),
	[VPCSW_A_MAC]			= MAC_POLICY,
	[VPCSW_A_IPS]			= { .type = NLA_NESTED },
	[VPCSW_A_PORT_FLOW_LIMIT]	= NLA_POLICY_MIN(NLA_U32, 1),
	[VPCSW_A_SG_IDS]		= { .type = NLA_NESTED },
	[VPCSW_A_PORT_SECURITY]		= NLA_POLICY_MAX(NLA_U8, 1),
	[VPCSW_A_ALLOWED_IPS]		= { .type = NLA_NESTED },
	[VPCSW_A_CT_FLUSH]		= { .type = NLA_FLAG },
};

#define MAPPING_POLICY \
	[VPCSW_A_OVERLAY_IP]		= IP_POLICY, \
	[VPCSW_A_UNDERLAY_IP]		= IP_POLICY, \
	[VPCSW_A_MAC]			= MAC_POLICY, \
	[VPCSW_A_SG_IDS]		= { .type = NLA_NESTED }

static const struct nla_policy mapping_policy[VPCSW_A_MAX + 1] = {
	SWITCH_POLICY,
	[VPCSW_A_VPC_ID]		= NLA_POLICY_MIN(NLA_U32, 1),
	MAPPING_POLICY,
	[VPCSW_A_MAPPINGS]		= { .type = NLA_NESTED },
};

/* a VPCSW_A_MAPPING nest of VPCSW_A_MAPPINGS */
static const struct nla_policy mapping_entry_policy[VPCSW_A_MAX + 1] = {
	MAPPING_POLICY,
};

static const struct nla_policy route_policy[VPCSW_A_MAX + 1] = {
	SWITCH_POLICY,
	[VPCSW_A_VPC_ID]		= NLA_POLICY_MIN(NLA_U32, 1),
	[VPCSW_A_PREFIX]		= IP_POLICY,
	[VPCSW_A_PREFIX_LEN]		= NLA_POLICY_MAX(NLA_U8, 128),
	[VPCSW_A_ROUTE_TYPE]		= NLA_POLICY_RANGE(NLA_U8, 1, VPCSW_ROUTE_MAX),
	[VPCSW_A_UNDERLAY_IP]		= IP_POLICY,
	[VPCSW_A_NEXTHOP_IP]		= IP_POLICY,
};

static const struct nla_policy flow_policy[VPCSW_A_MAX + 1] = {
	SWITCH_POLICY,
};

static const struct nla_policy rule_policy[VPCSW_RULE_A_MAX + 1] = {
	[VPCSW_RULE_A_DIRECTION]	= NLA_POLICY_RANGE(NLA_U8, 1, VPCSW_SG_MAX),
	[VPCSW_RULE_A_PROTO]		= { .type = NLA_U8 },
	[VPCSW_RULE_A_PORT_MIN]		= { .type = NLA_U16 },
	[VPCSW_RULE_A_PORT_MAX]		= { .type = NLA_U16 },
	[VPCSW_RULE_A_ICMP_TYPE]	= { .type = NLA_U8 },
	[VPCSW_RULE_A_ICMP_CODE]	= { .type = NLA_U8 },
	[VPCSW_RULE_A_REMOTE_PREFIX]	= IP_POLICY,
	[VPCSW_RULE_A_REMOTE_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[VPCSW_RULE_A_REMOTE_SG]	= NLA_POLICY_MIN(NLA_U32, 1),
};

static const struct nla_policy sg_policy[VPCSW_A_MAX + 1] = {
	SWITCH_POLICY,
	[VPCSW_A_VPC_ID]		= NLA_POLICY_MIN(NLA_U32, 1),
	[VPCSW_A_SG_ID]			= NLA_POLICY_MIN(NLA_U32, 1),
	[VPCSW_A_SG_NAME]		= { .type = NLA_NUL_STRING, .len = VPCSW_SG_NAME_LEN - 1 },
	[VPCSW_A_SG_RULES]		= { .type = NLA_NESTED },
	[VPCSW_A_CT_FLUSH]		= { .type = NLA_FLAG },
};

static const struct nla_policy ct_policy[VPCSW_A_MAX + 1] = {
	SWITCH_POLICY,
	[VPCSW_A_VPC_ID]		= NLA_POLICY_MIN(NLA_U32, 1),
	[VPCSW_A_PORT_IFINDEX]		= { .type = NLA_U32 },
	[VPCSW_A_PORT_IFNAME]		= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VPCSW_A_SG_ID]			= NLA_POLICY_MIN(NLA_U32, 1),
};

/* ---- request helpers ---------------------------------------------------- */

/* True if the request holds attribute TYPE, else sets the extack MSG. */
#define require(info, type, msg)					\
	({								\
		struct genl_info *__info = (info);			\
		bool __present = !!__info->attrs[type];			\
		if (!__present)						\
			NL_SET_ERR_MSG(__info->extack, msg);		\
		__present;						\
	})

static void get_ip(const struct nlattr *attr, struct in6_addr *ip)
{
	if (nla_len(attr) == 4)
		vpcsw_addr_set_v4(ip, nla_get_in_addr(attr));
	else
		*ip = nla_get_in6_addr(attr);
}

static int put_ip(struct sk_buff *skb, int type, const struct in6_addr *ip)
{
	if (vpcsw_addr_is_v4(ip))
		return nla_put_in_addr(skb, type, vpcsw_addr_v4(ip));
	return nla_put_in6_addr(skb, type, ip);
}

/* A nest of VPCSW_A_SG_ID, at most MAX of them, none twice. */
static int get_sg_ids(const struct nlattr *nest, u32 *ids, u32 *n, u32 max,
		      struct netlink_ext_ack *extack)
{
	const struct nlattr *attr;
	int rem;
	u32 i;

	*n = 0;
	nla_for_each_nested(attr, nest, rem) {
		u32 id;

		if (nla_type(attr) != VPCSW_A_SG_ID || nla_len(attr) != sizeof(u32) ||
		    !nla_get_u32(attr)) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "VPCSW_A_SG_IDS holds only VPCSW_A_SG_ID (u32, not 0)");
			return -EINVAL;
		}
		if (*n == max) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "too many security groups (see the switch's port-sg-limit)");
			return -E2BIG;
		}
		id = nla_get_u32(attr);
		for (i = 0; i < *n; i++) {
			if (ids[i] == id) {
				NL_SET_ERR_MSG_ATTR(extack, attr, "security group listed twice");
				return -EINVAL;
			}
		}
		ids[(*n)++] = id;
	}
	return 0;
}

static int put_sg_ids(struct sk_buff *skb, const u32 *ids, u32 n)
{
	struct nlattr *nest = nla_nest_start(skb, VPCSW_A_SG_IDS);
	u32 i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++)
		if (nla_put_u32(skb, VPCSW_A_SG_ID, ids[i]))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* A prefix and its length, in one family, with no host bits set. */
static int get_prefix(struct genl_info *info, struct in6_addr *prefix, u8 *plen)
{
	struct nlattr *attr = info->attrs[VPCSW_A_PREFIX];
	struct in6_addr masked;

	if (!require(info, VPCSW_A_PREFIX, "missing VPCSW_A_PREFIX (the prefix address)") ||
	    !require(info, VPCSW_A_PREFIX_LEN, "missing VPCSW_A_PREFIX_LEN"))
		return -EINVAL;
	get_ip(attr, prefix);
	*plen = nla_get_u8(info->attrs[VPCSW_A_PREFIX_LEN]);
	if (vpcsw_addr_is_v4(prefix) && *plen > 32) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VPCSW_A_PREFIX_LEN],
				    "IPv4 prefix length must be at most 32");
		return -EINVAL;
	}
	ipv6_addr_prefix(&masked, prefix, vpcsw_plen128(prefix, *plen));
	if (!ipv6_addr_equal(&masked, prefix)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "prefix has host bits set beyond its length");
		return -EINVAL;
	}
	return 0;
}

/*
 * The switch a request names, in the sender's namespace.  Under RTNL the
 * device cannot go away until the request is done.
 */
static struct vpcsw_switch *get_switch(struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct net_device *dev;
	struct nlattr *attr;

	ASSERT_RTNL();
	attr = info->attrs[VPCSW_A_SWITCH_IFINDEX];
	if (attr) {
		dev = __dev_get_by_index(net, nla_get_u32(attr));
	} else {
		attr = info->attrs[VPCSW_A_SWITCH_IFNAME];
		if (!attr) {
			NL_SET_ERR_MSG(info->extack, "switch not named: give VPCSW_A_SWITCH_IFINDEX or VPCSW_A_SWITCH_IFNAME");
			return ERR_PTR(-EINVAL);
		}
		dev = __dev_get_by_name(net, nla_data(attr));
	}
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such switch device");
		return ERR_PTR(-ENODEV);
	}
	if (!netif_is_vpcsw(dev)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "device is not a vpcsw switch");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return netdev_priv(dev);
}

/* For dumps: the switch by ifindex or name from the request, under RCU. */
static struct vpcsw_switch *dump_switch(struct netlink_callback *cb)
{
	struct nlattr **attrs = vpcsw_dumpit_attrs(cb);
	struct net *net = sock_net(cb->skb->sk);
	struct net_device *dev = NULL;

	if (attrs[VPCSW_A_SWITCH_IFINDEX])
		dev = dev_get_by_index_rcu(net, nla_get_u32(attrs[VPCSW_A_SWITCH_IFINDEX]));
	else if (attrs[VPCSW_A_SWITCH_IFNAME])
		dev = dev_get_by_name_rcu(net, nla_data(attrs[VPCSW_A_SWITCH_IFNAME]));
	if (!dev || !netif_is_vpcsw(dev)) {
		NL_SET_ERR_MSG(cb->extack, "no such vpcsw switch: name it with VPCSW_A_SWITCH_IFINDEX or VPCSW_A_SWITCH_IFNAME");
		return NULL;
	}
	return netdev_priv(dev);
}

static struct vpcsw_vpc *get_vpc(struct vpcsw_switch *sw, struct genl_info *info)
{
	struct vpcsw_vpc *vpc;

	if (!require(info, VPCSW_A_VPC_ID, "missing VPCSW_A_VPC_ID"))
		return NULL;
	vpc = vpcsw_vpc_find(sw, nla_get_u32(info->attrs[VPCSW_A_VPC_ID]));
	if (!vpc)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VPCSW_A_VPC_ID],
				    "no such VPC on this switch");
	return vpc;
}

/* ---- notifications ------------------------------------------------------ */

/* Echoes a successful change to the "events" group, if anyone listens. */
static void notify_event(struct vpcsw_switch *sw, struct genl_info *info)
{
	struct net *net = dev_net(sw->dev);
	size_t len = genlmsg_len(info->genlhdr);
	struct sk_buff *skb;
	void *hdr;

	if (!genl_has_listeners(&vpcsw_genl_family, net, VPCSW_MCGRP_EVENTS_ID))
		return;
	skb = genlmsg_new(len + nla_total_size(sizeof(u32)), GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &vpcsw_genl_family, 0, info->genlhdr->cmd);
	if (!hdr)
		goto err;
	/* listeners get the switch by index even if the request named it */
	if (!info->attrs[VPCSW_A_SWITCH_IFINDEX] &&
	    nla_put_u32(skb, VPCSW_A_SWITCH_IFINDEX, sw->dev->ifindex))
		goto err;
	skb_put_data(skb, genlmsg_data(info->genlhdr), len);
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&vpcsw_genl_family, net, skb, 0,
				VPCSW_MCGRP_EVENTS_ID, GFP_KERNEL);
	return;
err:
	nlmsg_free(skb);
}

static DEFINE_RATELIMIT_STATE(miss_ratelimit, HZ, 1000);

void vpcsw_nl_notify_miss(struct vpcsw_switch *sw, u32 vpc_id,
			  const struct in6_addr *ip,
			  const struct in6_addr *tun_src, u32 reason)
{
	struct net *net = dev_net(sw->dev);
	struct sk_buff *skb;
	void *hdr;

	if (!genl_has_listeners(&vpcsw_genl_family, net, VPCSW_MCGRP_MISS_ID))
		return;
	if (!__ratelimit(&miss_ratelimit))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_ATOMIC);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &vpcsw_genl_family, 0, VPCSW_CMD_MISS);
	if (!hdr ||
	    nla_put_u32(skb, VPCSW_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    nla_put_u32(skb, VPCSW_A_VPC_ID, vpc_id) ||
	    put_ip(skb, VPCSW_A_OVERLAY_IP, ip) ||
	    (tun_src && put_ip(skb, VPCSW_A_FLOW_TUN_SRC, tun_src)) ||
	    nla_put_u32(skb, VPCSW_A_DROP_REASON, reason)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&vpcsw_genl_family, net, skb, 0,
				VPCSW_MCGRP_MISS_ID, GFP_ATOMIC);
}

/* ---- switch ------------------------------------------------------------- */

static int put_counters(struct sk_buff *skb, int type, const u64 *values,
			int max, int pad)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 1; i <= max; i++) {
		if (i == pad)
			continue;
		if (nla_put_u64_64bit(skb, i, values[i], pad))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int fill_switch(struct sk_buff *skb, struct vpcsw_switch *sw,
		       u32 portid, u32 seq, int flags)
{
	u64 stats[VPCSW_STATS_MAX + 1], drops[VPCSW_DROP_MAX + 1];
	struct net_device *tunnel = rcu_dereference_rtnl(sw->tunnel);
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vpcsw_genl_family, flags,
			  VPCSW_CMD_SWITCH_GET);
	if (!hdr)
		return -EMSGSIZE;
	vpcsw_switch_read_stats(sw, stats, drops);
	if (nla_put_u32(skb, VPCSW_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    nla_put_string(skb, VPCSW_A_SWITCH_IFNAME, sw->dev->name) ||
	    (sw->has_underlay && put_ip(skb, VPCSW_A_UNDERLAY_IP, &sw->underlay)) ||
	    nla_put_u8(skb, VPCSW_A_ENCAP, sw->encap) ||
	    (sw->encap && nla_put_u16(skb, VPCSW_A_UDP_PORT, sw->udp_port)) ||
	    (tunnel && nla_put_u32(skb, VPCSW_A_TUNNEL_IFINDEX, tunnel->ifindex)) ||
	    nla_put_u32(skb, VPCSW_A_FLOW_LIMIT, READ_ONCE(sw->flows.limit)) ||
	    nla_put_u32(skb, VPCSW_A_PORT_FLOW_LIMIT, sw->port_flow_limit) ||
	    nla_put_u32(skb, VPCSW_A_FLOW_IDLE_MS, sw->flow_idle_ms) ||
	    nla_put(skb, VPCSW_A_ROUTER_MAC, ETH_ALEN, sw->router_mac) ||
	    nla_put_u32(skb, VPCSW_A_FLOW_COUNT, atomic_read(&sw->flows.count)) ||
	    nla_put_u32(skb, VPCSW_A_MAPPING_LIMIT, READ_ONCE(sw->mapping_limit)) ||
	    nla_put_u32(skb, VPCSW_A_MAPPING_COUNT, READ_ONCE(sw->n_mappings)) ||
	    nla_put_u32(skb, VPCSW_A_PORT_SG_LIMIT, READ_ONCE(sw->port_sg_limit)) ||
	    nla_put_u32(skb, VPCSW_A_CT_TCP_TIMEOUT, READ_ONCE(sw->ct_timeout[VPCSW_CT_TCP])) ||
	    nla_put_u32(skb, VPCSW_A_CT_UDP_TIMEOUT, READ_ONCE(sw->ct_timeout[VPCSW_CT_UDP])) ||
	    nla_put_u32(skb, VPCSW_A_CT_ICMP_TIMEOUT, READ_ONCE(sw->ct_timeout[VPCSW_CT_ICMP])) ||
	    nla_put_u32(skb, VPCSW_A_GENERATION, vpcsw_generation(sw)) ||
	    put_counters(skb, VPCSW_A_STATS, stats, VPCSW_STATS_MAX, VPCSW_STATS_PAD) ||
	    put_counters(skb, VPCSW_A_DROPS, drops, VPCSW_DROP_MAX, 0)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int reply_switch(struct vpcsw_switch *sw, struct genl_info *info)
{
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = fill_switch(msg, sw, info->snd_portid, info->snd_seq, 0);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

static int switch_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_switch *sw;
	int err;

	rtnl_lock();
	sw = get_switch(info);
	err = IS_ERR(sw) ? PTR_ERR(sw) : reply_switch(sw, info);
	rtnl_unlock();
	return err;
}

static int switch_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct net_device *dev;
	int idx = 0, err = 0;

	rcu_read_lock();
	for_each_netdev_rcu(net, dev) {
		if (!netif_is_vpcsw(dev))
			continue;
		if (idx++ < cb->args[0])
			continue;
		err = fill_switch(skb, netdev_priv(dev), NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err) {
			idx--;
			break;
		}
	}
	rcu_read_unlock();
	cb->args[0] = idx;
	return err && !skb->len ? err : skb->len;
}

static void set_timeout(struct vpcsw_switch *sw, enum vpcsw_ct_timeout which,
			const struct nlattr *attr)
{
	if (attr)
		WRITE_ONCE(sw->ct_timeout[which], nla_get_u32(attr));
}

static int switch_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vpcsw_switch *sw;
	struct in6_addr underlay;
	int err = 0;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	/* validate everything first: a rejected request changes nothing */
	if (attrs[VPCSW_A_UNDERLAY_IP]) {
		get_ip(attrs[VPCSW_A_UNDERLAY_IP], &underlay);
		if (!vpcsw_addr_unicast(&underlay)) {
			NL_SET_ERR_MSG_ATTR(info->extack, attrs[VPCSW_A_UNDERLAY_IP],
					    "underlay address must be a unicast address");
			err = -EINVAL;
			goto out;
		}
	}
	if (attrs[VPCSW_A_ROUTER_MAC] &&
	    !is_valid_ether_addr(nla_data(attrs[VPCSW_A_ROUTER_MAC]))) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VPCSW_A_ROUTER_MAC],
				    "router MAC must be unicast and non-zero");
		err = -EINVAL;
		goto out;
	}
	if (attrs[VPCSW_A_UDP_PORT] && !attrs[VPCSW_A_ENCAP] && !sw->encap) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VPCSW_A_UDP_PORT],
				    "a UDP port needs an encapsulation (VPCSW_A_ENCAP)");
		err = -EINVAL;
		goto out;
	}

	/* the only step that can fail once validated comes first */
	if (attrs[VPCSW_A_ENCAP] || attrs[VPCSW_A_UDP_PORT]) {
		u8 encap = attrs[VPCSW_A_ENCAP] ? nla_get_u8(attrs[VPCSW_A_ENCAP]) : sw->encap;
		u16 port = attrs[VPCSW_A_UDP_PORT] ? nla_get_u16(attrs[VPCSW_A_UDP_PORT]) :
			   (attrs[VPCSW_A_ENCAP] ? 0 : sw->udp_port);

		err = vpcsw_switch_set_encap(sw, encap, port, info->extack);
		if (err)
			goto out;
	}
	if (attrs[VPCSW_A_UNDERLAY_IP] &&
	    !(sw->has_underlay && ipv6_addr_equal(&sw->underlay, &underlay))) {
		sw->underlay = underlay;
		WRITE_ONCE(sw->has_underlay, true);
		/* slow paths that read the old address end first */
		synchronize_net();
		vpcsw_mapping_forget_tun_md(sw);
	}
	if (attrs[VPCSW_A_FLOW_LIMIT])
		WRITE_ONCE(sw->flows.limit, nla_get_u32(attrs[VPCSW_A_FLOW_LIMIT]));
	if (attrs[VPCSW_A_PORT_FLOW_LIMIT])
		sw->port_flow_limit = nla_get_u32(attrs[VPCSW_A_PORT_FLOW_LIMIT]);
	if (attrs[VPCSW_A_FLOW_IDLE_MS]) {
		WRITE_ONCE(sw->flow_idle_ms, nla_get_u32(attrs[VPCSW_A_FLOW_IDLE_MS]));
		vpcsw_flow_gc_kick(&sw->flows);
	}
	if (attrs[VPCSW_A_ROUTER_MAC])
		ether_addr_copy(sw->router_mac, nla_data(attrs[VPCSW_A_ROUTER_MAC]));
	/* below the current count: existing mappings stay, new ones wait */
	if (attrs[VPCSW_A_MAPPING_LIMIT])
		WRITE_ONCE(sw->mapping_limit, nla_get_u32(attrs[VPCSW_A_MAPPING_LIMIT]));
	/* below a port's current count: its groups stay, new ones wait */
	if (attrs[VPCSW_A_PORT_SG_LIMIT])
		WRITE_ONCE(sw->port_sg_limit, nla_get_u32(attrs[VPCSW_A_PORT_SG_LIMIT]));
	set_timeout(sw, VPCSW_CT_TCP, attrs[VPCSW_A_CT_TCP_TIMEOUT]);
	set_timeout(sw, VPCSW_CT_UDP, attrs[VPCSW_A_CT_UDP_TIMEOUT]);
	set_timeout(sw, VPCSW_CT_ICMP, attrs[VPCSW_A_CT_ICMP_TIMEOUT]);
	vpcsw_switch_changed(sw);
	notify_event(sw, info);
out:
	rtnl_unlock();
	return err;
}

/* ---- VPC ---------------------------------------------------------------- */

static int fill_vpc(struct sk_buff *skb, struct vpcsw_switch *sw,
		    struct vpcsw_vpc *vpc, u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vpcsw_genl_family, flags,
			  VPCSW_CMD_VPC_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VPCSW_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    nla_put_u32(skb, VPCSW_A_VPC_ID, vpc->id) ||
	    nla_put_u32(skb, VPCSW_A_VNI, vpc->vni) ||
	    nla_put_u32(skb, VPCSW_A_VPC_FLAGS, vpc->flags) ||
	    nla_put_u16(skb, VPCSW_A_CT_ZONE, vpc->ct_zone)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int vpc_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_switch *sw;
	u32 flags = 0;
	int err;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = -EINVAL;
	if (!require(info, VPCSW_A_VPC_ID, "missing VPCSW_A_VPC_ID") ||
	    !require(info, VPCSW_A_VNI, "missing VPCSW_A_VNI"))
		goto out;
	if (info->attrs[VPCSW_A_VPC_FLAGS])
		flags = nla_get_u32(info->attrs[VPCSW_A_VPC_FLAGS]);
	err = vpcsw_vpc_add(sw, nla_get_u32(info->attrs[VPCSW_A_VPC_ID]),
			    nla_get_u32(info->attrs[VPCSW_A_VNI]), flags,
			    info->attrs[VPCSW_A_CT_ZONE] ?
			    nla_get_u16(info->attrs[VPCSW_A_CT_ZONE]) : -1,
			    info->extack);
	if (!err)
		notify_event(sw, info);
out:
	rtnl_unlock();
	return err;
}

static int vpc_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_switch *sw;
	struct vpcsw_vpc *vpc;
	int err = -ENOENT;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	vpc = get_vpc(sw, info);
	if (vpc) {
		err = vpcsw_vpc_del(sw, vpc, info->extack);
		if (!err)
			notify_event(sw, info);
	}
out:
	rtnl_unlock();
	return err;
}

static int vpc_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_switch *sw;
	struct vpcsw_vpc *vpc;
	struct sk_buff *msg;
	int err = -ENOENT;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	vpc = get_vpc(sw, info);
	if (vpc)
		err = fill_vpc(msg, sw, vpc, info->snd_portid, info->snd_seq, 0);
out:
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * The small tables (VPCs, subnets, routes, ports) are dumped with a
 * position in cb->args[0] and the generation checked for consistency.
 */
static void dump_begin(struct netlink_callback *cb, struct vpcsw_switch *sw)
{
	cb->seq = vpcsw_generation(sw) + atomic_read(&sw->sg_seq);
}

/*
 * Flags the dump interrupted (NLM_F_DUMP_INTR on a message of this skb,
 * which holds at least one) when the generation moved since the last call.
 */
static void dump_check(struct netlink_callback *cb, struct sk_buff *skb)
{
	genl_dump_check_consistent(cb, genlmsg_data(nlmsg_data(nlmsg_hdr(skb))));
}

static int dump_end(struct sk_buff *skb, int err)
{
	return err && !skb->len ? err : skb->len;
}

static int vpc_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vpcsw_switch *sw;
	struct vpcsw_vpc *vpc;
	int idx = 0, err = 0;

	rcu_read_lock();
	sw = dump_switch(cb);
	if (!sw) {
		err = -ENODEV;
		goto out;
	}
	dump_begin(cb, sw);
	list_for_each_entry_rcu(vpc, &sw->vpcs, list) {
		if (idx++ < cb->args[0])
			continue;
		err = fill_vpc(skb, sw, vpc, NETLINK_CB(cb->skb).portid,
			       cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err) {
			idx--;
			break;
		}
		dump_check(cb, skb);
	}
	cb->args[0] = idx;
out:
	rcu_read_unlock();
	return dump_end(skb, err);
}

/* ---- subnet ------------------------------------------------------------- */

static int fill_subnet(struct sk_buff *skb, struct vpcsw_switch *sw, u32 vpc_id,
		       struct vpcsw_subnet *subnet, u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vpcsw_genl_family, flags,
			  VPCSW_CMD_SUBNET_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VPCSW_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    nla_put_u32(skb, VPCSW_A_VPC_ID, vpc_id) ||
	    put_ip(skb, VPCSW_A_PREFIX, &subnet->prefix) ||
	    nla_put_u8(skb, VPCSW_A_PREFIX_LEN, subnet->plen) ||
	    put_ip(skb, VPCSW_A_GATEWAY_IP, &subnet->gateway)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int subnet_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct in6_addr prefix, gateway;
	struct vpcsw_switch *sw;
	struct vpcsw_vpc *vpc;
	int err = -EINVAL;
	u8 plen;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	vpc = get_vpc(sw, info);
	if (!vpc) {
		err = -ENOENT;
		goto out;
	}
	err = get_prefix(info, &prefix, &plen);
	if (err)
		goto out;
	err = -EINVAL;
	if (!require(info, VPCSW_A_GATEWAY_IP, "missing VPCSW_A_GATEWAY_IP"))
		goto out;
	get_ip(info->attrs[VPCSW_A_GATEWAY_IP], &gateway);
	if (!vpcsw_addr_in_prefix(&gateway, &prefix, vpcsw_plen128(&prefix, plen))) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VPCSW_A_GATEWAY_IP],
				    "gateway IP must lie inside the subnet");
		goto out;
	}
	err = vpcsw_subnet_add(sw, vpc, &prefix, plen, &gateway, info->extack);
	if (!err)
		notify_event(sw, info);
out:
	rtnl_unlock();
	return err;
}

static int subnet_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_subnet *subnet;
	struct vpcsw_switch *sw;
	struct in6_addr prefix;
	struct vpcsw_vpc *vpc;
	int err;
	u8 plen;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = -ENOENT;
	vpc = get_vpc(sw, info);
	if (!vpc)
		goto out;
	err = get_prefix(info, &prefix, &plen);
	if (err)
		goto out;
	subnet = vpcsw_subnet_find(vpc, &prefix, plen);
	if (!subnet) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VPCSW_A_PREFIX],
				    "no such subnet in the VPC");
		err = -ENOENT;
		goto out;
	}
	vpcsw_subnet_del(sw, subnet);
	notify_event(sw, info);
out:
	rtnl_unlock();
	return err;
}

/* cb->args[0]: VPC position, cb->args[1]: position in its list */
static int subnet_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vpcsw_subnet *subnet;
	struct vpcsw_switch *sw;
	struct vpcsw_vpc *vpc;
	int v = 0, s, err = 0;

	rcu_read_lock();
	sw = dump_switch(cb);
	if (!sw) {
		err = -ENODEV;
		goto out;
	}
	dump_begin(cb, sw);
	list_for_each_entry_rcu(vpc, &sw->vpcs, list) {
		if (v++ < cb->args[0])
			continue;
		s = 0;
		list_for_each_entry_rcu(subnet, &vpc->subnets, list) {
			if (s++ < cb->args[1])
				continue;
			err = fill_subnet(skb, sw, vpc->id, subnet,
					  NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq, NLM_F_MULTI);
			if (err) {
				cb->args[1] = s - 1;
				cb->args[0] = v - 1;
				goto out;
			}
			dump_check(cb, skb);
		}
		cb->args[1] = 0;
	}
	cb->args[0] = v;
out:
	rcu_read_unlock();
	return dump_end(skb, err);
}

/* ---- route -------------------------------------------------------------- */

static int fill_route(struct sk_buff *skb, struct vpcsw_switch *sw, u32 vpc_id,
		      struct vpcsw_route *route, u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vpcsw_genl_family, flags,
			  VPCSW_CMD_ROUTE_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VPCSW_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    nla_put_u32(skb, VPCSW_A_VPC_ID, vpc_id) ||
	    put_ip(skb, VPCSW_A_PREFIX, &route->prefix) ||
	    nla_put_u8(skb, VPCSW_A_PREFIX_LEN, route->plen) ||
	    nla_put_u8(skb, VPCSW_A_ROUTE_TYPE, route->type) ||
	    (route->type == VPCSW_ROUTE_GATEWAY &&
	     put_ip(skb, VPCSW_A_UNDERLAY_IP, &route->via)) ||
	    (route->type == VPCSW_ROUTE_MAPPING &&
	     put_ip(skb, VPCSW_A_NEXTHOP_IP, &route->via))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int route_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct in6_addr prefix, via;
	struct vpcsw_switch *sw;
	struct vpcsw_vpc *vpc;
	bool has_via = false;
	int err;
	u8 plen, type;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = -ENOENT;
	vpc = get_vpc(sw, info);
	if (!vpc)
		goto out;
	err = get_prefix(info, &prefix, &plen);
	if (err)
		goto out;
	err = -EINVAL;
	if (!require(info, VPCSW_A_ROUTE_TYPE, "missing VPCSW_A_ROUTE_TYPE"))
		goto out;
	type = nla_get_u8(attrs[VPCSW_A_ROUTE_TYPE]);
	if (type == VPCSW_ROUTE_GATEWAY) {
		if (!require(info, VPCSW_A_UNDERLAY_IP,
			     "a gateway route needs VPCSW_A_UNDERLAY_IP (the gateway host)"))
			goto out;
		get_ip(attrs[VPCSW_A_UNDERLAY_IP], &via);
		has_via = true;
		if (!vpcsw_addr_unicast(&via)) {
			NL_SET_ERR_MSG_ATTR(info->extack, attrs[VPCSW_A_UNDERLAY_IP],
					    "gateway underlay address must be a unicast address");
			goto out;
		}
	} else if (attrs[VPCSW_A_UNDERLAY_IP]) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VPCSW_A_UNDERLAY_IP],
				    "only a gateway route takes an underlay address");
		goto out;
	}
	if (type == VPCSW_ROUTE_MAPPING) {
		if (!require(info, VPCSW_A_NEXTHOP_IP,
			     "a mapping route needs VPCSW_A_NEXTHOP_IP (the overlay next hop)"))
			goto out;
		get_ip(attrs[VPCSW_A_NEXTHOP_IP], &via);
		has_via = true;
		if (vpcsw_addr_is_v4(&via) != vpcsw_addr_is_v4(&prefix)) {
			NL_SET_ERR_MSG_ATTR(info->extack, attrs[VPCSW_A_NEXTHOP_IP],
					    "next hop must be of the prefix's address family");
			goto out;
		}
	} else if (attrs[VPCSW_A_NEXTHOP_IP]) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VPCSW_A_NEXTHOP_IP],
				    "only a mapping route takes a next hop");
		goto out;
	}
	err = vpcsw_route_add(sw, vpc, &prefix, plen, type, has_via ? &via : NULL,
			      info->extack);
	if (!err)
		notify_event(sw, info);
out:
	rtnl_unlock();
	return err;
}

static int route_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_route *route;
	struct vpcsw_switch *sw;
	struct in6_addr prefix;
	struct vpcsw_vpc *vpc;
	int err;
	u8 plen;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = -ENOENT;
	vpc = get_vpc(sw, info);
	if (!vpc)
		goto out;
	err = get_prefix(info, &prefix, &plen);
	if (err)
		goto out;
	route = vpcsw_route_find(vpc, &prefix, plen);
	if (!route) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VPCSW_A_PREFIX],
				    "no such route in the VPC");
		err = -ENOENT;
		goto out;
	}
	vpcsw_route_del(sw, route);
	notify_event(sw, info);
out:
	rtnl_unlock();
	return err;
}

static int route_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vpcsw_route *route;
	struct vpcsw_switch *sw;
	struct vpcsw_vpc *vpc;
	int v = 0, r, err = 0;

	rcu_read_lock();
	sw = dump_switch(cb);
	if (!sw) {
		err = -ENODEV;
		goto out;
	}
	dump_begin(cb, sw);
	list_for_each_entry_rcu(vpc, &sw->vpcs, list) {
		if (v++ < cb->args[0])
			continue;
		r = 0;
		list_for_each_entry_rcu(route, &vpc->routes, list) {
			if (r++ < cb->args[1])
				continue;
			err = fill_route(skb, sw, vpc->id, route,
					 NETLINK_CB(cb->skb).portid,
					 cb->nlh->nlmsg_seq, NLM_F_MULTI);
			if (err) {
				cb->args[1] = r - 1;
				cb->args[0] = v - 1;
				goto out;
			}
			dump_check(cb, skb);
		}
		cb->args[1] = 0;
	}
	cb->args[0] = v;
out:
	rcu_read_unlock();
	return dump_end(skb, err);
}

/* ---- port --------------------------------------------------------------- */

static int fill_port(struct sk_buff *skb, struct vpcsw_port *port, u32 portid,
		     u32 seq, int flags, int cmd)
{
	const struct vpcsw_port_cfg *cfg = rcu_dereference_rtnl(port->cfg);
	struct vpcsw_port_stats st;
	struct nlattr *nest;
	void *hdr;
	u32 i;

	hdr = genlmsg_put(skb, portid, seq, &vpcsw_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	vpcsw_port_read_stats(port, &st);
	if (nla_put_u32(skb, VPCSW_A_SWITCH_IFINDEX, port->sw->dev->ifindex) ||
	    nla_put_u32(skb, VPCSW_A_PORT_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(skb, VPCSW_A_PORT_IFNAME, port->dev->name) ||
	    (cfg->vpc_id && nla_put_u32(skb, VPCSW_A_VPC_ID, cfg->vpc_id)) ||
	    nla_put(skb, VPCSW_A_MAC, ETH_ALEN, cfg->mac) ||
	    nla_put_u32(skb, VPCSW_A_PORT_FLOW_LIMIT, READ_ONCE(port->flow_limit)) ||
	    nla_put_u32(skb, VPCSW_A_FLOW_COUNT, atomic_read(&port->n_flows)) ||
	    nla_put_u8(skb, VPCSW_A_PORT_SECURITY, !cfg->no_security) ||
	    put_sg_ids(skb, cfg->sg_ids, cfg->n_sgs))
		goto err;
	nest = nla_nest_start(skb, VPCSW_A_ALLOWED_IPS);
	if (!nest)
		goto err;
	for (i = 0; i < cfg->n_allowed_ips; i++)
		if (put_ip(skb, VPCSW_A_IP, &cfg->allowed_ips[i]))
			goto err;
	nla_nest_end(skb, nest);
	nest = nla_nest_start(skb, VPCSW_A_IPS);
	if (!nest)
		goto err;
	for (i = 0; i < cfg->n_ips; i++)
		if (put_ip(skb, VPCSW_A_IP, &cfg->ips[i]))
			goto err;
	nla_nest_end(skb, nest);
	nest = nla_nest_start(skb, VPCSW_A_STATS);
	if (!nest ||
	    nla_put_u64_64bit(skb, VPCSW_STATS_RX_PACKETS, st.rx_packets, VPCSW_STATS_PAD) ||
	    nla_put_u64_64bit(skb, VPCSW_STATS_RX_BYTES, st.rx_bytes, VPCSW_STATS_PAD) ||
	    nla_put_u64_64bit(skb, VPCSW_STATS_DROPS, st.drops, VPCSW_STATS_PAD) ||
	    nla_put_u64_64bit(skb, VPCSW_STATS_ACL_DROPS, st.acl_drops, VPCSW_STATS_PAD))
		goto err;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
err:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static struct net_device *get_port_dev(struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct net_device *dev = NULL;
	struct nlattr *attr;

	attr = info->attrs[VPCSW_A_PORT_IFINDEX];
	if (attr) {
		dev = __dev_get_by_index(net, nla_get_u32(attr));
	} else {
		attr = info->attrs[VPCSW_A_PORT_IFNAME];
		if (!attr) {
			NL_SET_ERR_MSG(info->extack, "port not named: give VPCSW_A_PORT_IFINDEX or VPCSW_A_PORT_IFNAME");
			return ERR_PTR(-EINVAL);
		}
		dev = __dev_get_by_name(net, nla_data(attr));
	}
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such port device");
		return ERR_PTR(-ENODEV);
	}
	return dev;
}

/*
 * Builds the configuration a PORT_NEW/SET asks for on top of OLD (NULL for
 * a new port, which must then name its VPC, MAC and IPs).
 */
static struct vpcsw_port_cfg *build_port_cfg(struct vpcsw_switch *sw,
					     struct genl_info *info,
					     const struct vpcsw_port_cfg *old,
					     int *errp)
{
	struct nlattr **attrs = info->attrs;
	struct vpcsw_port_cfg *cfg;
	struct nlattr *attr;
	int rem, err = -EINVAL;
	u32 i;

	if (!old && (!require(info, VPCSW_A_VPC_ID, "missing VPCSW_A_VPC_ID") ||
		     !require(info, VPCSW_A_MAC, "missing VPCSW_A_MAC (the VM's MAC)") ||
		     !require(info, VPCSW_A_IPS, "missing VPCSW_A_IPS (the VM's IPs)")))
		goto err;
	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg) {
		err = -ENOMEM;
		goto err;
	}
	if (old)
		memcpy(cfg, old, sizeof(*cfg));
	if (attrs[VPCSW_A_VPC_ID]) {
		cfg->vpc_id = nla_get_u32(attrs[VPCSW_A_VPC_ID]);
		if (!vpcsw_vpc_find(sw, cfg->vpc_id)) {
			NL_SET_ERR_MSG_ATTR(info->extack, attrs[VPCSW_A_VPC_ID],
					    "no such VPC on this switch");
			err = -ENOENT;
			goto err_free;
		}
	}
	if (attrs[VPCSW_A_MAC]) {
		if (!is_valid_ether_addr(nla_data(attrs[VPCSW_A_MAC]))) {
			NL_SET_ERR_MSG_ATTR(info->extack, attrs[VPCSW_A_MAC],
					    "port MAC must be unicast and non-zero");
			goto err_free;
		}
		ether_addr_copy(cfg->mac, nla_data(attrs[VPCSW_A_MAC]));
	}
	if (attrs[VPCSW_A_IPS]) {
		cfg->n_ips = 0;
		nla_for_each_nested(attr, attrs[VPCSW_A_IPS], rem) {
			struct in6_addr ip;

			if (nla_type(attr) != VPCSW_A_IP || validate_ip(attr, info->extack)) {
				NL_SET_ERR_MSG_ATTR(info->extack, attr,
						    "VPCSW_A_IPS holds only VPCSW_A_IP addresses of 4 or 16 bytes");
				goto err_free;
			}
			if (cfg->n_ips == VPCSW_PORT_MAX_IPS) {
				NL_SET_ERR_MSG_ATTR(info->extack, attr,
						    "too many IP addresses for one port (max 16)");
				goto err_free;
			}
			get_ip(attr, &ip);
			if (vpcsw_addr_any(&ip) || vpcsw_port_cfg_has_ip(cfg, &ip)) {
				NL_SET_ERR_MSG_ATTR(info->extack, attr,
						    "port IP is zero or listed twice");
				goto err_free;
			}
			cfg->ips[cfg->n_ips++] = ip;
		}
	}
	if (!cfg->n_ips) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VPCSW_A_IPS],
				    "a port needs at least one IP address");
		goto err_free;
	}
	if (attrs[VPCSW_A_PORT_SECURITY])
		cfg->no_security = !nla_get_u8(attrs[VPCSW_A_PORT_SECURITY]);
	if (attrs[VPCSW_A_ALLOWED_IPS]) {
		cfg->n_allowed_ips = 0;
		nla_for_each_nested(attr, attrs[VPCSW_A_ALLOWED_IPS], rem) {
			if (nla_type(attr) != VPCSW_A_IP || validate_ip(attr, info->extack)) {
				NL_SET_ERR_MSG_ATTR(info->extack, attr,
						    "VPCSW_A_ALLOWED_IPS holds only VPCSW_A_IP addresses of 4 or 16 bytes");
				goto err_free;
			}
			if (cfg->n_allowed_ips == VPCSW_PORT_MAX_IPS) {
				NL_SET_ERR_MSG_ATTR(info->extack, attr,
						    "too many allowed IP addresses for one port (max 16)");
				goto err_free;
			}
			get_ip(attr, &cfg->allowed_ips[cfg->n_allowed_ips]);
			if (vpcsw_addr_any(&cfg->allowed_ips[cfg->n_allowed_ips])) {
				NL_SET_ERR_MSG_ATTR(info->extack, attr, "allowed IP must not be zero");
				goto err_free;
			}
			cfg->n_allowed_ips++;
		}
	}
	if (attrs[VPCSW_A_SG_IDS]) {
		err = get_sg_ids(attrs[VPCSW_A_SG_IDS], cfg->sg_ids, &cfg->n_sgs,
				 READ_ONCE(sw->port_sg_limit), info->extack);
		if (err)
			goto err_free;
		err = -EINVAL;
	}
	for (i = 0; i < cfg->n_sgs; i++) {
		struct vpcsw_sg *sg = vpcsw_sg_find(sw, cfg->sg_ids[i]);

		attr = attrs[VPCSW_A_SG_IDS] ?: attrs[VPCSW_A_VPC_ID];
		if (!sg) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "no such security group on this switch");
			err = -ENOENT;
			goto err_free;
		}
		if (sg->vpc_id != cfg->vpc_id) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "security group belongs to another VPC than the port");
			goto err_free;
		}
		cfg->sgs[i] = sg;
	}
	return cfg;

err_free:
	kfree(cfg);
err:
	*errp = err;
	return NULL;
}

static int port_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_port_cfg *cfg;
	struct vpcsw_switch *sw;
	struct vpcsw_port *port;
	struct net_device *dev;
	int err;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	dev = get_port_dev(info);
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		goto out;
	}
	if (vpcsw_port_get_rtnl(dev)) {
		NL_SET_ERR_MSG(info->extack, "device is already a vpcsw port (use PORT_SET)");
		err = -EEXIST;
		goto out;
	}
	cfg = build_port_cfg(sw, info, NULL, &err);
	if (!cfg)
		goto out;
	/* refuse before attaching: a rejected request leaves no trace */
	if (vpcsw_port_ips_taken(sw, cfg, NULL)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VPCSW_A_IPS],
				    "an IP address of the port already belongs to another port of this VPC");
		kfree(cfg);
		err = -EADDRINUSE;
		goto out;
	}
	err = vpcsw_port_attach(sw, dev, info->extack);
	if (err) {
		kfree(cfg);
		goto out;
	}
	port = vpcsw_port_get_rtnl(dev);
	if (info->attrs[VPCSW_A_PORT_FLOW_LIMIT])
		WRITE_ONCE(port->flow_limit,
			   nla_get_u32(info->attrs[VPCSW_A_PORT_FLOW_LIMIT]));
	err = vpcsw_port_configure(port, cfg, info->extack);
	if (err) {
		vpcsw_port_detach(port);	/* all or nothing */
		goto out;
	}
	notify_event(sw, info);
out:
	rtnl_unlock();
	return err;
}

/* PORT_SET, PORT_DEL and PORT_GET act on an attached port of this switch. */
static struct vpcsw_port *get_port(struct vpcsw_switch *sw, struct genl_info *info)
{
	struct vpcsw_port *port;
	struct net_device *dev;

	dev = get_port_dev(info);
	if (IS_ERR(dev))
		return ERR_CAST(dev);
	port = vpcsw_port_get_rtnl(dev);
	if (!port || port->sw != sw) {
		NL_SET_ERR_MSG(info->extack, "device is not a port of this switch");
		return ERR_PTR(-ENOENT);
	}
	return port;
}

static int port_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_port_cfg *cfg;
	struct vpcsw_switch *sw;
	struct vpcsw_port *port;
	int err;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	port = get_port(sw, info);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	cfg = build_port_cfg(sw, info, rtnl_dereference(port->cfg), &err);
	if (!cfg)
		goto out;
	err = vpcsw_port_configure(port, cfg, info->extack);
	if (err)
		goto out;
	if (info->attrs[VPCSW_A_PORT_FLOW_LIMIT])
		WRITE_ONCE(port->flow_limit,
			   nla_get_u32(info->attrs[VPCSW_A_PORT_FLOW_LIMIT]));
	if (info->attrs[VPCSW_A_CT_FLUSH])
		vpcsw_port_ct_flush(port);
	notify_event(sw, info);
out:
	rtnl_unlock();
	return err;
}

static int port_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_switch *sw;
	struct vpcsw_port *port;
	int err = 0;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	port = get_port(sw, info);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	vpcsw_port_detach(port);
	notify_event(sw, info);
out:
	rtnl_unlock();
	return err;
}

static int port_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_switch *sw;
	struct vpcsw_port *port;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	port = get_port(sw, info);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	err = fill_port(msg, port, info->snd_portid, info->snd_seq, 0,
			VPCSW_CMD_PORT_GET);
out:
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

static int port_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vpcsw_switch *sw;
	struct vpcsw_port *port;
	int idx = 0, err = 0;

	rcu_read_lock();
	sw = dump_switch(cb);
	if (!sw) {
		err = -ENODEV;
		goto out;
	}
	dump_begin(cb, sw);
	list_for_each_entry_rcu(port, &sw->ports, list) {
		if (idx++ < cb->args[0])
			continue;
		err = fill_port(skb, port, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, NLM_F_MULTI, VPCSW_CMD_PORT_GET);
		if (err) {
			idx--;
			break;
		}
		dump_check(cb, skb);
	}
	cb->args[0] = idx;
out:
	rcu_read_unlock();
	return dump_end(skb, err);
}

/* ---- mapping ------------------------------------------------------------ */

static int fill_mapping(struct sk_buff *skb, struct vpcsw_switch *sw,
			struct vpcsw_mapping *m, u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vpcsw_genl_family, flags,
			  VPCSW_CMD_MAPPING_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VPCSW_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    nla_put_u32(skb, VPCSW_A_VPC_ID, m->key.vpc_id) ||
	    put_ip(skb, VPCSW_A_OVERLAY_IP, &m->key.ip) ||
	    put_ip(skb, VPCSW_A_UNDERLAY_IP, &m->underlay) ||
	    nla_put(skb, VPCSW_A_MAC, ETH_ALEN, m->mac) ||
	    put_sg_ids(skb, m->sg_ids, m->n_sgs)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* The attributes of one mapping: a request's, or a VPCSW_A_MAPPING nest's. */
struct mapping_attrs {
	const struct nlattr *ip, *underlay, *mac, *sg_ids;
};

/*
 * One mapping (TB, of NEST for the messages), checked, as a new mapping
 * of VPC_ID; NULL with extack set and *ERR.
 */
static struct vpcsw_mapping *get_mapping(const struct mapping_attrs *tb,
					 const struct nlattr *nest, u32 vpc_id,
					 struct netlink_ext_ack *extack,
					 int *err)
{
	u32 sg_ids[VPCSW_SG_MAX_PER_PORT];
	struct in6_addr ip, underlay;
	struct vpcsw_mapping *m;
	u32 n_sgs = 0;

	*err = -EINVAL;
	if (!tb->ip) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "missing VPCSW_A_OVERLAY_IP");
		return NULL;
	}
	if (!tb->underlay) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "missing VPCSW_A_UNDERLAY_IP");
		return NULL;
	}
	if (!tb->mac) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "missing VPCSW_A_MAC");
		return NULL;
	}
	get_ip(tb->ip, &ip);
	get_ip(tb->underlay, &underlay);
	if (ipv6_addr_any(&ip) || (vpcsw_addr_is_v4(&ip) && !vpcsw_addr_v4(&ip))) {
		NL_SET_ERR_MSG_ATTR(extack, tb->ip,
				    "overlay IP must not be zero");
		return NULL;
	}
	if (ipv6_addr_any(&underlay) ||
	    (vpcsw_addr_is_v4(&underlay) && !vpcsw_addr_v4(&underlay))) {
		NL_SET_ERR_MSG_ATTR(extack, tb->underlay,
				    "underlay IP must not be zero");
		return NULL;
	}
	if (!is_valid_ether_addr(nla_data(tb->mac))) {
		NL_SET_ERR_MSG_ATTR(extack, tb->mac,
				    "mapping MAC must be unicast and non-zero");
		return NULL;
	}
	if (tb->sg_ids) {
		*err = get_sg_ids(tb->sg_ids, sg_ids, &n_sgs,
				  VPCSW_SG_MAX_PER_PORT, extack);
		if (*err)
			return NULL;
	}
	m = vpcsw_mapping_alloc(vpc_id, &ip, &underlay, nla_data(tb->mac),
				sg_ids, n_sgs);
	*err = m ? 0 : -ENOMEM;
	return m;
}

/*
 * A VPCSW_A_MAPPING nest's attributes, validated.  Not nla_parse_nested():
 * zeroing a table for every attribute of the family, for each of a
 * million mappings, was a tenth of the kernel's time to load them.
 */
static int get_mapping_entry(const struct nlattr *nest, struct mapping_attrs *tb,
			     struct netlink_ext_ack *extack)
{
	const struct nlattr *attr;
	int rem, err;

	err = nla_validate_nested(nest, VPCSW_A_MAX, mapping_entry_policy,
				  extack);
	if (err)
		return err;
	memset(tb, 0, sizeof(*tb));
	nla_for_each_nested(attr, nest, rem) {
		switch (nla_type(attr)) {
		case VPCSW_A_OVERLAY_IP:
			tb->ip = attr;
			break;
		case VPCSW_A_UNDERLAY_IP:
			tb->underlay = attr;
			break;
		case VPCSW_A_MAC:
			tb->mac = attr;
			break;
		case VPCSW_A_SG_IDS:
			tb->sg_ids = attr;
			break;
		}
	}
	return 0;
}

/* The I-th nest of LIST (it exists). */
static const struct nlattr *nth_nested(const struct nlattr *list, u32 i)
{
	const struct nlattr *attr;
	int rem;

	nla_for_each_nested(attr, list, rem)
		if (!i--)
			return attr;
	return list;
}

/*
 * MAPPING_NEW with VPCSW_A_MAPPINGS: many mappings, added all or none.
 * Loading a million of them one request each costs ten times what the
 * table does (a request, an attribute parse and an ack per mapping).
 */
static int mapping_new_list(struct vpcsw_switch *sw, struct vpcsw_vpc *vpc,
			    const struct nlattr *list,
			    struct netlink_ext_ack *extack)
{
	struct vpcsw_mapping **new;
	struct mapping_attrs tb;
	const struct nlattr *nest;
	u32 n = 0, i = 0, room, bad;
	int rem, err;

	nla_for_each_nested(nest, list, rem)
		n++;
	if (!n) {
		NL_SET_ERR_MSG_ATTR(extack, list, "VPCSW_A_MAPPINGS holds no mapping");
		return -EINVAL;
	}
	room = sw->mapping_limit - min(sw->n_mappings, sw->mapping_limit);
	if (n > room) {	/* pointing at the first one that does not fit */
		NL_SET_ERR_MSG_ATTR(extack, nth_nested(list, room),
				    "mapping table of the switch is full");
		return -ENOSPC;
	}
	new = kvcalloc(n, sizeof(*new), GFP_KERNEL_ACCOUNT);
	if (!new)
		return -ENOMEM;
	nla_for_each_nested(nest, list, rem) {
		err = -EINVAL;
		if (nla_type(nest) != VPCSW_A_MAPPING) {
			NL_SET_ERR_MSG_ATTR(extack, nest, "VPCSW_A_MAPPINGS holds only VPCSW_A_MAPPING nests");
			goto err_free;
		}
		err = get_mapping_entry(nest, &tb, extack);
		if (err)
			goto err_free;
		new[i] = get_mapping(&tb, nest, vpc->id, extack, &err);
		if (!new[i])
			goto err_free;
		i++;
	}
	/* an existing mapping is found by the insertion, not looked up first */
	err = vpcsw_mapping_add_all(sw, new, n, &bad);
	if (err == -EEXIST)
		NL_SET_ERR_MSG_ATTR(extack, nth_nested(list, bad),
				    "mapping exists; use VPCSW_CMD_MAPPING_SET (vpcsw mapping replace) to move it");
	else if (err)
		NL_SET_ERR_MSG_ATTR(extack, nth_nested(list, bad),
				    "mapping table could not grow");
	kvfree(new);
	return err;

err_free:
	while (i)
		kfree(new[--i]);
	kvfree(new);
	return err;
}

static int mapping_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	bool replace = info->genlhdr->cmd == VPCSW_CMD_MAPPING_SET;
	struct nlattr **attrs = info->attrs;
	struct vpcsw_switch *sw;
	struct vpcsw_mapping *m;
	struct vpcsw_vpc *vpc;
	int err;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = -ENOENT;
	vpc = get_vpc(sw, info);
	if (!vpc)
		goto out;
	if (attrs[VPCSW_A_MAPPINGS]) {
		err = -EINVAL;
		if (replace) {
			NL_SET_ERR_MSG_ATTR(info->extack, attrs[VPCSW_A_MAPPINGS],
					    "a list of mappings only with VPCSW_CMD_MAPPING_NEW");
			goto out;
		}
		if (attrs[VPCSW_A_OVERLAY_IP] || attrs[VPCSW_A_UNDERLAY_IP] ||
		    attrs[VPCSW_A_MAC] || attrs[VPCSW_A_SG_IDS]) {
			NL_SET_ERR_MSG_ATTR(info->extack, attrs[VPCSW_A_MAPPINGS],
					    "either one mapping or VPCSW_A_MAPPINGS, not both");
			goto out;
		}
		err = mapping_new_list(sw, vpc, attrs[VPCSW_A_MAPPINGS],
				       info->extack);
	} else {
		struct mapping_attrs tb = {
			.ip = attrs[VPCSW_A_OVERLAY_IP],
			.underlay = attrs[VPCSW_A_UNDERLAY_IP],
			.mac = attrs[VPCSW_A_MAC],
			.sg_ids = attrs[VPCSW_A_SG_IDS],
		};

		m = get_mapping(&tb, NULL, vpc->id, info->extack, &err);
		if (m)
			err = vpcsw_mapping_set(sw, m, true, replace,
						info->extack);
	}
	if (!err)
		notify_event(sw, info);
out:
	rtnl_unlock();
	return err;
}

static int mapping_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_switch *sw;
	struct vpcsw_vpc *vpc;
	struct in6_addr ip;
	int err;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = -ENOENT;
	vpc = get_vpc(sw, info);
	if (!vpc)
		goto out;
	err = -EINVAL;
	if (info->attrs[VPCSW_A_MAPPINGS]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VPCSW_A_MAPPINGS],
				    "a list of mappings only with VPCSW_CMD_MAPPING_NEW");
		goto out;
	}
	if (!require(info, VPCSW_A_OVERLAY_IP, "missing VPCSW_A_OVERLAY_IP"))
		goto out;
	get_ip(info->attrs[VPCSW_A_OVERLAY_IP], &ip);
	err = vpcsw_mapping_del(sw, vpc->id, &ip, info->extack);
	if (!err)
		notify_event(sw, info);
out:
	rtnl_unlock();
	return err;
}

static int mapping_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_switch *sw;
	struct vpcsw_mapping *m;
	struct sk_buff *msg;
	struct in6_addr ip;
	int err = -EINVAL;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	if (!require(info, VPCSW_A_VPC_ID, "missing VPCSW_A_VPC_ID") ||
	    !require(info, VPCSW_A_OVERLAY_IP, "missing VPCSW_A_OVERLAY_IP"))
		goto out;
	get_ip(info->attrs[VPCSW_A_OVERLAY_IP], &ip);
	m = vpcsw_mapping_find_rtnl(sw, nla_get_u32(info->attrs[VPCSW_A_VPC_ID]), &ip);
	if (!m) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VPCSW_A_OVERLAY_IP],
				    "no such mapping");
		err = -ENOENT;
		goto out;
	}
	err = fill_mapping(msg, sw, m, info->snd_portid, info->snd_seq, 0);
out:
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * The big tables (mappings, flows) are dumped with an rhashtable walker
 * kept across dump calls in cb->args[0].  The dump holds a reference on
 * the switch device, as WireGuard's does: the tables (freed by the
 * device's destructor) outlive the walker even if the switch is deleted
 * meanwhile.  Closing the socket ends an abandoned dump.
 */
struct table_dump {
	struct rhashtable_iter iter;
	struct vpcsw_switch *sw;
};

static int table_dump_start(struct netlink_callback *cb, bool flows)
{
	struct table_dump *td;
	struct vpcsw_switch *sw;

	td = kzalloc(sizeof(*td), GFP_KERNEL);
	if (!td)
		return -ENOMEM;
	rtnl_lock();
	rcu_read_lock();
	sw = dump_switch(cb);
	if (sw) {
		dev_hold(sw->dev);
		td->sw = sw;
		rhashtable_walk_enter(flows ? &sw->flows.table : &sw->mappings,
				      &td->iter);
		cb->seq = vpcsw_generation(sw);
	}
	rcu_read_unlock();
	rtnl_unlock();
	/*
	 * No switch: the first dumpit call reports it, because an extack
	 * message set here is lost on 6.1 (genl gives ->start no extack).
	 */
	cb->args[0] = (long)td;
	return 0;
}

static int table_dump_done(struct netlink_callback *cb)
{
	struct table_dump *td = (struct table_dump *)cb->args[0];

	if (!td)
		return 0;
	if (td->sw) {
		rhashtable_walk_exit(&td->iter);
		dev_put(td->sw->dev);
	}
	kfree(td);
	return 0;
}

/* The switch of a table dump, or NULL with the error reported. */
static struct vpcsw_switch *table_dump_switch(struct netlink_callback *cb)
{
	struct table_dump *td = (struct table_dump *)cb->args[0];

	if (!td->sw)
		NL_SET_ERR_MSG(cb->extack, "no such vpcsw switch: name it with VPCSW_A_SWITCH_IFINDEX or VPCSW_A_SWITCH_IFNAME");
	return td->sw;
}

static int mapping_dump_start(struct netlink_callback *cb)
{
	return table_dump_start(cb, false);
}

static int flow_dump_start(struct netlink_callback *cb)
{
	return table_dump_start(cb, true);
}

static int mapping_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct table_dump *td = (struct table_dump *)cb->args[0];
	struct vpcsw_switch *sw;
	struct vpcsw_mapping *m;
	int err = 0;

	sw = table_dump_switch(cb);
	if (!sw)
		return -ENODEV;
	rcu_read_lock();
	cb->seq = vpcsw_generation(sw);
	rhashtable_walk_start(&td->iter);
	for (;;) {
		m = rhashtable_walk_peek(&td->iter);
		if (IS_ERR(m)) {
			if (PTR_ERR(m) == -EAGAIN)
				continue;
			err = PTR_ERR(m);
			break;
		}
		if (!m)
			break;
		err = fill_mapping(skb, sw, m, NETLINK_CB(cb->skb).portid,
				   cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err)
			break;
		dump_check(cb, skb);
		rhashtable_walk_next(&td->iter);
	}
	rhashtable_walk_stop(&td->iter);
	rcu_read_unlock();
	return dump_end(skb, err);
}

/* ---- flows -------------------------------------------------------------- */

static int fill_flow(struct sk_buff *skb, struct vpcsw_switch *sw,
		     struct vpcsw_flow *flow, u32 portid, u32 seq, int flags)
{
	const struct vpcsw_flow_key *key = &flow->key;
	const struct vpcsw_actions *acts = rcu_dereference(flow->actions);
	u64 packets, bytes;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vpcsw_genl_family, flags,
			  VPCSW_CMD_FLOW_GET);
	if (!hdr)
		return -EMSGSIZE;
	packets = atomic64_read(&flow->packets);
	bytes = atomic64_read(&flow->bytes);
	if (nla_put_u32(skb, VPCSW_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    nla_put_u32(skb, VPCSW_A_FLOW_IN_IFINDEX, key->in_ifindex) ||
	    nla_put_u32(skb, VPCSW_A_VPC_ID, key->vpc_id) ||
	    (!key->in_ifindex && put_ip(skb, VPCSW_A_FLOW_TUN_SRC, &key->tun_src)) ||
	    put_ip(skb, VPCSW_A_FLOW_SRC, &key->src) ||
	    put_ip(skb, VPCSW_A_FLOW_DST, &key->dst) ||
	    nla_put_u8(skb, VPCSW_A_FLOW_PROTO, key->proto) ||
	    nla_put_u16(skb, VPCSW_A_FLOW_SPORT, ntohs(key->sport)) ||
	    nla_put_u16(skb, VPCSW_A_FLOW_DPORT, ntohs(key->dport)) ||
	    nla_put_u8(skb, VPCSW_A_FLOW_ACTION, acts->action) ||
	    nla_put_u64_64bit(skb, VPCSW_A_FLOW_PACKETS, packets, VPCSW_A_PAD) ||
	    nla_put_u64_64bit(skb, VPCSW_A_FLOW_BYTES, bytes, VPCSW_A_PAD) ||
	    nla_put_u32(skb, VPCSW_A_FLOW_AGE_MS,
			jiffies_to_msecs((u32)jiffies - READ_ONCE(flow->used))) ||
	    nla_put_u32(skb, VPCSW_A_GENERATION, acts->generation))
		goto err;
	if (acts->action == VPCSW_FLOW_DROP) {
		if (nla_put_u32(skb, VPCSW_A_FLOW_DROP_REASON, acts->drop_reason))
			goto err;
	} else {
		if (nla_put_u32(skb, VPCSW_A_FLOW_OUT_IFINDEX, acts->out_ifindex) ||
		    (acts->set_src_mac &&
		     nla_put(skb, VPCSW_A_FLOW_SET_SRC_MAC, ETH_ALEN, acts->src_mac)) ||
		    (acts->set_dst_mac &&
		     nla_put(skb, VPCSW_A_FLOW_SET_DST_MAC, ETH_ALEN, acts->dst_mac)) ||
		    (acts->dec_ttl && nla_put_flag(skb, VPCSW_A_FLOW_DEC_TTL)))
			goto err;
		if (acts->action == VPCSW_FLOW_ENCAP) {
			struct in6_addr tun_dst;
			u32 vni;

			vpcsw_tunnel_md_dst(acts->tun_md, &tun_dst, &vni);
			if (put_ip(skb, VPCSW_A_FLOW_TUN_DST, &tun_dst) ||
			    nla_put_u32(skb, VPCSW_A_VNI, vni))
				goto err;
		}
	}
	genlmsg_end(skb, hdr);
	return 0;
err:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int flow_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct table_dump *td = (struct table_dump *)cb->args[0];
	struct vpcsw_switch *sw;
	struct vpcsw_flow *flow;
	int err = 0;

	sw = table_dump_switch(cb);
	if (!sw)
		return -ENODEV;
	rcu_read_lock();
	rhashtable_walk_start(&td->iter);
	for (;;) {
		flow = rhashtable_walk_peek(&td->iter);
		if (IS_ERR(flow)) {
			if (PTR_ERR(flow) == -EAGAIN)
				continue;
			err = PTR_ERR(flow);
			break;
		}
		if (!flow)
			break;
		err = fill_flow(skb, sw, flow, NETLINK_CB(cb->skb).portid,
				cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err)
			break;
		rhashtable_walk_next(&td->iter);
	}
	rhashtable_walk_stop(&td->iter);
	rcu_read_unlock();
	return dump_end(skb, err);
}

static int flow_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_switch *sw;
	int err = 0;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	vpcsw_flow_flush(sw);
	notify_event(sw, info);
out:
	rtnl_unlock();
	return err;
}

/* ---- security groups ---------------------------------------------------- */

static int put_rule(struct sk_buff *skb, const struct vpcsw_sg_rule *r)
{
	struct nlattr *nest = nla_nest_start(skb, VPCSW_A_SG_RULE);
	u8 proto = r->key.proto;
	int err = -EMSGSIZE;

	if (!nest)
		return err;
	if (nla_put_u8(skb, VPCSW_RULE_A_DIRECTION, r->dir) ||
	    nla_put_u8(skb, VPCSW_RULE_A_PROTO, proto) ||
	    nla_put_u64_64bit(skb, VPCSW_RULE_A_HITS, atomic64_read(&r->hits),
			      VPCSW_RULE_A_PAD))
		goto err;
	if ((proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_SCTP) &&
	    (nla_put_u16(skb, VPCSW_RULE_A_PORT_MIN, r->lo) ||
	     nla_put_u16(skb, VPCSW_RULE_A_PORT_MAX, r->hi)))
		goto err;
	if ((proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6) && r->hi - r->lo < 0xffff &&
	    (nla_put_u8(skb, VPCSW_RULE_A_ICMP_TYPE, r->lo >> 8) ||
	     (r->lo == r->hi && nla_put_u8(skb, VPCSW_RULE_A_ICMP_CODE, r->lo & 0xff))))
		goto err;
	if (r->key.remote == VPCSW_SG_REMOTE_GROUP) {
		if (nla_put_u32(skb, VPCSW_RULE_A_REMOTE_SG, r->key.group))
			goto err;
	} else if (put_ip(skb, VPCSW_RULE_A_REMOTE_PREFIX, &r->key.addr) ||
		   nla_put_u8(skb, VPCSW_RULE_A_REMOTE_PREFIX_LEN,
			      r->key.v4 ? r->key.plen - 96 : r->key.plen)) {
		goto err;
	}
	nla_nest_end(skb, nest);
	return 0;
err:
	nla_nest_cancel(skb, nest);
	return err;
}

/*
 * One message for SG holding its rules from *NEXT on, as many as fit (a
 * nest is limited to 64 KiB): returns 0 when the last rule is in, 1 when
 * more are to come in another message (same group id), -EMSGSIZE if the
 * message could not be started.
 */
static int fill_sg(struct sk_buff *skb, struct vpcsw_switch *sw,
		   struct vpcsw_sg *sg, u32 portid, u32 seq, int flags,
		   long *next)
{
	const struct vpcsw_sg_rule *r;
	struct nlattr *nest;
	long idx = 0;
	int more = 0;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vpcsw_genl_family, flags,
			  VPCSW_CMD_SG_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VPCSW_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    nla_put_u32(skb, VPCSW_A_SG_ID, sg->id) ||
	    nla_put_u32(skb, VPCSW_A_VPC_ID, sg->vpc_id) ||
	    nla_put_string(skb, VPCSW_A_SG_NAME, sg->name) ||
	    nla_put_u32(skb, VPCSW_A_SG_RULE_COUNT, READ_ONCE(sg->n_rules)) ||
	    nla_put_u32(skb, VPCSW_A_SG_PORT_COUNT, READ_ONCE(sg->n_ports)))
		goto err;
	if (next) {
		nest = nla_nest_start(skb, VPCSW_A_SG_RULES);
		if (!nest)
			goto err;
		list_for_each_entry_rcu(r, &sg->rules, list, lockdep_rtnl_is_held()) {
			if (idx++ < *next)
				continue;
			if (nest->nla_len > 60000 || put_rule(skb, r)) {
				more = 1;
				idx--;
				break;
			}
			nla_nest_end(skb, nest);
		}
		if (more && idx == *next)
			goto err;	/* not even one rule: try a fresh skb */
		nla_nest_end(skb, nest);
		*next = more ? idx : 0;
	}
	genlmsg_end(skb, hdr);
	return more;
err:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static struct vpcsw_sg *get_sg(struct vpcsw_switch *sw, struct genl_info *info)
{
	struct vpcsw_sg *sg;

	if (!require(info, VPCSW_A_SG_ID, "missing VPCSW_A_SG_ID"))
		return ERR_PTR(-EINVAL);
	sg = vpcsw_sg_find(sw, nla_get_u32(info->attrs[VPCSW_A_SG_ID]));
	if (!sg) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VPCSW_A_SG_ID],
				    "no such security group on this switch");
		return ERR_PTR(-ENOENT);
	}
	return sg;
}

static void sg_changed(struct vpcsw_switch *sw)
{
	atomic_inc(&sw->sg_seq);	/* for dumps only: flows follow acl_gen */
}

static int sg_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_switch *sw;
	struct vpcsw_vpc *vpc;
	int err;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = -ENOENT;
	vpc = get_vpc(sw, info);
	if (!vpc)
		goto out;
	err = -EINVAL;
	if (!require(info, VPCSW_A_SG_ID, "missing VPCSW_A_SG_ID") ||
	    !require(info, VPCSW_A_SG_NAME, "missing VPCSW_A_SG_NAME"))
		goto out;
	err = vpcsw_sg_add(sw, vpc->id, nla_get_u32(info->attrs[VPCSW_A_SG_ID]),
			   nla_data(info->attrs[VPCSW_A_SG_NAME]), info->extack);
	if (!err) {
		sg_changed(sw);
		notify_event(sw, info);
	}
out:
	rtnl_unlock();
	return err;
}

static int sg_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_switch *sw;
	struct vpcsw_sg *sg;
	int err;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	sg = get_sg(sw, info);
	if (IS_ERR(sg)) {
		err = PTR_ERR(sg);
		goto out;
	}
	err = vpcsw_sg_del(sw, sg, info->extack);
	if (!err) {
		sg_changed(sw);
		notify_event(sw, info);
	}
out:
	rtnl_unlock();
	return err;
}

static int sg_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_switch *sw;
	struct vpcsw_sg *sg;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	sg = get_sg(sw, info);
	if (IS_ERR(sg)) {
		err = PTR_ERR(sg);
		goto out;
	}
	/* the group alone: its rules may need many messages (dump) */
	err = fill_sg(msg, sw, sg, info->snd_portid, info->snd_seq, 0, NULL);
out:
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* Every group (or those of VPCSW_A_VPC_ID, or VPCSW_A_SG_ID) with rules. */
static int sg_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = vpcsw_dumpit_attrs(cb);
	struct vpcsw_switch *sw;
	struct vpcsw_sg *sg;
	int idx = 0, err = 0;

	rcu_read_lock();
	sw = dump_switch(cb);
	if (!sw) {
		err = -ENODEV;
		goto out;
	}
	dump_begin(cb, sw);
	list_for_each_entry_rcu(sg, &sw->sgs, list) {
		if (idx++ < cb->args[0])
			continue;
		if ((attrs[VPCSW_A_SG_ID] && sg->id != nla_get_u32(attrs[VPCSW_A_SG_ID])) ||
		    (attrs[VPCSW_A_VPC_ID] && sg->vpc_id != nla_get_u32(attrs[VPCSW_A_VPC_ID])))
			continue;
		err = fill_sg(skb, sw, sg, NETLINK_CB(cb->skb).portid,
			      cb->nlh->nlmsg_seq, NLM_F_MULTI, &cb->args[1]);
		if (err) {
			if (err > 0)
				dump_check(cb, skb);
			idx--;
			break;
		}
		dump_check(cb, skb);
	}
	cb->args[0] = idx;
out:
	rcu_read_unlock();
	return dump_end(skb, err < 0 ? err : 0);
}

/* An optional attribute's value, or -1. */
static int opt_u16(const struct nlattr *attr)
{
	return attr ? nla_get_u16(attr) : -1;
}

static int opt_u8(const struct nlattr *attr)
{
	return attr ? nla_get_u8(attr) : -1;
}

/* The rules of a SG_RULE_NEW/DEL request, checked; -errno with extack. */
static int get_rules(struct genl_info *info, struct vpcsw_sg_rule **rules,
		     u32 *n)
{
	struct nlattr *tb[VPCSW_RULE_A_MAX + 1];
	struct vpcsw_sg_rule *r;
	struct nlattr *attr;
	u32 count = 0, i = 0;
	int rem, err;

	*n = 0;
	*rules = NULL;
	if (!require(info, VPCSW_A_SG_RULES, "missing VPCSW_A_SG_RULES (the rules)"))
		return -EINVAL;
	nla_for_each_nested(attr, info->attrs[VPCSW_A_SG_RULES], rem)
		count++;
	if (!count || count > VPCSW_SG_MAX_RULES) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VPCSW_A_SG_RULES],
				    "give between 1 and 65536 rules");
		return -EINVAL;
	}
	r = kvcalloc(count, sizeof(*r), GFP_KERNEL_ACCOUNT);
	if (!r)
		return -ENOMEM;
	nla_for_each_nested(attr, info->attrs[VPCSW_A_SG_RULES], rem) {
		struct in6_addr prefix;
		int plen = -1;

		err = -EINVAL;
		if (nla_type(attr) != VPCSW_A_SG_RULE) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr, "VPCSW_A_SG_RULES holds only VPCSW_A_SG_RULE nests");
			goto err;
		}
		err = nla_parse_nested(tb, VPCSW_RULE_A_MAX, attr, rule_policy,
				       info->extack);
		if (err)
			goto err;
		err = -EINVAL;
		if (!tb[VPCSW_RULE_A_DIRECTION]) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr, "rule without VPCSW_RULE_A_DIRECTION (ingress or egress)");
			goto err;
		}
		if (!!tb[VPCSW_RULE_A_REMOTE_PREFIX] == !!tb[VPCSW_RULE_A_REMOTE_SG] ||
		    !!tb[VPCSW_RULE_A_REMOTE_PREFIX] != !!tb[VPCSW_RULE_A_REMOTE_PREFIX_LEN]) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "a rule needs one remote: VPCSW_RULE_A_REMOTE_PREFIX with _LEN, or VPCSW_RULE_A_REMOTE_SG");
			goto err;
		}
		if (tb[VPCSW_RULE_A_REMOTE_PREFIX]) {
			const struct nlattr *len = tb[VPCSW_RULE_A_REMOTE_PREFIX_LEN];
			struct in6_addr masked;

			get_ip(tb[VPCSW_RULE_A_REMOTE_PREFIX], &prefix);
			plen = nla_get_u8(len);
			if (vpcsw_addr_is_v4(&prefix) && plen > 32) {
				NL_SET_ERR_MSG_ATTR(info->extack, len,
						    "IPv4 prefix length must be at most 32");
				goto err;
			}
			ipv6_addr_prefix(&masked, &prefix, vpcsw_plen128(&prefix, plen));
			if (!ipv6_addr_equal(&masked, &prefix)) {
				NL_SET_ERR_MSG_ATTR(info->extack, tb[VPCSW_RULE_A_REMOTE_PREFIX],
						    "remote prefix has host bits set beyond its length");
				goto err;
			}
		}
		err = vpcsw_sg_rule_init(&r[i], nla_get_u8(tb[VPCSW_RULE_A_DIRECTION]),
					 tb[VPCSW_RULE_A_PROTO] ?
					 nla_get_u8(tb[VPCSW_RULE_A_PROTO]) : 0,
					 opt_u16(tb[VPCSW_RULE_A_PORT_MIN]),
					 opt_u16(tb[VPCSW_RULE_A_PORT_MAX]),
					 opt_u8(tb[VPCSW_RULE_A_ICMP_TYPE]),
					 opt_u8(tb[VPCSW_RULE_A_ICMP_CODE]),
					 plen >= 0 ? &prefix : NULL, plen,
					 tb[VPCSW_RULE_A_REMOTE_SG] ?
					 nla_get_u32(tb[VPCSW_RULE_A_REMOTE_SG]) : 0,
					 info->extack);
		if (err) {
			NL_SET_BAD_ATTR(info->extack, attr);
			goto err;
		}
		i++;
	}
	*rules = r;
	*n = count;
	return 0;
err:
	kvfree(r);
	return err;
}

/* Points the extack at the BAD-th rule of the request. */
static void bad_rule(struct genl_info *info, u32 bad)
{
	struct nlattr *attr;
	int rem;

	nla_for_each_nested(attr, info->attrs[VPCSW_A_SG_RULES], rem)
		if (!bad--)
			NL_SET_BAD_ATTR(info->extack, attr);
}

/* Ends the tracked connections of the local members of SG. */
static void flush_sg(struct vpcsw_switch *sw, struct vpcsw_sg *sg)
{
	struct vpcsw_port *port;

	list_for_each_entry(port, &sw->ports, list)
		if (vpcsw_port_cfg_in_sg(rtnl_dereference(port->cfg), sg))
			vpcsw_port_ct_flush(port);
}

static int sg_rule_doit(struct sk_buff *skb, struct genl_info *info)
{
	bool add = info->genlhdr->cmd == VPCSW_CMD_SG_RULE_NEW;
	struct vpcsw_sg_rule *rules, **ptrs = NULL;
	struct vpcsw_switch *sw;
	struct vpcsw_sg *sg;
	u32 i, n, bad = 0;
	int err;

	err = get_rules(info, &rules, &n);
	if (err)
		return err;
	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	sg = get_sg(sw, info);
	if (IS_ERR(sg)) {
		err = PTR_ERR(sg);
		goto out;
	}
	if (add) {
		/* the group keeps each added rule: one allocation per rule */
		err = -ENOMEM;
		ptrs = kvcalloc(n, sizeof(*ptrs), GFP_KERNEL);
		if (!ptrs)
			goto out;
		for (i = 0; i < n; i++) {
			ptrs[i] = kmemdup(&rules[i], sizeof(rules[i]), GFP_KERNEL_ACCOUNT);
			if (!ptrs[i])
				goto out;
			INIT_LIST_HEAD(&ptrs[i]->list);
			INIT_LIST_HEAD(&ptrs[i]->bucket_list);
		}
		err = vpcsw_sg_rules_add(sw, sg, ptrs, n, &bad, info->extack);
		if (!err)
			n = 0;	/* owned by the group now */
	} else {
		err = vpcsw_sg_rules_del(sw, sg, rules, n, &bad, info->extack);
	}
	if (err) {
		bad_rule(info, bad);
		goto out;
	}
	if (info->attrs[VPCSW_A_CT_FLUSH])
		flush_sg(sw, sg);
	sg_changed(sw);
	notify_event(sw, info);
out:
	rtnl_unlock();
	if (ptrs) {
		for (i = 0; i < n; i++)
			kfree(ptrs[i]);
		kvfree(ptrs);
	}
	kvfree(rules);
	return err;
}

static int ct_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vpcsw_switch *sw;
	struct vpcsw_port *port;
	struct vpcsw_vpc *vpc;
	struct vpcsw_sg *sg;
	int err = 0;

	rtnl_lock();
	sw = get_switch(info);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = -ENOENT;
	vpc = get_vpc(sw, info);
	if (!vpc)
		goto out;
	err = 0;
	if (info->attrs[VPCSW_A_PORT_IFINDEX] || info->attrs[VPCSW_A_PORT_IFNAME]) {
		port = get_port(sw, info);
		if (IS_ERR(port)) {
			err = PTR_ERR(port);
			goto out;
		}
		if (rtnl_dereference(port->cfg)->vpc_id != vpc->id) {
			NL_SET_ERR_MSG(info->extack, "port is not in this VPC");
			err = -EINVAL;
			goto out;
		}
		vpcsw_port_ct_flush(port);
	} else if (info->attrs[VPCSW_A_SG_ID]) {
		sg = get_sg(sw, info);
		if (IS_ERR(sg)) {
			err = PTR_ERR(sg);
			goto out;
		}
		if (sg->vpc_id != vpc->id) {
			NL_SET_ERR_MSG(info->extack, "security group is not in this VPC");
			err = -EINVAL;
			goto out;
		}
		flush_sg(sw, sg);
	} else {
		vpcsw_ct_flush(dev_net(sw->dev), vpc->ct_zone, NULL, NULL);
	}
	notify_event(sw, info);
out:
	rtnl_unlock();
	return err;
}

/* ---- family ------------------------------------------------------------- */

#define OP(_cmd, _doit, _policy)					\
	{								\
		.cmd = (_cmd), .doit = (_doit), .policy = (_policy),	\
		.maxattr = VPCSW_A_MAX, .flags = GENL_UNS_ADMIN_PERM,	\
	}
#define DUMP_OP(_cmd, _doit, _dumpit, _policy)				\
	{								\
		.cmd = (_cmd), .doit = (_doit), .dumpit = (_dumpit),	\
		.policy = (_policy), .maxattr = VPCSW_A_MAX,		\
		.flags = GENL_UNS_ADMIN_PERM,				\
	}

static const struct genl_ops vpcsw_genl_ops[] = {
	DUMP_OP(VPCSW_CMD_SWITCH_GET, switch_get_doit, switch_get_dumpit, switch_get_policy),
	OP(VPCSW_CMD_SWITCH_SET, switch_set_doit, switch_set_policy),
	OP(VPCSW_CMD_VPC_NEW, vpc_new_doit, vpc_policy),
	OP(VPCSW_CMD_VPC_DEL, vpc_del_doit, vpc_policy),
	DUMP_OP(VPCSW_CMD_VPC_GET, vpc_get_doit, vpc_get_dumpit, vpc_policy),
	OP(VPCSW_CMD_SUBNET_NEW, subnet_new_doit, subnet_policy),
	OP(VPCSW_CMD_SUBNET_DEL, subnet_del_doit, subnet_policy),
	DUMP_OP(VPCSW_CMD_SUBNET_GET, NULL, subnet_get_dumpit, subnet_policy),
	OP(VPCSW_CMD_PORT_NEW, port_new_doit, port_policy),
	OP(VPCSW_CMD_PORT_DEL, port_del_doit, port_policy),
	OP(VPCSW_CMD_PORT_SET, port_set_doit, port_policy),
	DUMP_OP(VPCSW_CMD_PORT_GET, port_get_doit, port_get_dumpit, port_policy),
	OP(VPCSW_CMD_MAPPING_NEW, mapping_new_doit, mapping_policy),
	OP(VPCSW_CMD_MAPPING_SET, mapping_new_doit, mapping_policy),
	OP(VPCSW_CMD_MAPPING_DEL, mapping_del_doit, mapping_policy),
	{
		.cmd = VPCSW_CMD_MAPPING_GET,
		.doit = mapping_get_doit,
		.start = mapping_dump_start,
		.dumpit = mapping_get_dumpit,
		.done = table_dump_done,
		.policy = mapping_policy,
		.maxattr = VPCSW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	OP(VPCSW_CMD_ROUTE_NEW, route_new_doit, route_policy),
	OP(VPCSW_CMD_ROUTE_DEL, route_del_doit, route_policy),
	DUMP_OP(VPCSW_CMD_ROUTE_GET, NULL, route_get_dumpit, route_policy),
	{
		.cmd = VPCSW_CMD_FLOW_GET,
		.start = flow_dump_start,
		.dumpit = flow_get_dumpit,
		.done = table_dump_done,
		.policy = flow_policy,
		.maxattr = VPCSW_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	OP(VPCSW_CMD_FLOW_FLUSH, flow_flush_doit, flow_policy),
	OP(VPCSW_CMD_SG_NEW, sg_new_doit, sg_policy),
	OP(VPCSW_CMD_SG_DEL, sg_del_doit, sg_policy),
	DUMP_OP(VPCSW_CMD_SG_GET, sg_get_doit, sg_get_dumpit, sg_policy),
	OP(VPCSW_CMD_SG_RULE_NEW, sg_rule_doit, sg_policy),
	OP(VPCSW_CMD_SG_RULE_DEL, sg_rule_doit, sg_policy),
	OP(VPCSW_CMD_CT_FLUSH, ct_flush_doit, ct_policy),
};

static struct genl_family vpcsw_genl_family __ro_after_init = {
	.name		= VPCSW_GENL_NAME,
	.version	= VPCSW_GENL_VERSION,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.ops		= vpcsw_genl_ops,
	.n_ops		= ARRAY_SIZE(vpcsw_genl_ops),
	.resv_start_op	= VPCSW_CMD_SWITCH_GET,
	.mcgrps		= vpcsw_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(vpcsw_mcgrps),
};

int __init vpcsw_genl_init(void)
{
	return genl_register_family(&vpcsw_genl_family);
}

void vpcsw_genl_exit(void)
{
	genl_unregister_family(&vpcsw_genl_family);
}
