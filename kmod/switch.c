// SPDX-License-Identifier: GPL-2.0
/*
 * The switch netdev: "ip link add vsw0 type vpcsw".
 *
 * The device itself carries no tenant traffic: it is the handle by which
 * the switch is named, counted and deleted.  Anything transmitted on it is
 * dropped and counted, so a stray route towards it never leaks packets.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <net/rtnetlink.h>

#include "switch.h"

static netdev_tx_t vpcsw_dev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev_core_stats_tx_dropped_inc(dev);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops vpcsw_netdev_ops = {
	.ndo_start_xmit		= vpcsw_dev_xmit,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

static void vpcsw_setup(struct net_device *dev)
{
	struct vpcsw_switch *sw = netdev_priv(dev);

	ether_setup(dev);
	dev->netdev_ops = &vpcsw_netdev_ops;
	dev->needs_free_netdev = true;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->flags &= ~IFF_MULTICAST;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	eth_hw_addr_random(dev);
	sw->dev = dev;
}

static int vpcsw_validate(struct nlattr *tb[], struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "vpcsw: MAC address must be 6 bytes");
			return -EINVAL;
		}
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "vpcsw: MAC address must be unicast and non-zero");
			return -EADDRNOTAVAIL;
		}
	}
	return 0;
}

struct rtnl_link_ops vpcsw_link_ops __read_mostly = {
	.kind		= "vpcsw",
	.priv_size	= sizeof(struct vpcsw_switch),
	.setup		= vpcsw_setup,
	.validate	= vpcsw_validate,
};

int vpcsw_switch_init(void)
{
	return rtnl_link_register(&vpcsw_link_ops);
}

void vpcsw_switch_exit(void)
{
	rtnl_link_unregister(&vpcsw_link_ops);
}
