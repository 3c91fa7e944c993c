/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_SG_H
#define _VPCSW_SG_H

#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/in6.h>
#include <linux/list.h>
#include <linux/netlink.h>
#include <linux/rhashtable-types.h>
#include <uapi/linux/vpcsw.h>

struct vpcsw_switch;

#define VPCSW_SG_MAX_PER_PORT		16
#define VPCSW_DEFAULT_PORT_SG_LIMIT	5
#define VPCSW_SG_MAX_RULES		65536
#define VPCSW_SG_NAME_LEN		64

enum vpcsw_sg_remote {
	VPCSW_SG_REMOTE_CIDR,
	VPCSW_SG_REMOTE_GROUP,
};

/*
 * What a rule is found by in its group's classifier: the protocol (0 =
 * any) and the remote, a CIDR (masked, IPv4 mapped) or a group id.
 */
struct vpcsw_acl_key {
	u8 proto;
	u8 remote;			/* enum vpcsw_sg_remote */
	u8 plen;			/* 128-bit prefix length (CIDR) */
	u8 v4;				/* CIDR family: never across families */
	u32 group;			/* VPCSW_SG_REMOTE_GROUP */
	struct in6_addr addr;		/* VPCSW_SG_REMOTE_CIDR */
};

/*
 * An allow rule.  "lo..hi" is the destination port range for TCP, UDP and
 * SCTP, type << 8 | code for ICMP, 0..0xffff for everything else.
 */
struct vpcsw_sg_rule {
	struct list_head list;		/* in sg->rules, RCU */
	struct list_head bucket_list;	/* in its bucket, RTNL */
	struct vpcsw_acl_key key;
	u8 dir;				/* enum vpcsw_sg_direction */
	u16 lo, hi;
	atomic64_t hits;		/* connections it admitted */
	struct rcu_head rcu;
};

/*
 * One direction of a group's compiled rules: tuple-space search.  Rules
 * with the same key share a bucket whose port ranges are precomputed as
 * sorted, disjoint intervals; a lookup costs one hash probe per prefix
 * length present (and per remote group of the peer), times two for the
 * "any protocol" rules, and a binary search: never a rule scan.
 */
struct vpcsw_acl_table {
	struct rhashtable buckets;
	/*
	 * CIDR prefix lengths present, per family (IPv4: 0..32), so that a
	 * peer's lookup probes only lengths of its own family
	 */
	DECLARE_BITMAP(plens_v4, 33);
	DECLARE_BITMAP(plens_v6, 129);
	u32 plen_buckets_v4[33];
	u32 plen_buckets_v6[129];
	u32 group_buckets;		/* buckets with a group remote */
};

struct vpcsw_sg {
	struct list_head list;		/* in sw->sgs, RCU */
	u32 id;
	u32 vpc_id;
	char name[VPCSW_SG_NAME_LEN];
	u32 n_rules;
	u32 n_ports;			/* local member ports */
	struct list_head rules;		/* RCU, in the order added */
	struct vpcsw_acl_table acl[2];	/* [0] ingress, [1] egress */
	struct rcu_head rcu;
};

/* The remote end of a packet, as the classifier sees it. */
struct vpcsw_acl_peer {
	const struct in6_addr *ip;
	const u32 *groups;
	u32 n_groups;
};

int vpcsw_sg_init(struct vpcsw_switch *sw);
void vpcsw_sg_destroy(struct vpcsw_switch *sw);
struct vpcsw_sg *vpcsw_sg_find(struct vpcsw_switch *sw, u32 id);
int vpcsw_sg_add(struct vpcsw_switch *sw, u32 vpc_id, u32 id, const char *name,
		 struct netlink_ext_ack *extack);
int vpcsw_sg_del(struct vpcsw_switch *sw, struct vpcsw_sg *sg,
		 struct netlink_ext_ack *extack);
void vpcsw_sg_del_vpc(struct vpcsw_switch *sw, u32 vpc_id);
void vpcsw_sg_members_changed(struct vpcsw_switch *sw, const u32 *old,
			      u32 n_old, const u32 *new, u32 n_new);

int vpcsw_sg_rule_init(struct vpcsw_sg_rule *rule, u8 dir, u8 proto,
		       int port_min, int port_max, int icmp_type, int icmp_code,
		       const struct in6_addr *prefix, int plen, u32 group,
		       struct netlink_ext_ack *extack);
int vpcsw_sg_rules_add(struct vpcsw_switch *sw, struct vpcsw_sg *sg,
		       struct vpcsw_sg_rule **rules, u32 n, u32 *bad,
		       struct netlink_ext_ack *extack);
int vpcsw_sg_rules_del(struct vpcsw_switch *sw, struct vpcsw_sg *sg,
		       const struct vpcsw_sg_rule *rules, u32 n, u32 *bad,
		       struct netlink_ext_ack *extack);

struct vpcsw_sg_rule *vpcsw_sg_match(const struct vpcsw_sg *sg, u8 dir,
				     u8 proto, u16 port,
				     const struct vpcsw_acl_peer *peer);

#endif /* _VPCSW_SG_H */
