// SPDX-License-Identifier: GPL-2.0
/*
 * The switch netdev: "ip link add vsw0 type vpcsw".  It owns its ports
 * ("ip link set tap0 master vsw0"), its tunnel device and its tables, and
 * takes all of them down when it goes: device deletion, namespace deletion
 * or module unload all end in vpcsw_dellink().
 *
 * The device itself carries no tenant traffic: it is the handle by which
 * the switch is named, counted and deleted.  Anything transmitted on it is
 * dropped and counted, so a stray route towards it never leaks packets.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <net/rtnetlink.h>

#include "conntrack.h"
#include "mapping.h"
#include "port.h"
#include "sg.h"
#include "switch.h"
#include "tunnel.h"
#include "vpc.h"

static netdev_tx_t vpcsw_dev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev_core_stats_tx_dropped_inc(dev);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static int vpcsw_add_slave(struct net_device *dev, struct net_device *port_dev,
			   struct netlink_ext_ack *extack)
{
	return vpcsw_port_attach(netdev_priv(dev), port_dev, extack);
}

static int vpcsw_del_slave(struct net_device *dev, struct net_device *port_dev)
{
	struct vpcsw_port *port = vpcsw_port_get_rtnl(port_dev);

	if (!port || port->sw != netdev_priv(dev))
		return -EINVAL;
	vpcsw_port_detach(port);
	return 0;
}

static int vpcsw_dev_init(struct net_device *dev)
{
	struct vpcsw_switch *sw = netdev_priv(dev);
	int err;

	sw->pcpu_stats = alloc_percpu(struct vpcsw_pcpu_stats);
	if (!sw->pcpu_stats)
		return -ENOMEM;
	err = vpcsw_mapping_table_init(sw);
	if (err)
		goto err_stats;
	err = vpcsw_flow_table_init(&sw->flows);
	if (err)
		goto err_mappings;
	vpcsw_sg_init(sw);
	return 0;

err_mappings:
	vpcsw_mapping_table_destroy(sw);
err_stats:
	free_percpu(sw->pcpu_stats);
	return err;
}

/* Unregistration, under RTNL: let go of everything that points at us. */
static void vpcsw_dev_uninit(struct net_device *dev)
{
	struct vpcsw_switch *sw = netdev_priv(dev);
	struct net_device *tunnel = rtnl_dereference(sw->tunnel);

	vpcsw_port_detach_all(sw);
	if (tunnel) {
		RCU_INIT_POINTER(sw->tunnel, NULL);
		netdev_rx_handler_unregister(tunnel);
	}
	vpcsw_vpc_del_all(sw);
	vpcsw_sg_destroy(sw);
}

/* After unregistration: no reader can reach the switch any more. */
static void vpcsw_dev_free(struct net_device *dev)
{
	struct vpcsw_switch *sw = netdev_priv(dev);

	vpcsw_flow_table_destroy(&sw->flows);
	vpcsw_mapping_table_destroy(sw);
	free_percpu(sw->pcpu_stats);
}

static const struct net_device_ops vpcsw_netdev_ops = {
	.ndo_init		= vpcsw_dev_init,
	.ndo_uninit		= vpcsw_dev_uninit,
	.ndo_start_xmit		= vpcsw_dev_xmit,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_add_slave		= vpcsw_add_slave,
	.ndo_del_slave		= vpcsw_del_slave,
};

static void vpcsw_setup(struct net_device *dev)
{
	struct vpcsw_switch *sw = netdev_priv(dev);

	ether_setup(dev);
	dev->netdev_ops = &vpcsw_netdev_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = vpcsw_dev_free;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->flags &= ~IFF_MULTICAST;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	eth_hw_addr_random(dev);

	sw->dev = dev;
	INIT_LIST_HEAD(&sw->ports);
	INIT_LIST_HEAD(&sw->vpcs);
	sw->port_flow_limit = VPCSW_DEFAULT_PORT_FLOW_LIMIT;
	sw->flow_idle_ms = VPCSW_DEFAULT_FLOW_IDLE_MS;
	/* locally administered, fixed: every host answers for the gateway alike */
	sw->router_mac[0] = 0x02;
	sw->router_mac[1] = 0x76;	/* 'v' */
	sw->router_mac[2] = 0x70;	/* 'p' */
	sw->router_mac[5] = 0x01;
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

/* Deletion of the switch takes its tunnel device along, in one batch. */
static void vpcsw_dellink(struct net_device *dev, struct list_head *head)
{
	struct vpcsw_switch *sw = netdev_priv(dev);
	struct net_device *tunnel = rtnl_dereference(sw->tunnel);

	/*
	 * When the namespace dies, its teardown deletes every device in it,
	 * the tunnel included: a second dellink of a vxlan device corrupts
	 * the driver's list, so leave it to the teardown then.
	 */
	if (tunnel && check_net(dev_net(dev)))
		tunnel->rtnl_link_ops->dellink(tunnel, head);
	unregister_netdevice_queue(dev, head);
}

struct rtnl_link_ops vpcsw_link_ops __read_mostly = {
	.kind		= "vpcsw",
	.priv_size	= sizeof(struct vpcsw_switch),
	.setup		= vpcsw_setup,
	.validate	= vpcsw_validate,
	.dellink	= vpcsw_dellink,
};

static void drop_tunnel(struct vpcsw_switch *sw, struct net_device *tunnel)
{
	vpcsw_switch_changed(sw);
	RCU_INIT_POINTER(sw->tunnel, NULL);
	vpcsw_tunnel_destroy(tunnel, NULL);
}

/*
 * Replaces the tunnel device; flows through the old one go stale.  All or
 * nothing: on failure the switch keeps the tunnel it had, except in one
 * case said in the error message: the new device needed the old one's
 * UDP port, could not be made after the old one went, and neither could
 * the old one again.
 */
int vpcsw_switch_set_encap(struct vpcsw_switch *sw, u8 encap, u16 udp_port,
			   struct netlink_ext_ack *extack)
{
	struct net_device *old = rtnl_dereference(sw->tunnel);
	struct net_device *new = NULL, *restored;
	bool same_port;

	ASSERT_RTNL();
	if (!udp_port)
		udp_port = encap == VPCSW_ENCAP_GENEVE ? VPCSW_GENEVE_PORT :
							 VPCSW_VXLAN_PORT;
	if (encap == sw->encap &&
	    (encap == VPCSW_ENCAP_NONE || udp_port == sw->udp_port))
		return 0;
	same_port = old && udp_port == sw->udp_port;

	if (encap != VPCSW_ENCAP_NONE) {
		/* the new device first, so that failing leaves the old one */
		new = vpcsw_tunnel_create(sw, encap, udp_port,
					  same_port ? NULL : extack);
		if (IS_ERR(new) && same_port) {
			/* the old device holds the UDP port: it must go first */
			drop_tunnel(sw, old);
			old = NULL;
			new = vpcsw_tunnel_create(sw, encap, udp_port, extack);
			if (IS_ERR(new)) {
				restored = vpcsw_tunnel_create(sw, sw->encap,
							       sw->udp_port, NULL);
				if (IS_ERR(restored)) {
					sw->encap = VPCSW_ENCAP_NONE;
					NL_SET_ERR_MSG(extack,
						       "cannot create the new tunnel device, nor the old one again: the switch has no encapsulation now");
				} else {
					rcu_assign_pointer(sw->tunnel, restored);
				}
			}
		}
		if (IS_ERR(new))
			return PTR_ERR(new);
	}
	if (old)
		drop_tunnel(sw, old);
	rcu_assign_pointer(sw->tunnel, new);
	sw->encap = encap;
	sw->udp_port = udp_port;
	vpcsw_switch_changed(sw);
	return 0;
}

/* Someone deleted our tunnel device ("ip link del"): forget it. */
void vpcsw_switch_tunnel_gone(struct vpcsw_switch *sw)
{
	struct net_device *tunnel = rtnl_dereference(sw->tunnel);

	ASSERT_RTNL();
	vpcsw_switch_changed(sw);
	RCU_INIT_POINTER(sw->tunnel, NULL);
	sw->encap = VPCSW_ENCAP_NONE;
	if (tunnel)
		netdev_rx_handler_unregister(tunnel);
}

void vpcsw_count_drop(struct vpcsw_switch *sw, enum vpcsw_drop_reason reason)
{
	struct vpcsw_pcpu_stats *s = this_cpu_ptr(sw->pcpu_stats);

	u64_stats_update_begin(&s->syncp);
	s->drops[reason]++;
	s->stats[VPCSW_STATS_DROPS]++;
	u64_stats_update_end(&s->syncp);
}

void vpcsw_switch_read_stats(struct vpcsw_switch *sw, u64 *stats, u64 *drops)
{
	int cpu, i;

	memset(stats, 0, sizeof(u64) * (VPCSW_STATS_MAX + 1));
	memset(drops, 0, sizeof(u64) * (VPCSW_DROP_MAX + 1));
	for_each_possible_cpu(cpu) {
		const struct vpcsw_pcpu_stats *s = per_cpu_ptr(sw->pcpu_stats, cpu);
		u64 snap_stats[VPCSW_STATS_MAX + 1];
		u64 snap_drops[VPCSW_DROP_MAX + 1];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			memcpy(snap_stats, s->stats, sizeof(snap_stats));
			memcpy(snap_drops, s->drops, sizeof(snap_drops));
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (i = 0; i <= VPCSW_STATS_MAX; i++)
			stats[i] += snap_stats[i];
		for (i = 0; i <= VPCSW_DROP_MAX; i++)
			drops[i] += snap_drops[i];
	}
}

/* Ports and tunnel devices going away under us. */
static int vpcsw_netdev_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vpcsw_switch *sw;
	struct vpcsw_port *port;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	port = vpcsw_port_get_rtnl(dev);
	if (port) {
		vpcsw_port_detach(port);
		return NOTIFY_OK;
	}
	sw = vpcsw_tunnel_switch_rtnl(dev);
	if (sw)
		vpcsw_switch_tunnel_gone(sw);
	return NOTIFY_DONE;
}

static struct notifier_block vpcsw_notifier = {
	.notifier_call = vpcsw_netdev_event,
};

int vpcsw_switch_init(void)
{
	int err;

	err = vpcsw_flow_cache_init();
	if (err)
		return err;
	err = register_netdevice_notifier(&vpcsw_notifier);
	if (err)
		goto err_cache;
	err = rtnl_link_register(&vpcsw_link_ops);
	if (err)
		goto err_notifier;
	return 0;

err_notifier:
	unregister_netdevice_notifier(&vpcsw_notifier);
err_cache:
	vpcsw_flow_cache_exit();
	return err;
}

void vpcsw_switch_exit(void)
{
	rtnl_link_unregister(&vpcsw_link_ops);
	unregister_netdevice_notifier(&vpcsw_notifier);
	vpcsw_flow_cache_exit();
}
