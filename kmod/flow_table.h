/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_FLOW_TABLE_H
#define _VPCSW_FLOW_TABLE_H

#include <linux/atomic.h>
#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/rhashtable-types.h>
#include <linux/workqueue.h>
#include <uapi/linux/vpcsw.h>

struct vpcsw_switch;
struct vpcsw_port;
struct vpcsw_sg_rule;
struct metadata_dst;
struct nf_conn;

/* The exact-match key of the unified flow table. */
struct vpcsw_flow_key {
	u32 in_ifindex;			/* 0: from the tunnel */
	u32 vpc_id;
	struct in6_addr tun_src;	/* outer source, tunnel flows only */
	struct in6_addr src;
	struct in6_addr dst;
	__be16 sport;			/* ICMP: type << 8 | code */
	__be16 dport;
	u8 proto;
	u8 pad;
	/* MACs are in the key: anti-spoofing and routing depend on them */
	u8 eth_src[ETH_ALEN];
	u8 eth_dst[ETH_ALEN];
};

/*
 * Compiled header transpositions: what the fast path does to a packet.
 * Packed, flags in bits: a copy lives in every flow entry, and 96 bytes
 * of actions instead of 104 are what puts 18 entries in a page, not 17.
 */
struct vpcsw_actions {
	u32 generation;			/* switch generation compiled in */
	u32 out_ifindex;
	u8 action;			/* enum vpcsw_flow_action */
	u8 drop_reason;			/* enum vpcsw_drop_reason */
	u8 set_src_mac:1;
	u8 set_dst_mac:1;
	u8 dec_ttl:1;
	u8 deny_new:1;			/* rules refuse a new connection */
	u8 deny_slot:1;			/* ...those of acl_port[deny_slot] */
	u8 src_mac[ETH_ALEN];
	u8 dst_mac[ETH_ALEN];
	/*
	 * Not a counted reference: followed only while ->generation is
	 * current, and a device leaving the switch bumps the generation
	 * before it goes (see DOC: Locking in switch.h).
	 */
	struct net_device *out_dev;
	/* a counted reference; where to (VNI, host) is read from it too */
	struct metadata_dst *tun_md;
	/*
	 * Security groups.  Like out_dev, these pointers are followed only
	 * while ->generation is current (ports, zones, rules), and the ACL
	 * part only while each port's acl_gen still equals ours.
	 */
	struct nf_conn *ct_tmpl;	/* the VPC's zone; NULL: not tracked */
	struct vpcsw_port *acl_port[2];	/* sender, receiver: who decided */
	struct vpcsw_sg_rule *acl_rule[2];	/* the allows, for hit counts */
	u32 acl_gen[2];
};

struct vpcsw_flow {
	struct rhash_head node;
	struct vpcsw_flow_key key;
	u32 used;			/* jiffies (low 32 bits) of the last packet */
	/* &->first, or actions recompiled since (struct vpcsw_recompiled) */
	struct vpcsw_actions __rcu *actions;
	struct vpcsw_port *in_port;	/* counted reference, NULL for tunnel */
	/*
	 * Not per-CPU: a flow is one connection, steered to one CPU by RSS
	 * or its queue, so these atomics are uncontended; per-CPU counters
	 * would cost 16 bytes times the possible CPUs for every flow, and a
	 * per-CPU allocation on every flow setup.
	 */
	atomic64_t packets;
	atomic64_t bytes;
	struct rcu_head rcu;
	/* compiled with the entry, in the same allocation */
	struct vpcsw_actions first;
};

struct vpcsw_flow_table {
	struct rhashtable table;
	atomic_t count;
	u32 limit;
	struct delayed_work gc_work;
	struct rhashtable_iter gc_iter;	/* where the idle sweep is */
	bool gc_walking;		/* gc_iter is entered */
};

int vpcsw_flow_table_init(struct vpcsw_flow_table *ft);
void vpcsw_flow_table_destroy(struct vpcsw_flow_table *ft);

struct vpcsw_flow *vpcsw_flow_lookup(struct vpcsw_flow_table *ft,
				     const struct vpcsw_flow_key *key);
struct vpcsw_flow *vpcsw_flow_alloc(struct vpcsw_switch *sw,
				    struct vpcsw_port *in_port, int *reason);
struct vpcsw_flow *vpcsw_flow_insert(struct vpcsw_switch *sw,
				     struct vpcsw_flow *flow,
				     const struct vpcsw_flow_key *key);
struct vpcsw_actions *vpcsw_actions_alloc(void);
void vpcsw_flow_replace_actions(struct vpcsw_flow *flow,
				struct vpcsw_actions *acts);
void vpcsw_actions_free(struct vpcsw_actions *acts);
void vpcsw_flow_flush(struct vpcsw_switch *sw);
void vpcsw_flow_gc_kick(struct vpcsw_flow_table *ft);

static inline void vpcsw_flow_used(struct vpcsw_flow *flow, unsigned int len)
{
	u32 now;

	atomic64_inc(&flow->packets);
	atomic64_add(len, &flow->bytes);
	now = (u32)jiffies;
	/* write once per tick, not per packet: the line stays shared */
	if (READ_ONCE(flow->used) != now)
		WRITE_ONCE(flow->used, now);
}

int vpcsw_flow_cache_init(void);
void vpcsw_flow_cache_exit(void);

#endif /* _VPCSW_FLOW_TABLE_H */
