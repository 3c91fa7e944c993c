// SPDX-License-Identifier: GPL-2.0
/*
 * Ports: tap and veth devices attached to a switch with an rx_handler.
 * Everything a VM sends enters the pipeline here and is consumed: nothing
 * from a port reaches the host's own stack.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/rculist.h>
#include <linux/slab.h>

#include "addr.h"
#include "conntrack.h"
#include "pipeline.h"
#include "port.h"
#include "switch.h"
#include "vpc.h"

static void sgs_leave(struct vpcsw_port_cfg *cfg);
static void forget_connections(struct vpcsw_switch *sw,
			       const struct vpcsw_port_cfg *old,
			       const struct vpcsw_port_cfg *new);

static void port_release(struct kref *ref)
{
	struct vpcsw_port *port = container_of(ref, struct vpcsw_port, ref);

	/* no list, flow or rx_handler points here; RCU readers may still */
	free_percpu(port->stats);
	/* memberships were dropped at detach */
	kfree_rcu(rcu_dereference_protected(port->cfg, 1), rcu);
	kfree_rcu(port, rcu);
}

void vpcsw_port_put(struct vpcsw_port *port)
{
	kref_put(&port->ref, port_release);
}

bool vpcsw_port_get_unless_zero(struct vpcsw_port *port)
{
	return kref_get_unless_zero(&port->ref);
}

struct vpcsw_port *vpcsw_port_get_rtnl(const struct net_device *dev)
{
	if (rtnl_dereference(dev->rx_handler) != vpcsw_port_rx)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

int vpcsw_port_attach(struct vpcsw_switch *sw, struct net_device *dev,
		      struct netlink_ext_ack *extack)
{
	struct vpcsw_port_cfg *cfg;
	struct vpcsw_port *port;
	int err;

	ASSERT_RTNL();
	if (dev->type != ARPHRD_ETHER || (dev->flags & IFF_LOOPBACK) ||
	    dev->addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG(extack, "only Ethernet devices (tap, veth) can be switch ports");
		return -EOPNOTSUPP;
	}
	if (netif_is_vpcsw(dev) || dev == rtnl_dereference(sw->tunnel)) {
		NL_SET_ERR_MSG(extack, "a switch or its tunnel device cannot be a port");
		return -ELOOP;
	}
	if (dev_net(dev) != dev_net(sw->dev)) {
		NL_SET_ERR_MSG(extack, "port must be in the switch's network namespace");
		return -EXDEV;
	}
	if (netdev_master_upper_dev_get(dev)) {
		NL_SET_ERR_MSG(extack, "device already has a master (bridge, bond or switch)");
		return -EBUSY;
	}

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	if (!port || !cfg)
		goto err_nomem;
	port->stats = netdev_alloc_pcpu_stats(struct vpcsw_port_stats);
	if (!port->stats)
		goto err_nomem;
	port->dev = dev;
	port->sw = sw;
	port->flow_limit = READ_ONCE(sw->port_flow_limit);
	RCU_INIT_POINTER(port->cfg, cfg);
	kref_init(&port->ref);

	err = netdev_rx_handler_register(dev, vpcsw_port_rx, port);
	if (err) {
		NL_SET_ERR_MSG(extack, "device already has an rx handler (another bridge or switch?)");
		goto err_free;
	}
	err = netdev_master_upper_dev_link(dev, sw->dev, NULL, NULL, extack);
	if (err)
		goto err_unregister;
	/* VMs send to other VMs' MACs: the host side must not filter them */
	err = dev_set_promiscuity(dev, 1);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot set the port promiscuous");
		goto err_unlink;
	}
	list_add_tail_rcu(&port->list, &sw->ports);
	vpcsw_switch_changed(sw);
	return 0;

err_unlink:
	netdev_upper_dev_unlink(dev, sw->dev);
err_unregister:
	netdev_rx_handler_unregister(dev);
err_free:
	free_percpu(port->stats);
	kfree(cfg);
	kfree(port);
	return err;
err_nomem:
	kfree(cfg);
	kfree(port);
	return -ENOMEM;
}

void vpcsw_port_detach(struct vpcsw_port *port)
{
	struct vpcsw_switch *sw = port->sw;
	struct net_device *dev = port->dev;

	ASSERT_RTNL();
	/* first: no flow compiled before this point may be applied again */
	vpcsw_switch_changed(sw);
	list_del_rcu(&port->list);
	dev_set_promiscuity(dev, -1);
	netdev_upper_dev_unlink(dev, sw->dev);
	netdev_rx_handler_unregister(dev);	/* waits for readers */
	sgs_leave(rtnl_dereference(port->cfg));
	/* a VM given its addresses later must not inherit its connections */
	forget_connections(sw, rtnl_dereference(port->cfg), NULL);
	/* the flows hold references to the port: release them now */
	vpcsw_flow_flush(sw);
	vpcsw_port_put(port);
}

void vpcsw_port_detach_all(struct vpcsw_switch *sw)
{
	struct vpcsw_port *port, *tmp;

	list_for_each_entry_safe(port, tmp, &sw->ports, list)
		vpcsw_port_detach(port);
}

/* Anti-spoofing: the port's own IPs and its allowed extra ones. */
bool vpcsw_port_cfg_may_send_from(const struct vpcsw_port_cfg *cfg,
				  const struct in6_addr *ip)
{
	u32 i;

	if (vpcsw_port_cfg_has_ip(cfg, ip))
		return true;
	for (i = 0; i < cfg->n_allowed_ips; i++)
		if (ipv6_addr_equal(&cfg->allowed_ips[i], ip))
			return true;
	return false;
}

bool vpcsw_port_cfg_has_ip(const struct vpcsw_port_cfg *cfg,
			   const struct in6_addr *ip)
{
	u32 i;

	for (i = 0; i < cfg->n_ips; i++)
		if (ipv6_addr_equal(&cfg->ips[i], ip))
			return true;
	return false;
}

/* The local port of VPC_ID that owns IP, or NULL.  RCU or RTNL. */
struct vpcsw_port *vpcsw_port_find_ip(struct vpcsw_switch *sw, u32 vpc_id,
				      const struct in6_addr *ip)
{
	struct vpcsw_port *port;

	list_for_each_entry_rcu(port, &sw->ports, list, lockdep_rtnl_is_held()) {
		const struct vpcsw_port_cfg *cfg;

		cfg = rcu_dereference_rtnl(port->cfg);
		if (cfg->vpc_id == vpc_id && vpcsw_port_cfg_has_ip(cfg, ip))
			return port;
	}
	return NULL;
}

/* Does a port other than SELF own one of CFG's IPs in CFG's VPC? */
bool vpcsw_port_ips_taken(struct vpcsw_switch *sw,
			  const struct vpcsw_port_cfg *cfg,
			  const struct vpcsw_port *self)
{
	struct vpcsw_port *other;
	u32 i;

	ASSERT_RTNL();
	if (!cfg->vpc_id)	/* in no VPC, its addresses are nobody's */
		return false;
	for (i = 0; i < cfg->n_ips; i++) {
		other = vpcsw_port_find_ip(sw, cfg->vpc_id, &cfg->ips[i]);
		if (other && other != self)
			return true;
	}
	return false;
}

/* Installs CFG (taking ownership of it) if no other port claims its IPs. */
static void sgs_leave(struct vpcsw_port_cfg *cfg)
{
	u32 i;

	for (i = 0; i < cfg->n_sgs; i++)
		cfg->sgs[i]->n_ports--;
}

static bool port_sends_from(const struct in6_addr *ip, const void *cfg)
{
	return vpcsw_port_cfg_may_send_from(cfg, ip);
}

/*
 * Ends the tracked connections, in its VPC's zone, of PORT's IPs and
 * allowed IPs.  A port without addresses has none it could name.  RTNL.
 */
void vpcsw_port_ct_flush(struct vpcsw_port *port)
{
	const struct vpcsw_port_cfg *cfg = rtnl_dereference(port->cfg);
	struct vpcsw_vpc *vpc;

	ASSERT_RTNL();
	vpc = vpcsw_vpc_find(port->sw, cfg->vpc_id);
	if (vpc && (cfg->n_ips || cfg->n_allowed_ips))
		vpcsw_ct_flush(dev_net(port->sw->dev), vpc->ct_zone,
			       port_sends_from, cfg);
}

struct cfg_change {
	const struct vpcsw_port_cfg *old, *new;
};

/* Was IP the port's (own or allowed) and is it no longer, in that VPC? */
static bool ip_taken_away(const struct in6_addr *ip, const void *arg)
{
	const struct cfg_change *c = arg;

	return vpcsw_port_cfg_may_send_from(c->old, ip) &&
	       !(c->new && c->new->vpc_id == c->old->vpc_id &&
		 vpcsw_port_cfg_may_send_from(c->new, ip));
}

static bool any_taken_away(const struct in6_addr *ips, u32 n,
			   const struct cfg_change *c)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (ip_taken_away(&ips[i], c))
			return true;
	return false;
}

/*
 * Ends the tracked connections of OLD's addresses, own and allowed, that
 * NEW (NULL: none) no longer gives the port in the same VPC.
 */
static void forget_connections(struct vpcsw_switch *sw,
			       const struct vpcsw_port_cfg *old,
			       const struct vpcsw_port_cfg *new)
{
	struct cfg_change c = { .old = old, .new = new };
	struct vpcsw_vpc *vpc;

	vpc = vpcsw_vpc_find(sw, old->vpc_id);
	if (!vpc)
		return;	/* its deletion flushed the zone */
	/* the walk covers the whole table: only when an address went */
	if (!any_taken_away(old->ips, old->n_ips, &c) &&
	    !any_taken_away(old->allowed_ips, old->n_allowed_ips, &c))
		return;
	vpcsw_ct_flush(dev_net(sw->dev), vpc->ct_zone, ip_taken_away, &c);
}

static bool only_groups_differ(const struct vpcsw_port_cfg *a,
			       const struct vpcsw_port_cfg *b)
{
	return a->vpc_id == b->vpc_id && ether_addr_equal(a->mac, b->mac) &&
	       a->no_security == b->no_security && a->n_ips == b->n_ips &&
	       !memcmp(a->ips, b->ips, a->n_ips * sizeof(a->ips[0])) &&
	       a->n_allowed_ips == b->n_allowed_ips &&
	       !memcmp(a->allowed_ips, b->allowed_ips,
		       a->n_allowed_ips * sizeof(a->allowed_ips[0]));
}

int vpcsw_port_configure(struct vpcsw_port *port, struct vpcsw_port_cfg *cfg,
			 struct netlink_ext_ack *extack)
{
	struct vpcsw_port_cfg *old;
	u32 i;

	ASSERT_RTNL();
	if (vpcsw_port_ips_taken(port->sw, cfg, port)) {
		NL_SET_ERR_MSG(extack, "an IP address of the port already belongs to another port of this VPC");
		kfree(cfg);
		return -EADDRINUSE;
	}
	old = rtnl_dereference(port->cfg);
	for (i = 0; i < cfg->n_sgs; i++)
		cfg->sgs[i]->n_ports++;
	sgs_leave(old);
	rcu_assign_pointer(port->cfg, cfg);
	if (old && only_groups_differ(old, cfg)) {
		/* its own flows, and those of the ports that name its groups */
		atomic_inc(&port->acl_gen);
		vpcsw_sg_members_changed(port->sw, old->sg_ids, old->n_sgs,
					 cfg->sg_ids, cfg->n_sgs);
	} else {
		vpcsw_switch_changed(port->sw);
	}
	forget_connections(port->sw, old, cfg);
	kfree_rcu(old, rcu);
	return 0;
}

/*
 * VPC_ID is going: its ports leave it and its groups, and are left
 * unconfigured (VPC 0, dropping everything) with their MAC and addresses,
 * so that "port set ... vpc N" puts them back in service.  A port must not
 * keep the id: a VPC created later with the same id, perhaps another
 * tenant's, would take it in.  All new configurations are allocated first,
 * so it fails (-ENOMEM) with nothing changed or succeeds for every port.
 */
int vpcsw_port_leave_vpc(struct vpcsw_switch *sw, u32 vpc_id)
{
	struct vpcsw_port_cfg **next;
	struct vpcsw_port *port;
	u32 n = 0, i = 0;

	ASSERT_RTNL();
	list_for_each_entry(port, &sw->ports, list)
		n += rtnl_dereference(port->cfg)->vpc_id == vpc_id;
	if (!n)
		return 0;
	next = kcalloc(n, sizeof(*next), GFP_KERNEL);
	if (!next)
		return -ENOMEM;
	list_for_each_entry(port, &sw->ports, list) {
		const struct vpcsw_port_cfg *cfg = rtnl_dereference(port->cfg);

		if (cfg->vpc_id != vpc_id)
			continue;
		next[i] = kmemdup(cfg, sizeof(*cfg), GFP_KERNEL);
		if (!next[i])
			goto err;
		next[i]->vpc_id = 0;
		next[i]->n_sgs = 0;
		i++;
	}
	i = 0;
	list_for_each_entry(port, &sw->ports, list) {
		struct vpcsw_port_cfg *old = rtnl_dereference(port->cfg);

		if (old->vpc_id != vpc_id)
			continue;
		sgs_leave(old);
		rcu_assign_pointer(port->cfg, next[i++]);
		kfree_rcu(old, rcu);
	}
	vpcsw_switch_changed(sw);
	kfree(next);
	return 0;
err:
	while (i--)
		kfree(next[i]);
	kfree(next);
	return -ENOMEM;
}

void vpcsw_port_count(struct vpcsw_port *port, bool rx, unsigned int len)
{
	struct vpcsw_port_stats *s = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&s->syncp);
	if (rx) {
		s->rx_packets++;
		s->rx_bytes += len;
	} else {
		s->tx_packets++;
		s->tx_bytes += len;
	}
	u64_stats_update_end(&s->syncp);
}

/* A packet to or from the port that its security groups refused. */
void vpcsw_port_count_acl_drop(struct vpcsw_port *port)
{
	struct vpcsw_port_stats *s = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&s->syncp);
	s->acl_drops++;
	u64_stats_update_end(&s->syncp);
}

void vpcsw_port_count_drop(struct vpcsw_port *port)
{
	struct vpcsw_port_stats *s = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&s->syncp);
	s->drops++;
	u64_stats_update_end(&s->syncp);
}

void vpcsw_port_read_stats(struct vpcsw_port *port, struct vpcsw_port_stats *sum)
{
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct vpcsw_port_stats *s = per_cpu_ptr(port->stats, cpu);
		struct vpcsw_port_stats snap;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			snap.rx_packets = s->rx_packets;
			snap.rx_bytes = s->rx_bytes;
			snap.tx_packets = s->tx_packets;
			snap.tx_bytes = s->tx_bytes;
			snap.drops = s->drops;
			snap.acl_drops = s->acl_drops;
		} while (u64_stats_fetch_retry(&s->syncp, start));
		sum->rx_packets += snap.rx_packets;
		sum->rx_bytes += snap.rx_bytes;
		sum->tx_packets += snap.tx_packets;
		sum->tx_bytes += snap.tx_bytes;
		sum->drops += snap.drops;
		sum->acl_drops += snap.acl_drops;
	}
}

rx_handler_result_t vpcsw_port_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct vpcsw_port *port;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	port = rcu_dereference(skb->dev->rx_handler_data);
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	vpcsw_pipeline_from_port(port, skb);
	return RX_HANDLER_CONSUMED;
}
