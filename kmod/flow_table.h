/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_FLOW_TABLE_H
#define _VPCSW_FLOW_TABLE_H

#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/rhashtable-types.h>
#include <linux/u64_stats_sync.h>
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

/* Compiled header transpositions: what the fast path does to a packet. */
struct vpcsw_actions {
	u32 generation;			/* switch generation compiled in */
	u8 action;			/* enum vpcsw_flow_action */
	u8 drop_reason;			/* enum vpcsw_drop_reason */
	bool set_src_mac;
	bool set_dst_mac;
	bool dec_ttl;
	u8 src_mac[ETH_ALEN];
	u8 dst_mac[ETH_ALEN];
	/*
	 * Not a counted reference: followed only while ->generation is
	 * current, and a device leaving the switch bumps the generation
	 * before it goes (see DOC: Locking in switch.h).
	 */
	struct net_device *out_dev;
	u32 out_ifindex;
	u32 vni;
	struct in6_addr tun_dst;
	struct metadata_dst *tun_md;	/* owned; precomputed tunnel info */
	/*
	 * Security groups.  Like out_dev, these pointers are followed only
	 * while ->generation is current (ports, zones, rules), and the ACL
	 * part only while each port's acl_gen still equals ours.
	 */
	struct nf_conn *ct_tmpl;	/* the VPC's zone; NULL: not tracked */
	bool deny_new;			/* rules refuse a new connection */
	struct vpcsw_port *deny_port;	/* whose rules refused it */
	struct vpcsw_port *acl_port[2];	/* sender, receiver: who decided */
	u32 acl_gen[2];
	struct vpcsw_sg_rule *acl_rule[2];	/* the allows, for hit counts */
	struct rcu_head rcu;
};

struct vpcsw_flow_stats {
	u64 packets;
	u64 bytes;
	struct u64_stats_sync syncp;
};

struct vpcsw_flow {
	struct rhash_head node;
	struct vpcsw_flow_key key;
	struct vpcsw_actions __rcu *actions;
	struct vpcsw_port *in_port;	/* counted reference, NULL for tunnel */
	unsigned long used;		/* jiffies of the last packet */
	struct vpcsw_flow_stats __percpu *stats;
	struct rcu_head rcu;
};

struct vpcsw_flow_table {
	struct rhashtable table;
	atomic_t count;
	u32 limit;
	struct delayed_work gc_work;
};

int vpcsw_flow_table_init(struct vpcsw_flow_table *ft);
void vpcsw_flow_table_destroy(struct vpcsw_flow_table *ft);

struct vpcsw_flow *vpcsw_flow_lookup(struct vpcsw_flow_table *ft,
				     const struct vpcsw_flow_key *key);
struct vpcsw_flow *vpcsw_flow_insert(struct vpcsw_switch *sw,
				     const struct vpcsw_flow_key *key,
				     struct vpcsw_port *in_port,
				     struct vpcsw_actions *acts, int *reason);
void vpcsw_flow_replace_actions(struct vpcsw_flow *flow,
				struct vpcsw_actions *acts);
void vpcsw_flow_flush(struct vpcsw_switch *sw);
void vpcsw_actions_free(struct vpcsw_actions *acts);

static inline void vpcsw_flow_used(struct vpcsw_flow *flow, unsigned int len)
{
	struct vpcsw_flow_stats *s = this_cpu_ptr(flow->stats);
	unsigned long now;

	u64_stats_update_begin(&s->syncp);
	s->packets++;
	s->bytes += len;
	u64_stats_update_end(&s->syncp);
	now = jiffies;
	/* write once per tick, not per packet: the line stays shared */
	if (READ_ONCE(flow->used) != now)
		WRITE_ONCE(flow->used, now);
}

void vpcsw_flow_read_stats(struct vpcsw_flow *flow, u64 *packets, u64 *bytes);
int vpcsw_flow_cache_init(void);
void vpcsw_flow_cache_exit(void);

#endif /* _VPCSW_FLOW_TABLE_H */
