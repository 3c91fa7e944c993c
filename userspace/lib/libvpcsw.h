/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libvpcsw - all netlink encoding of the vpcsw family, shared by the CLI
 * and the agent.  One struct vpcsw_nl per socket; not thread-safe.
 *
 * Objects are plain structs.  Their ATTRS field says which members are
 * set, one bit per attribute (VPCSW_BIT(VPCSW_A_*)): vpcsw_put_*() encodes
 * exactly those, vpcsw_parse_*() sets the bits of what the kernel sent.
 */
#ifndef LIBVPCSW_H
#define LIBVPCSW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <net/if.h>
#include <netinet/in.h>
#include <libmnl/libmnl.h>
#include <linux/vpcsw.h>

/*
 * Room for any request built by this library (the largest: a port), but
 * for security group rules: see vpcsw_sg_rules_start().
 */
#define VPCSW_MSG_SIZE		8192
/* Addresses a struct vpcsw_port holds in each list (the module accepts
 * fewer).
 */
#define LIBVPCSW_PORT_IPS	64
/* Security groups of a port or mapping: VPCSW_A_PORT_SG_LIMIT is 1..16. */
#define LIBVPCSW_SG_IDS		16
/* A security group name with its NUL (VPCSW_A_SG_NAME is < 64 bytes). */
#define VPCSW_SG_NAME_SIZE	64

/*
 * Which attributes an object holds, one bit per VPCSW_A_* type.  There are
 * more than 64 of them: a 128-bit integer (GCC and Clang, 64-bit targets)
 * keeps the bit operations of a plain mask.
 */
typedef unsigned __int128 vpcsw_attrs_t;

#define VPCSW_BIT(attr)		((vpcsw_attrs_t)1 << (attr))

_Static_assert(VPCSW_A_MAX < 128, "attribute bits must fit in vpcsw_attrs_t");

struct vpcsw_nl {
	struct mnl_socket *sock;
	uint16_t family;	/* generic netlink family id (0: rtnetlink) */
	uint32_t mcgrp_events;	/* multicast group ids, 0 if absent */
	uint32_t mcgrp_miss;
	uint32_t portid;
	uint32_t seq;
	char *buf;		/* receive buffer */
	size_t buf_size;
	char errmsg[512];	/* extack message of the last failed request */
	int err_attr_offs;	/* extack bad-attribute offset, 0 if none */
};

/* --- sockets and requests (libvpcsw.c) --------------------------------- */

/*
 * Opens a socket and resolves the "vpcsw" family and its multicast
 * groups; -errno on failure, with nl->errmsg saying why when known
 * (-ENOENT: the module is not loaded).
 */
int vpcsw_nl_open(struct vpcsw_nl *nl);
/* Opens a NETLINK_ROUTE socket for vpcsw_link_*(). */
int vpcsw_rtnl_open(struct vpcsw_nl *nl);
/* Opens a NETLINK_NETFILTER socket for vpcsw_ct_dump(). */
int vpcsw_ctnl_open(struct vpcsw_nl *nl);
void vpcsw_nl_close(struct vpcsw_nl *nl);

/* Starts a request for CMD in BUF (VPCSW_MSG_SIZE bytes), next seq. */
struct nlmsghdr *vpcsw_msg_start(struct vpcsw_nl *nl, void *buf, uint8_t cmd,
				 uint16_t flags);

/*
 * Sends NLH and reads replies until the ack or the end of the dump,
 * calling CB (may be NULL) for every data message.  Returns 0, or -errno
 * with nl->errmsg holding the kernel's extack message (or "").
 * A dump interrupted by a concurrent change (NLM_F_DUMP_INTR) is reported
 * as -EINTR so the caller can retry it.
 */
int vpcsw_nl_talk(struct vpcsw_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		  void *data);

/*
 * A dump, retried while interrupted by concurrent changes.  CB sees the
 * messages of one complete, uninterrupted dump only (they are collected
 * first), so it never sees an entry twice.
 */
int vpcsw_nl_dump(struct vpcsw_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		  void *data);

/* Joins multicast group "events" or "miss" (VPCSW_MCGRP_*). */
int vpcsw_nl_join(struct vpcsw_nl *nl, const char *group);

/*
 * Reads messages of the family (multicast) and calls CB for each, until
 * CB returns MNL_CB_STOP (returns 0) or an error (-errno).  -ENOBUFS
 * means messages were lost; calling it again continues.
 */
int vpcsw_nl_listen(struct vpcsw_nl *nl, mnl_cb_t cb, void *data);

/* Parses the attributes of a vpcsw message into TB[VPCSW_A_MAX + 1],
 * checking the size of every known attribute; -EBADMSG if one is wrong.
 */
int vpcsw_msg_parse(const struct nlmsghdr *nlh, const struct nlattr **tb);

/* Parses the attributes nested in NEST into TB[MAX + 1]; types above
 * MAX are skipped.  Sizes are the caller's to check.
 */
int vpcsw_attr_parse_nested(const struct nlattr *nest,
			    const struct nlattr **tb, unsigned int max);

/*
 * mnl_attr_put() that also zeroes the alignment padding (libmnl < 1.0.5
 * leaves it as it was), and helpers for attributes that need padding.
 */
void vpcsw_attr_put(struct nlmsghdr *nlh, uint16_t type, size_t len,
		    const void *data);

static inline void vpcsw_attr_put_u8(struct nlmsghdr *nlh, uint16_t type,
				     uint8_t value)
{
	vpcsw_attr_put(nlh, type, sizeof(value), &value);
}

static inline void vpcsw_attr_put_u16(struct nlmsghdr *nlh, uint16_t type,
				      uint16_t value)
{
	vpcsw_attr_put(nlh, type, sizeof(value), &value);
}

static inline void vpcsw_attr_put_strz(struct nlmsghdr *nlh, uint16_t type,
				       const char *s)
{
	vpcsw_attr_put(nlh, type, strlen(s) + 1, s);
}

/* Puts the switch selector: an interface name. */
void vpcsw_put_switch(struct nlmsghdr *nlh, const char *ifname);

/*
 * Pipelined requests: many requests in flight on one socket, acks read in
 * bulk.  vpcsw_pipe_add() copies a request built with vpcsw_msg_start()
 * (NLM_F_ACK is added) into the send buffer; it is sent when about
 * VPCSW_PIPE_BYTES are queued or VPCSW_PIPE_MAX requests, and then every
 * ack is read and handed to ACK_CB with the request's COOKIE: ERR is 0 or
 * -errno, nl->errmsg the extack message.  Call vpcsw_pipe_flush() before
 * using the socket for anything else, or requests would be reordered.
 * Functions return 0 or -errno of a socket failure (-ENOBUFS: acks were
 * lost); after one the pipe only returns that error again.
 */
#define VPCSW_PIPE_BYTES	(32 * 1024)
#define VPCSW_PIPE_MAX		512

typedef void (*vpcsw_ack_cb_t)(void *data, uintptr_t cookie, int err);

struct vpcsw_pipe {
	struct vpcsw_nl *nl;
	vpcsw_ack_cb_t ack_cb;
	void *data;
	char *buf;			/* queued requests */
	size_t len;
	unsigned int queued;		/* requests in buf */
	unsigned int inflight;		/* sent, ack not read yet */
	int error;			/* sticky socket failure */
	uint32_t seq[VPCSW_PIPE_MAX];	/* of queued/inflight requests */
	uintptr_t cookie[VPCSW_PIPE_MAX];
};

int vpcsw_pipe_init(struct vpcsw_pipe *p, struct vpcsw_nl *nl,
		    vpcsw_ack_cb_t ack_cb, void *data);
int vpcsw_pipe_add(struct vpcsw_pipe *p, const struct nlmsghdr *nlh,
		   uintptr_t cookie);
/* Sends what is queued and reads every outstanding ack. */
int vpcsw_pipe_flush(struct vpcsw_pipe *p);
/* Cookie of the oldest request without an ack (after a failure). */
uintptr_t vpcsw_pipe_oldest(const struct vpcsw_pipe *p);
void vpcsw_pipe_free(struct vpcsw_pipe *p);

/* --- switch network devices over rtnetlink (rtnl.c) -------------------- */

/* Creates switch IFNAME (kind "vpcsw") and sets it up. */
int vpcsw_link_add(struct vpcsw_nl *rt, const char *ifname);
/* Deletes a link by IFINDEX, or by IFNAME when IFINDEX is 0. */
int vpcsw_link_del(struct vpcsw_nl *rt, uint32_t ifindex, const char *ifname);

/* --- addresses, names (text.c) ----------------------------------------- */

/* An IPv4 or IPv6 address in network byte order; FAMILY 0 when unset. */
struct vpcsw_ip {
	uint8_t family;		/* AF_INET or AF_INET6 */
	uint8_t addr[16];
};

static inline unsigned int vpcsw_ip_len(const struct vpcsw_ip *ip)
{
	return ip->family == AF_INET ? 4 : 16;
}

#define VPCSW_IP_STRLEN		46	/* INET6_ADDRSTRLEN */
#define VPCSW_MAC_STRLEN	18

/* A decimal number without sign: 0, -EINVAL, or -ERANGE above MAX. */
int vpcsw_uint_parse(const char *s, uint64_t max, uint64_t *value);
/* Text to address: 0, or -EINVAL. */
int vpcsw_ip_parse(const char *s, struct vpcsw_ip *ip);
/* "ADDR/LEN" (LEN defaults to the full length); -EINVAL if malformed,
 * -ERANGE if host bits are set beyond LEN.
 */
int vpcsw_prefix_parse(const char *s, struct vpcsw_ip *ip, uint8_t *len);
/* Clears the bits of IP beyond prefix length LEN. */
void vpcsw_prefix_mask(struct vpcsw_ip *ip, uint8_t len);
const char *vpcsw_ip_str(const struct vpcsw_ip *ip, char *buf);
/* "aa:bb:cc:dd:ee:ff": 0, or -EINVAL. */
int vpcsw_mac_parse(const char *s, uint8_t mac[6]);
const char *vpcsw_mac_str(const uint8_t mac[6], char *buf);

/* Names of enum values, NULL when out of range. */
const char *vpcsw_drop_name(unsigned int reason);	/* "no-route" */
const char *vpcsw_stats_name(unsigned int stat);	/* "rx-packets" */
const char *vpcsw_encap_name(unsigned int encap);	/* "vxlan" */
const char *vpcsw_route_type_name(unsigned int type);	/* "gateway" */
const char *vpcsw_flow_action_name(unsigned int action); /* "output" */
const char *vpcsw_cmd_name(unsigned int cmd);		/* "mapping-new" */
const char *vpcsw_sg_direction_name(unsigned int dir);	/* "ingress" */
/* "tcp", "any" (0), ...: NULL for a protocol without a name here. */
const char *vpcsw_ip_proto_name(unsigned int proto);
/* Value of a name, or -1. */
int vpcsw_encap_from_name(const char *name);
int vpcsw_sg_direction_from_name(const char *name);
int vpcsw_ip_proto_from_name(const char *name);	/* names only */

/* What each attribute is, for generic printing (monitor). */
enum vpcsw_attr_kind {
	VPCSW_KIND_UNKNOWN,
	VPCSW_KIND_U8,
	VPCSW_KIND_U16,
	VPCSW_KIND_U32,
	VPCSW_KIND_U64,
	VPCSW_KIND_STRING,
	VPCSW_KIND_IP,
	VPCSW_KIND_MAC,
	VPCSW_KIND_FLAG,
	VPCSW_KIND_IPS,		/* nest of VPCSW_A_IP */
	VPCSW_KIND_COUNTERS,	/* nest of u64 by enum (drops, stats) */
	VPCSW_KIND_SG_IDS,	/* nest of VPCSW_A_SG_ID */
	VPCSW_KIND_SG_RULES,	/* nest of VPCSW_A_SG_RULE */
	VPCSW_KIND_SG_RULE,	/* nest of VPCSW_RULE_A_* */
	VPCSW_KIND_PAD,
};

enum vpcsw_attr_kind vpcsw_attr_kind(unsigned int type);
const char *vpcsw_attr_name(unsigned int type);		/* "overlay-ip" */
/* Name of VALUE of an enum-valued attribute (encap, route type, flow
 * action, drop reason), NULL for other attributes.
 */
const char *vpcsw_attr_value_name(unsigned int type, uint64_t value);
/* Name of counter TYPE in nest NEST_TYPE (VPCSW_A_DROPS, VPCSW_A_STATS). */
const char *vpcsw_counter_name(unsigned int nest_type, unsigned int type);

/* Reads an ip/mac attribute; -EBADMSG if its size is wrong. */
int vpcsw_get_ip(const struct nlattr *attr, struct vpcsw_ip *ip);
int vpcsw_get_mac(const struct nlattr *attr, uint8_t mac[6]);
void vpcsw_put_ip(struct nlmsghdr *nlh, uint16_t type,
		  const struct vpcsw_ip *ip);
/*
 * Reads a counter nest (VPCSW_A_DROPS, VPCSW_A_STATS) into
 * VALUES[MAX + 1]; pad and unknown entries are skipped.  Returns the
 * counters present, one bit (1 << type) each: not every object has all.
 */
uint64_t vpcsw_get_counters(const struct nlattr *nest, uint64_t *values,
			    unsigned int max);

/* --- objects (objects.c) ------------------------------------------------ */

struct vpcsw_switch {
	vpcsw_attrs_t attrs;
	uint32_t ifindex;
	char ifname[IFNAMSIZ];
	struct vpcsw_ip underlay;
	uint8_t encap;
	uint16_t udp_port;
	uint32_t flow_limit;
	uint32_t port_flow_limit;
	uint32_t flow_idle_ms;
	uint8_t router_mac[6];
	uint32_t mapping_limit;
	uint32_t port_sg_limit;
	uint32_t ct_tcp_timeout;	/* seconds, 0: the kernel's default */
	uint32_t ct_udp_timeout;
	uint32_t ct_icmp_timeout;
	/* get only */
	uint32_t tunnel_ifindex;
	uint32_t flow_count;
	uint32_t mapping_count;
	uint32_t generation;
	uint64_t drops[VPCSW_DROP_MAX + 1];
	uint64_t stats[VPCSW_STATS_MAX + 1];
	uint64_t drops_present;	/* from vpcsw_get_counters() */
	uint64_t stats_present;
};

struct vpcsw_vpc {
	vpcsw_attrs_t attrs;
	uint32_t id;
	uint32_t vni;
	uint32_t flags;		/* VPCSW_VPC_F_* */
	uint16_t ct_zone;
};

struct vpcsw_subnet {
	vpcsw_attrs_t attrs;
	uint32_t vpc_id;
	struct vpcsw_ip prefix;
	uint8_t prefix_len;
	struct vpcsw_ip gateway;
};

struct vpcsw_port {
	vpcsw_attrs_t attrs;
	uint32_t ifindex;
	char ifname[IFNAMSIZ];
	uint32_t vpc_id;
	uint8_t mac[6];
	unsigned int n_ips;	/* VPCSW_A_IPS */
	struct vpcsw_ip ips[LIBVPCSW_PORT_IPS];
	uint32_t flow_limit;	/* VPCSW_A_PORT_FLOW_LIMIT */
	unsigned int n_sgs;	/* VPCSW_A_SG_IDS, none when 0 */
	uint32_t sg_ids[LIBVPCSW_SG_IDS];
	uint8_t port_security;	/* VPCSW_A_PORT_SECURITY: 1 or 0 */
	unsigned int n_allowed;	/* VPCSW_A_ALLOWED_IPS */
	struct vpcsw_ip allowed[LIBVPCSW_PORT_IPS];
	/* VPCSW_A_CT_FLUSH (set only): no member, the attribute bit says it */
	/* get only */
	uint32_t flow_count;
	uint64_t stats[VPCSW_STATS_MAX + 1];
	uint64_t stats_present;	/* from vpcsw_get_counters() */
};

struct vpcsw_mapping {
	vpcsw_attrs_t attrs;
	uint32_t vpc_id;
	struct vpcsw_ip overlay;
	struct vpcsw_ip underlay;
	uint8_t mac[6];
	unsigned int n_sgs;	/* VPCSW_A_SG_IDS */
	uint32_t sg_ids[LIBVPCSW_SG_IDS];
};

struct vpcsw_route {
	vpcsw_attrs_t attrs;
	uint32_t vpc_id;
	struct vpcsw_ip prefix;
	uint8_t prefix_len;
	uint8_t type;		/* enum vpcsw_route_type */
	struct vpcsw_ip gateway;	/* VPCSW_A_UNDERLAY_IP */
	struct vpcsw_ip nexthop;	/* VPCSW_A_NEXTHOP_IP */
};

struct vpcsw_flow {
	vpcsw_attrs_t attrs;
	uint32_t in_ifindex;	/* 0: from the tunnel */
	uint32_t vpc_id;
	struct vpcsw_ip tun_src;
	struct vpcsw_ip src;
	struct vpcsw_ip dst;
	uint8_t proto;
	uint16_t sport;
	uint16_t dport;
	uint8_t action;		/* enum vpcsw_flow_action */
	uint32_t drop_reason;
	uint32_t out_ifindex;
	struct vpcsw_ip tun_dst;
	uint32_t vni;
	uint8_t set_src_mac[6];
	uint8_t set_dst_mac[6];
	bool dec_ttl;
	uint64_t packets;
	uint64_t bytes;
	uint32_t age_ms;
	uint32_t generation;
};

/* VPCSW_CMD_MISS, from the "miss" group. */
struct vpcsw_miss {
	vpcsw_attrs_t attrs;
	uint32_t switch_ifindex;
	uint32_t vpc_id;
	struct vpcsw_ip overlay;
	struct vpcsw_ip tun_src;
	uint32_t drop_reason;
};

/* A security group (VPCSW_CMD_SG_*). */
struct vpcsw_sg {
	vpcsw_attrs_t attrs;
	uint32_t id;
	uint32_t vpc_id;
	char name[VPCSW_SG_NAME_SIZE];
	/* get only */
	uint32_t rule_count;
	uint32_t port_count;		/* local member ports */
	const struct nlattr *rules;	/* VPCSW_A_SG_RULES, in the message
					 * parsed: vpcsw_sg_for_each_rule()
					 */
};

/* One rule of a security group: the VPCSW_RULE_A_* of a VPCSW_A_SG_RULE. */
#define VPCSW_RULE_BIT(attr)	(1U << (attr))

struct vpcsw_sg_rule {
	uint32_t attrs;		/* VPCSW_RULE_BIT(VPCSW_RULE_A_*) */
	uint8_t direction;	/* enum vpcsw_sg_direction */
	uint8_t proto;		/* IP protocol, 0: any */
	uint16_t port_min;	/* tcp, udp, sctp destination ports */
	uint16_t port_max;
	uint8_t icmp_type;
	uint8_t icmp_code;
	struct vpcsw_ip remote;	/* VPCSW_RULE_A_REMOTE_PREFIX, with */
	uint8_t remote_len;	/* VPCSW_RULE_A_REMOTE_PREFIX_LEN */
	uint32_t remote_sg;	/* VPCSW_RULE_A_REMOTE_SG */
	uint64_t hits;		/* get only */
};

/* VPCSW_CMD_CT_FLUSH: the connections of a VPC, of a port, of a group. */
struct vpcsw_ct_flush {
	vpcsw_attrs_t attrs;
	uint32_t vpc_id;
	char ifname[IFNAMSIZ];	/* VPCSW_A_PORT_IFNAME */
	uint32_t sg_id;
};

/* Encoders: put the members set in ATTRS (settable ones only). */
void vpcsw_put_switch_config(struct nlmsghdr *nlh,
			     const struct vpcsw_switch *sw);
void vpcsw_put_vpc(struct nlmsghdr *nlh, const struct vpcsw_vpc *vpc);
void vpcsw_put_subnet(struct nlmsghdr *nlh, const struct vpcsw_subnet *sn);
void vpcsw_put_port(struct nlmsghdr *nlh, const struct vpcsw_port *port);
void vpcsw_put_mapping(struct nlmsghdr *nlh, const struct vpcsw_mapping *m);
void vpcsw_put_route(struct nlmsghdr *nlh, const struct vpcsw_route *rt);
void vpcsw_put_sg(struct nlmsghdr *nlh, const struct vpcsw_sg *sg);
void vpcsw_put_ct_flush(struct nlmsghdr *nlh, const struct vpcsw_ct_flush *f);

/*
 * The body of a SG_RULE_NEW/DEL request: vpcsw_sg_rules_start() puts
 * group SG_ID and opens the rules nest, vpcsw_put_sg_rule() adds one rule
 * (at most VPCSW_SG_RULE_MAX_SIZE bytes), vpcsw_sg_rules_end() closes the
 * nest and adds VPCSW_A_CT_FLUSH if CT_FLUSH.  The kernel applies the
 * rules of one request all or none; a request may be up to
 * VPCSW_RULES_MSG_SIZE bytes (the buffer is the caller's).
 */
#define VPCSW_SG_RULE_MAX_SIZE	128
#define VPCSW_RULES_MSG_SIZE	(32 * 1024)

struct nlattr *vpcsw_sg_rules_start(struct nlmsghdr *nlh, uint32_t sg_id);
void vpcsw_put_sg_rule(struct nlmsghdr *nlh, const struct vpcsw_sg_rule *r);
void vpcsw_sg_rules_end(struct nlmsghdr *nlh, struct nlattr *rules,
			bool ct_flush);

/* Decoders: 0, or -EBADMSG for a malformed message. */
int vpcsw_parse_switch(const struct nlmsghdr *nlh, struct vpcsw_switch *sw);
int vpcsw_parse_vpc(const struct nlmsghdr *nlh, struct vpcsw_vpc *vpc);
int vpcsw_parse_subnet(const struct nlmsghdr *nlh, struct vpcsw_subnet *sn);
int vpcsw_parse_port(const struct nlmsghdr *nlh, struct vpcsw_port *port);
int vpcsw_parse_mapping(const struct nlmsghdr *nlh, struct vpcsw_mapping *m);
int vpcsw_parse_route(const struct nlmsghdr *nlh, struct vpcsw_route *rt);
int vpcsw_parse_flow(const struct nlmsghdr *nlh, struct vpcsw_flow *flow);
int vpcsw_parse_miss(const struct nlmsghdr *nlh, struct vpcsw_miss *miss);
/*
 * A group; its rules stay in the message (SG->rules).  The kernel may
 * split the rules of a large group over several messages of a dump, each
 * with the group's id, name and counts.
 */
int vpcsw_parse_sg(const struct nlmsghdr *nlh, struct vpcsw_sg *sg);
/* One VPCSW_A_SG_RULE nest. */
int vpcsw_parse_sg_rule(const struct nlattr *nest, struct vpcsw_sg_rule *r);
/*
 * Calls CB for each rule of SG->rules (none if absent) until CB returns
 * nonzero, which is returned; -EBADMSG for a malformed rule.
 */
int vpcsw_sg_for_each_rule(const struct vpcsw_sg *sg,
			   int (*cb)(const struct vpcsw_sg_rule *r, void *data),
			   void *data);

/* The generic netlink command of a vpcsw message. */
uint8_t vpcsw_msg_cmd(const struct nlmsghdr *nlh);

/* --- the kernel's connection tracking over ctnetlink (conntrack.c) ----- */

/* One direction of a tracked connection. */
struct vpcsw_ct_tuple {
	struct vpcsw_ip src;
	struct vpcsw_ip dst;
	uint8_t proto;		/* IP protocol */
	bool has_ports;		/* tcp, udp, sctp, ... */
	uint16_t sport;		/* host byte order */
	uint16_t dport;
	bool has_icmp;		/* icmp, icmpv6 */
	uint8_t icmp_type;
	uint8_t icmp_code;
	uint16_t icmp_id;
};

struct vpcsw_ct {
	uint16_t zone;		/* CTA_ZONE, 0 when absent */
	struct vpcsw_ct_tuple orig;
	struct vpcsw_ct_tuple reply;
	uint32_t status;	/* IPS_* bits */
	uint32_t timeout;	/* seconds left */
	int tcp_state;		/* enum tcp_conntrack, -1 when not TCP */
};

/*
 * Dumps the kernel's conntrack table (IPv4 and IPv6) over NL, a socket
 * from vpcsw_ctnl_open(), and calls CB for each connection of conntrack
 * zone ZONE.  Returns 0 or -errno (CB may return MNL_CB_ERROR with errno
 * set).  Needs CAP_NET_ADMIN; -EPERM otherwise.
 */
int vpcsw_ct_dump(struct vpcsw_nl *nl, uint16_t zone,
		  int (*cb)(const struct vpcsw_ct *ct, void *data), void *data);
/* "ESTABLISHED" of enum tcp_conntrack, NULL when out of range. */
const char *vpcsw_ct_tcp_state_name(unsigned int state);
/* "ASSURED" of bit IPS_ASSURED_BIT, NULL for an unknown bit. */
const char *vpcsw_ct_status_name(unsigned int bit);

#endif /* LIBVPCSW_H */
