// SPDX-License-Identifier: GPL-2.0
/*
 * The "vpcsw" generic netlink family: policies, request parsing and replies.
 * Object code never sees netlink attributes; this file translates.
 */
#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>
#include <uapi/linux/vpcsw.h>

#include "netlink.h"
#include "switch.h"

static const struct nla_policy vpcsw_switch_get_policy[VPCSW_A_MAX + 1] = {
	[VPCSW_A_SWITCH_IFINDEX]	= { .type = NLA_U32 },
	[VPCSW_A_SWITCH_IFNAME]		= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
};

static struct genl_family vpcsw_genl_family;

/*
 * Resolve the switch a request names, in the sender's namespace.  Called
 * under RTNL or RCU; the caller holds no reference beyond that section.
 */
static struct net_device *vpcsw_nl_switch(struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct net_device *dev = NULL;
	struct nlattr *attr;

	attr = info->attrs[VPCSW_A_SWITCH_IFINDEX];
	if (attr) {
		dev = dev_get_by_index_rcu(net, nla_get_u32(attr));
	} else {
		attr = info->attrs[VPCSW_A_SWITCH_IFNAME];
		if (!attr) {
			GENL_SET_ERR_MSG(info, "switch not named: give VPCSW_A_SWITCH_IFINDEX or VPCSW_A_SWITCH_IFNAME");
			return ERR_PTR(-EINVAL);
		}
		dev = dev_get_by_name_rcu(net, nla_data(attr));
	}
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such switch device");
		return ERR_PTR(-ENODEV);
	}
	if (!netif_is_vpcsw(dev)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "device is not a vpcsw switch");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return dev;
}

static int vpcsw_nl_fill_switch(struct sk_buff *skb, struct net_device *dev,
				u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vpcsw_genl_family, flags,
			  VPCSW_CMD_SWITCH_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VPCSW_A_SWITCH_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, VPCSW_A_SWITCH_IFNAME, dev->name)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int vpcsw_nl_switch_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net_device *dev;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	rcu_read_lock();
	dev = vpcsw_nl_switch(info);
	if (IS_ERR(dev))
		err = PTR_ERR(dev);
	else
		err = vpcsw_nl_fill_switch(msg, dev, info->snd_portid,
					   info->snd_seq, 0);
	rcu_read_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

static int vpcsw_nl_switch_get_dumpit(struct sk_buff *skb,
				      struct netlink_callback *cb)
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
		err = vpcsw_nl_fill_switch(skb, dev, NETLINK_CB(cb->skb).portid,
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

static const struct genl_ops vpcsw_genl_ops[] = {
	{
		.cmd		= VPCSW_CMD_SWITCH_GET,
		.doit		= vpcsw_nl_switch_get_doit,
		.dumpit		= vpcsw_nl_switch_get_dumpit,
		.policy		= vpcsw_switch_get_policy,
		.maxattr	= VPCSW_A_MAX,
		.flags		= GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family vpcsw_genl_family __ro_after_init = {
	.name		= VPCSW_GENL_NAME,
	.version	= VPCSW_GENL_VERSION,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.ops		= vpcsw_genl_ops,
	.n_ops		= ARRAY_SIZE(vpcsw_genl_ops),
	.resv_start_op	= VPCSW_CMD_SWITCH_GET + 1,
};

int __init vpcsw_genl_init(void)
{
	return genl_register_family(&vpcsw_genl_family);
}

void vpcsw_genl_exit(void)
{
	genl_unregister_family(&vpcsw_genl_family);
}
