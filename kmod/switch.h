/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_SWITCH_H
#define _VPCSW_SWITCH_H

#include <linux/bits.h>
#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <linux/rhashtable-types.h>
#include <linux/u64_stats_sync.h>
#include <net/rtnetlink.h>
#include <uapi/linux/vpcsw.h>

#include "flow_table.h"

/**
 * DOC: Locking
 *
 * Configuration is serialised by RTNL: every netlink request that changes a
 * switch, and every netdev event, runs under it, so objects are mutated by
 * one writer at a time and a switch cannot be unregistered under a request.
 * Mutators assert it with ASSERT_RTNL().
 *
 * Packets are processed in rx_handlers under rcu_read_lock() (softirq):
 * they read ports, VPCs, routes, mappings and flows through RCU pointers
 * and never take a lock.  Writers unlink, then free after a grace period
 * (kfree_rcu/call_rcu); the comment at each free says why it is safe.
 *
 * Staleness is handled by a generation number: every change bumps
 * sw->generation; a flow entry compiled in an older generation is
 * re-evaluated by the slow path on its next hit before its actions run, so
 * a stale entry never forwards a packet.  That is also what makes it safe
 * for a stale entry to keep a pointer to a device that is going away: the
 * pointer is never followed once the generation has moved on, and the
 * device's unregistration waits for every reader (synchronize_net).
 */

#define VPCSW_DEFAULT_FLOW_LIMIT	BIT(20)
#define VPCSW_DEFAULT_PORT_FLOW_LIMIT	BIT(16)
#define VPCSW_DEFAULT_FLOW_IDLE_MS	(30U * 1000)
#define VPCSW_DEFAULT_MAPPING_LIMIT	(4 * BIT(20))
#define VPCSW_VXLAN_PORT		4789
#define VPCSW_GENEVE_PORT		6081

/* 30 days: in jiffies it still fits conntrack's u32 (HZ <= 1000) */
#define VPCSW_CT_TIMEOUT_MAX		(30U * 24 * 3600)

enum vpcsw_ct_timeout {
	VPCSW_CT_TCP,			/* established */
	VPCSW_CT_UDP,
	VPCSW_CT_ICMP,
	VPCSW_CT_TIMEOUTS,
};

struct vpcsw_pcpu_stats {
	u64 stats[VPCSW_STATS_MAX + 1];
	u64 drops[VPCSW_DROP_MAX + 1];
	struct u64_stats_sync syncp;
};

/* A switch: one netdev of kind "vpcsw"; this struct is its private area. */
struct vpcsw_switch {
	struct net_device *dev;

	/* settings: written under RTNL, read locklessly (READ_ONCE) */
	struct in6_addr underlay;
	bool has_underlay;
	u8 encap;			/* enum vpcsw_encap */
	u16 udp_port;
	u32 port_flow_limit;
	u32 flow_idle_ms;
	u8 router_mac[ETH_ALEN];

	struct net_device __rcu *tunnel;	/* kernel vxlan/geneve device */
	struct list_head ports;		/* RCU list, written under RTNL */
	struct list_head vpcs;		/* RCU list, written under RTNL */
	struct rhashtable mappings;
	u32 n_mappings;
	u32 mapping_limit;
	struct vpcsw_flow_table flows;
	struct list_head sgs;		/* security groups, RCU */
	atomic_t sg_seq;		/* bumped by group and rule changes */
	u32 port_sg_limit;
	u32 ct_timeout[VPCSW_CT_TIMEOUTS];	/* seconds, 0: kernel default */

	atomic_t generation;
	struct vpcsw_pcpu_stats __percpu *pcpu_stats;
};

extern struct rtnl_link_ops vpcsw_link_ops;

static inline bool netif_is_vpcsw(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &vpcsw_link_ops;
}

static inline u32 vpcsw_generation(const struct vpcsw_switch *sw)
{
	return (u32)atomic_read(&sw->generation);
}

/* Every configuration change calls this: stale flows re-evaluate lazily. */
static inline void vpcsw_switch_changed(struct vpcsw_switch *sw)
{
	ASSERT_RTNL();
	atomic_inc(&sw->generation);
}

static inline void vpcsw_count(struct vpcsw_switch *sw, enum vpcsw_stats what,
			       u64 n)
{
	struct vpcsw_pcpu_stats *s = this_cpu_ptr(sw->pcpu_stats);

	u64_stats_update_begin(&s->syncp);
	s->stats[what] += n;
	u64_stats_update_end(&s->syncp);
}

/* One packet of LEN bytes received or sent: both counters in one update. */
static inline void vpcsw_count_packet(struct vpcsw_switch *sw, bool rx,
				      unsigned int len)
{
	struct vpcsw_pcpu_stats *s = this_cpu_ptr(sw->pcpu_stats);

	u64_stats_update_begin(&s->syncp);
	s->stats[rx ? VPCSW_STATS_RX_PACKETS : VPCSW_STATS_TX_PACKETS]++;
	s->stats[rx ? VPCSW_STATS_RX_BYTES : VPCSW_STATS_TX_BYTES] += len;
	u64_stats_update_end(&s->syncp);
}

void vpcsw_count_drop(struct vpcsw_switch *sw, enum vpcsw_drop_reason reason);
void vpcsw_switch_read_stats(struct vpcsw_switch *sw, u64 *stats, u64 *drops);

int vpcsw_switch_set_encap(struct vpcsw_switch *sw, u8 encap, u16 udp_port,
			   struct netlink_ext_ack *extack);
void vpcsw_switch_tunnel_gone(struct vpcsw_switch *sw);

int vpcsw_switch_init(void);
void vpcsw_switch_exit(void);

#endif /* _VPCSW_SWITCH_H */
