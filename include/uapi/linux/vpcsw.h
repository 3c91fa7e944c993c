/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vpcsw - generic netlink family "vpcsw", the control interface of the
 * vpcsw virtual switch.
 *
 * Every request names its switch with VPCSW_A_SWITCH_IFINDEX or
 * VPCSW_A_SWITCH_IFNAME, resolved in the sender's network namespace, and
 * needs CAP_NET_ADMIN in the user namespace owning that network namespace.
 * A rejected request changes nothing and carries an extack message naming
 * the offending attribute.  Unknown attributes are rejected (strict
 * validation), and so are nlmsg_flags beyond NLM_F_REQUEST, NLM_F_ACK,
 * NLM_F_ECHO and NLM_F_DUMP: NEW commands create, SET commands modify (or,
 * for mappings, create or replace).  Dumps set NLM_F_DUMP_INTR when the tables changed while
 * the dump ran: retry it.
 *
 * Addresses ("ip" below) are binary attributes of 4 (IPv4) or 16 (IPv6)
 * bytes in network byte order.  A "mac" is 6 bytes.
 *
 * Commands and attributes (this tree is the reference):
 *
 * VPCSW_CMD_SWITCH_GET (doit, dumpit)    VPCSW_CMD_SWITCH_SET (doit)
 *   VPCSW_A_SWITCH_IFINDEX   u32
 *   VPCSW_A_SWITCH_IFNAME    string
 *   VPCSW_A_UNDERLAY_IP      ip     local underlay (tunnel source) address
 *   VPCSW_A_ENCAP            u8     enum vpcsw_encap
 *   VPCSW_A_UDP_PORT         u16    tunnel UDP port (default by encap)
 *   VPCSW_A_FLOW_LIMIT       u32    max flow entries of the switch
 *   VPCSW_A_PORT_FLOW_LIMIT  u32    max flow entries per port
 *   VPCSW_A_FLOW_IDLE_MS     u32    idle time after which a flow ages out
 *   VPCSW_A_ROUTER_MAC       mac    virtual router (gateway) MAC
 *   VPCSW_A_MAPPING_LIMIT    u32    max mappings of the switch (all VPCs)
 *   VPCSW_A_PORT_SG_LIMIT    u32    max security groups per port (1..16)
 *   VPCSW_A_CT_TCP_TIMEOUT   u32    idle seconds of an established TCP
 *                                   connection (0: the kernel's default;
 *                                   all three at most 2592000, 30 days)
 *   VPCSW_A_CT_UDP_TIMEOUT   u32    idle seconds of a UDP flow (0: default)
 *   VPCSW_A_CT_ICMP_TIMEOUT  u32    idle seconds of an ICMP flow (0: default)
 *   get only:
 *   VPCSW_A_TUNNEL_IFINDEX   u32    the kernel vxlan/geneve device it owns
 *   VPCSW_A_FLOW_COUNT       u32
 *   VPCSW_A_MAPPING_COUNT    u32
 *   VPCSW_A_GENERATION       u32    bumped by every configuration change
 *   VPCSW_A_DROPS            nest   VPCSW_DROP_* (attr type) -> u64 packets
 *                                   (VPCSW_DROP_UNSPEC is its pad type)
 *   VPCSW_A_STATS            nest   VPCSW_STATS_* -> u64
 *
 * VPCSW_CMD_VPC_{NEW,DEL,GET}
 *   VPCSW_A_VPC_ID           u32    key, != 0
 *   VPCSW_A_VNI              u32    24 bits, unique per switch
 *   VPCSW_A_VPC_FLAGS        u32    VPCSW_VPC_F_* (unknown bits rejected)
 *   VPCSW_A_CT_ZONE          u16    nf_conntrack zone of the VPC's
 *                                   connections, unique in the network
 *                                   namespace; default: the VPC id (which
 *                                   must then fit in 16 bits)
 *
 * VPCSW_CMD_SUBNET_{NEW,DEL,GET}
 *   VPCSW_A_VPC_ID           u32
 *   VPCSW_A_PREFIX           ip     key with VPC and length
 *   VPCSW_A_PREFIX_LEN       u8
 *   VPCSW_A_GATEWAY_IP       ip     answered with the router MAC
 *
 * VPCSW_CMD_PORT_{NEW,DEL,SET,GET}
 *   VPCSW_A_PORT_IFINDEX     u32    key (or VPCSW_A_PORT_IFNAME)
 *   VPCSW_A_PORT_IFNAME      string
 *   VPCSW_A_VPC_ID           u32
 *   VPCSW_A_MAC              mac    the VM's MAC
 *   VPCSW_A_IPS              nest   VPCSW_A_IP (repeated): the VM's IPs
 *   VPCSW_A_PORT_FLOW_LIMIT  u32
 *   VPCSW_A_SG_IDS           nest   VPCSW_A_SG_ID (repeated): the port's
 *                                   security groups (empty nest: none)
 *   VPCSW_A_PORT_SECURITY    u8     1 (default): anti-spoofing and security
 *                                   groups apply; 0: neither (appliances)
 *   VPCSW_A_ALLOWED_IPS      nest   VPCSW_A_IP (repeated): extra source IPs
 *                                   the VM may send from (e.g. a VRRP VIP)
 *   VPCSW_A_CT_FLUSH         flag   SET: also end the port's tracked
 *                                   connections
 *   get only: VPCSW_A_FLOW_COUNT u32, VPCSW_A_STATS nest (RX_PACKETS,
 *   RX_BYTES, DROPS, ACL_DROPS; transmit counts are the port netdev's own)
 *
 * VPCSW_CMD_MAPPING_{NEW,SET,DEL,GET}
 *   VPCSW_A_VPC_ID           u32
 *   VPCSW_A_OVERLAY_IP       ip     key with VPC
 *   VPCSW_A_UNDERLAY_IP      ip     the host the VM lives on
 *   VPCSW_A_MAC              mac    the VM's MAC
 *   VPCSW_A_SG_IDS           nest   VPCSW_A_SG_ID (repeated): the VM's
 *                                   security groups, for rules whose remote
 *                                   is a group (need not exist here)
 *   NEW fails if the mapping exists; SET creates or replaces it (the VM
 *   moved): established flows follow on their next packet.
 *   VPCSW_A_MAPPINGS         nest   NEW only, instead of the four above:
 *                                   VPCSW_A_MAPPING nests, each with
 *                                   OVERLAY_IP, UNDERLAY_IP, MAC and
 *                                   optionally SG_IDS.  Added all or none;
 *                                   a refusal's extack points at the
 *                                   mapping refused.  For bulk loads: one
 *                                   request and one ack for thousands.
 *
 * VPCSW_CMD_ROUTE_{NEW,DEL,GET}
 *   VPCSW_A_VPC_ID           u32
 *   VPCSW_A_PREFIX           ip     key with VPC and length
 *   VPCSW_A_PREFIX_LEN       u8
 *   VPCSW_A_ROUTE_TYPE       u8     enum vpcsw_route_type
 *   VPCSW_A_UNDERLAY_IP      ip     VPCSW_ROUTE_GATEWAY: the gateway host
 *   VPCSW_A_NEXTHOP_IP       ip     VPCSW_ROUTE_MAPPING: overlay next hop
 *
 * VPCSW_CMD_FLOW_GET (dumpit)             VPCSW_CMD_FLOW_FLUSH (doit)
 *   The flow table is a cache the datapath changes all the time: its dump
 *   is a walk, not a snapshot, and is never flagged NLM_F_DUMP_INTR.
 *   VPCSW_A_FLOW_IN_IFINDEX  u32    0: from the tunnel
 *   VPCSW_A_VPC_ID           u32
 *   VPCSW_A_FLOW_TUN_SRC     ip     outer source (tunnel flows)
 *   VPCSW_A_FLOW_SRC         ip
 *   VPCSW_A_FLOW_DST         ip
 *   VPCSW_A_FLOW_PROTO       u8
 *   VPCSW_A_FLOW_SPORT       u16
 *   VPCSW_A_FLOW_DPORT       u16
 *   VPCSW_A_FLOW_ACTION      u8     enum vpcsw_flow_action
 *   VPCSW_A_FLOW_DROP_REASON u32    VPCSW_DROP_*, for VPCSW_FLOW_DROP
 *   VPCSW_A_FLOW_OUT_IFINDEX u32    port or tunnel device
 *   VPCSW_A_FLOW_TUN_DST     ip     encap destination
 *   VPCSW_A_VNI              u32    encap VNI
 *   VPCSW_A_FLOW_SET_SRC_MAC mac
 *   VPCSW_A_FLOW_SET_DST_MAC mac
 *   VPCSW_A_FLOW_DEC_TTL     flag
 *   VPCSW_A_FLOW_PACKETS     u64
 *   VPCSW_A_FLOW_BYTES       u64
 *   VPCSW_A_FLOW_AGE_MS      u32    since the last packet
 *   VPCSW_A_GENERATION       u32    the generation it was compiled in
 *
 * VPCSW_CMD_SG_{NEW,DEL,GET}               security groups (allow rules only)
 *   VPCSW_A_VPC_ID           u32    the group's VPC (NEW; GET filter)
 *   VPCSW_A_SG_ID            u32    key, != 0, unique per switch
 *   VPCSW_A_SG_NAME          string NEW, < 64 bytes
 *   NEW creates the group with one rule, egress to anything.  DEL fails
 *   while a port is a member; deleting the VPC deletes its groups (its
 *   ports leave them).
 *   get only: VPCSW_A_SG_RULES nest (VPCSW_A_SG_RULE, with HITS),
 *   VPCSW_A_SG_RULE_COUNT u32, VPCSW_A_SG_PORT_COUNT u32 (local members)
 *
 * VPCSW_CMD_SG_RULE_{NEW,DEL}              atomic: all rules or none
 *   VPCSW_A_SG_ID            u32
 *   VPCSW_A_SG_RULES         nest   VPCSW_A_SG_RULE (repeated), each a nest:
 *     VPCSW_RULE_A_DIRECTION     u8   enum vpcsw_sg_direction
 *     VPCSW_RULE_A_PROTO         u8   IP protocol, 0 = any
 *     VPCSW_RULE_A_PORT_MIN      u16  tcp/udp/sctp destination ports
 *     VPCSW_RULE_A_PORT_MAX      u16  (default: all)
 *     VPCSW_RULE_A_ICMP_TYPE     u8   icmp/icmpv6 (default: any type)
 *     VPCSW_RULE_A_ICMP_CODE     u8   needs a type (default: any code)
 *     VPCSW_RULE_A_REMOTE_PREFIX ip   remote CIDR, with
 *     VPCSW_RULE_A_REMOTE_PREFIX_LEN u8
 *     VPCSW_RULE_A_REMOTE_SG     u32  or: every member of this group
 *     VPCSW_RULE_A_HITS          u64  get only: connections it admitted
 *   A rule is identified by its fields: NEW refuses a rule that exists,
 *   DEL one that does not.
 *   VPCSW_A_CT_FLUSH         flag   also end the tracked connections of
 *                                   the group's member ports
 *   Rule changes never cut tracked connections by themselves: replies and
 *   established traffic are admitted by conntrack, new connections by the
 *   rules in force.
 *
 * VPCSW_CMD_CT_FLUSH (doit)                end tracked connections
 *   VPCSW_A_VPC_ID           u32    required: the VPC's zone
 *   VPCSW_A_PORT_IFINDEX     u32    optional: only this port's connections
 *   VPCSW_A_PORT_IFNAME      string (either names the port)
 *   VPCSW_A_SG_ID            u32    optional: only the group's members'
 *
 * VPCSW_A_PAD is the padding type of 64-bit attributes; skip it.
 *
 * Multicast groups:
 * (both need CAP_NET_ADMIN to join)
 *   "events"  a copy of every successful NEW/DEL/SET/FLUSH request,
 *             with VPCSW_A_SWITCH_IFINDEX always present
 *   "miss"    VPCSW_CMD_MISS: VPCSW_A_SWITCH_IFINDEX,
 *             VPCSW_A_VPC_ID, VPCSW_A_OVERLAY_IP (the
 *             address that could not be resolved), VPCSW_A_FLOW_TUN_SRC
 *             (for tunnel sources), VPCSW_A_DROP_REASON; rate limited.
 */
#ifndef _UAPI_LINUX_VPCSW_H
#define _UAPI_LINUX_VPCSW_H

#define VPCSW_GENL_NAME		"vpcsw"
#define VPCSW_GENL_VERSION	1
#define VPCSW_MCGRP_EVENTS	"events"
#define VPCSW_MCGRP_MISS	"miss"

enum vpcsw_cmd {
	VPCSW_CMD_UNSPEC,
	VPCSW_CMD_SWITCH_GET,
	VPCSW_CMD_SWITCH_SET,
	VPCSW_CMD_VPC_NEW,
	VPCSW_CMD_VPC_DEL,
	VPCSW_CMD_VPC_GET,
	VPCSW_CMD_SUBNET_NEW,
	VPCSW_CMD_SUBNET_DEL,
	VPCSW_CMD_SUBNET_GET,
	VPCSW_CMD_PORT_NEW,
	VPCSW_CMD_PORT_DEL,
	VPCSW_CMD_PORT_SET,
	VPCSW_CMD_PORT_GET,
	VPCSW_CMD_MAPPING_NEW,
	VPCSW_CMD_MAPPING_DEL,
	VPCSW_CMD_MAPPING_GET,
	VPCSW_CMD_ROUTE_NEW,
	VPCSW_CMD_ROUTE_DEL,
	VPCSW_CMD_ROUTE_GET,
	VPCSW_CMD_FLOW_GET,
	VPCSW_CMD_FLOW_FLUSH,
	VPCSW_CMD_MISS,
	VPCSW_CMD_MAPPING_SET,
	VPCSW_CMD_SG_NEW,
	VPCSW_CMD_SG_DEL,
	VPCSW_CMD_SG_GET,
	VPCSW_CMD_SG_RULE_NEW,
	VPCSW_CMD_SG_RULE_DEL,
	VPCSW_CMD_CT_FLUSH,

	__VPCSW_CMD_MAX,
};

#define VPCSW_CMD_MAX (__VPCSW_CMD_MAX - 1)

enum vpcsw_attr {
	VPCSW_A_UNSPEC,
	VPCSW_A_SWITCH_IFINDEX,		/* u32 */
	VPCSW_A_SWITCH_IFNAME,		/* string, < IFNAMSIZ */
	VPCSW_A_UNDERLAY_IP,		/* ip */
	VPCSW_A_ENCAP,			/* u8, enum vpcsw_encap */
	VPCSW_A_UDP_PORT,		/* u16 */
	VPCSW_A_FLOW_LIMIT,		/* u32 */
	VPCSW_A_PORT_FLOW_LIMIT,	/* u32 */
	VPCSW_A_FLOW_IDLE_MS,		/* u32 */
	VPCSW_A_ROUTER_MAC,		/* mac */
	VPCSW_A_TUNNEL_IFINDEX,		/* u32 */
	VPCSW_A_FLOW_COUNT,		/* u32 */
	VPCSW_A_GENERATION,		/* u32 */
	VPCSW_A_DROPS,			/* nest */
	VPCSW_A_STATS,			/* nest */
	VPCSW_A_VPC_ID,			/* u32 */
	VPCSW_A_VNI,			/* u32 */
	VPCSW_A_VPC_FLAGS,		/* u32 */
	VPCSW_A_PREFIX,			/* ip */
	VPCSW_A_PREFIX_LEN,		/* u8 */
	VPCSW_A_GATEWAY_IP,		/* ip */
	VPCSW_A_PORT_IFINDEX,		/* u32 */
	VPCSW_A_PORT_IFNAME,		/* string */
	VPCSW_A_MAC,			/* mac */
	VPCSW_A_IPS,			/* nest of VPCSW_A_IP */
	VPCSW_A_IP,			/* ip */
	VPCSW_A_OVERLAY_IP,		/* ip */
	VPCSW_A_ROUTE_TYPE,		/* u8, enum vpcsw_route_type */
	VPCSW_A_NEXTHOP_IP,		/* ip */
	VPCSW_A_FLOW_IN_IFINDEX,	/* u32 */
	VPCSW_A_FLOW_TUN_SRC,		/* ip */
	VPCSW_A_FLOW_SRC,		/* ip */
	VPCSW_A_FLOW_DST,		/* ip */
	VPCSW_A_FLOW_PROTO,		/* u8 */
	VPCSW_A_FLOW_SPORT,		/* u16 */
	VPCSW_A_FLOW_DPORT,		/* u16 */
	VPCSW_A_FLOW_ACTION,		/* u8, enum vpcsw_flow_action */
	VPCSW_A_FLOW_DROP_REASON,	/* u32, VPCSW_DROP_* */
	VPCSW_A_FLOW_OUT_IFINDEX,	/* u32 */
	VPCSW_A_FLOW_TUN_DST,		/* ip */
	VPCSW_A_FLOW_SET_SRC_MAC,	/* mac */
	VPCSW_A_FLOW_SET_DST_MAC,	/* mac */
	VPCSW_A_FLOW_DEC_TTL,		/* flag */
	VPCSW_A_FLOW_PACKETS,		/* u64 */
	VPCSW_A_FLOW_BYTES,		/* u64 */
	VPCSW_A_FLOW_AGE_MS,		/* u32 */
	VPCSW_A_DROP_REASON,		/* u32, VPCSW_DROP_* */
	VPCSW_A_PAD,
	VPCSW_A_MAPPING_LIMIT,		/* u32 */
	VPCSW_A_MAPPING_COUNT,		/* u32 */
	VPCSW_A_SG_ID,			/* u32 */
	VPCSW_A_SG_NAME,		/* string, < 64 */
	VPCSW_A_SG_IDS,			/* nest of VPCSW_A_SG_ID */
	VPCSW_A_SG_RULES,		/* nest of VPCSW_A_SG_RULE */
	VPCSW_A_SG_RULE,		/* nest, VPCSW_RULE_A_* */
	VPCSW_A_PORT_SECURITY,		/* u8, 0 or 1 */
	VPCSW_A_ALLOWED_IPS,		/* nest of VPCSW_A_IP */
	VPCSW_A_CT_FLUSH,		/* flag */
	VPCSW_A_CT_ZONE,		/* u16 */
	VPCSW_A_CT_TCP_TIMEOUT,		/* u32, seconds */
	VPCSW_A_CT_UDP_TIMEOUT,		/* u32, seconds */
	VPCSW_A_CT_ICMP_TIMEOUT,	/* u32, seconds */
	VPCSW_A_PORT_SG_LIMIT,		/* u32 */
	VPCSW_A_SG_RULE_COUNT,		/* u32 */
	VPCSW_A_SG_PORT_COUNT,		/* u32 */
	VPCSW_A_MAPPINGS,		/* nest of VPCSW_A_MAPPING */
	VPCSW_A_MAPPING,		/* nest: one mapping's attributes */

	__VPCSW_A_MAX,
};

#define VPCSW_A_MAX (__VPCSW_A_MAX - 1)

/* Inside VPCSW_A_SG_RULE. */
enum vpcsw_rule_attr {
	VPCSW_RULE_A_UNSPEC,
	VPCSW_RULE_A_DIRECTION,		/* u8, enum vpcsw_sg_direction */
	VPCSW_RULE_A_PROTO,		/* u8, 0 = any */
	VPCSW_RULE_A_PORT_MIN,		/* u16 */
	VPCSW_RULE_A_PORT_MAX,		/* u16 */
	VPCSW_RULE_A_ICMP_TYPE,		/* u8 */
	VPCSW_RULE_A_ICMP_CODE,		/* u8 */
	VPCSW_RULE_A_REMOTE_PREFIX,	/* ip */
	VPCSW_RULE_A_REMOTE_PREFIX_LEN,	/* u8 */
	VPCSW_RULE_A_REMOTE_SG,		/* u32 */
	VPCSW_RULE_A_HITS,		/* u64 */
	VPCSW_RULE_A_PAD,
	__VPCSW_RULE_A_MAX,
};

#define VPCSW_RULE_A_MAX (__VPCSW_RULE_A_MAX - 1)

enum vpcsw_sg_direction {
	VPCSW_SG_UNSPEC,
	VPCSW_SG_INGRESS,		/* to the port */
	VPCSW_SG_EGRESS,		/* from the port */
	__VPCSW_SG_MAX,
};

#define VPCSW_SG_MAX (__VPCSW_SG_MAX - 1)

enum vpcsw_encap {
	VPCSW_ENCAP_NONE,
	VPCSW_ENCAP_VXLAN,		/* UDP 4789 */
	VPCSW_ENCAP_GENEVE,		/* UDP 6081 */
	__VPCSW_ENCAP_MAX,
};

#define VPCSW_ENCAP_MAX (__VPCSW_ENCAP_MAX - 1)

/* This switch is a gateway of the VPC: it relays underlay traffic for
 * destinations it has a mapping for (Hoverboard-style).
 */
#define VPCSW_VPC_F_GATEWAY	(1U << 0)
#define VPCSW_VPC_F_ALL		(VPCSW_VPC_F_GATEWAY)

enum vpcsw_route_type {
	VPCSW_ROUTE_UNSPEC,
	VPCSW_ROUTE_LOCAL,		/* inside the VPC: ports and mappings */
	VPCSW_ROUTE_MAPPING,		/* via an overlay next hop (appliance) */
	VPCSW_ROUTE_GATEWAY,		/* encap to a gateway host */
	VPCSW_ROUTE_DROP,
	__VPCSW_ROUTE_MAX,
};

#define VPCSW_ROUTE_MAX (__VPCSW_ROUTE_MAX - 1)

enum vpcsw_flow_action {
	VPCSW_FLOW_UNSPEC,
	VPCSW_FLOW_OUTPUT,		/* to a local port */
	VPCSW_FLOW_ENCAP,		/* to the tunnel */
	VPCSW_FLOW_DROP,
	__VPCSW_FLOW_MAX,
};

#define VPCSW_FLOW_MAX (__VPCSW_FLOW_MAX - 1)

/* Drop reasons: attribute types inside VPCSW_A_DROPS. */
enum vpcsw_drop_reason {
	VPCSW_DROP_UNSPEC,
	VPCSW_DROP_MALFORMED,		/* truncated or invalid headers */
	VPCSW_DROP_UNSUPPORTED,		/* ethertype/protocol not handled */
	VPCSW_DROP_PORT_UNCONFIGURED,	/* port has no VPC yet */
	VPCSW_DROP_SPOOF_MAC,		/* source MAC not the port's */
	VPCSW_DROP_SPOOF_IP,		/* source IP not the port's */
	VPCSW_DROP_BROADCAST,		/* broadcast/multicast: never flooded */
	VPCSW_DROP_ARP_NO_ANSWER,	/* ARP for an unknown address */
	VPCSW_DROP_UNKNOWN_DST,		/* no port or mapping for the address */
	VPCSW_DROP_NO_ROUTE,
	VPCSW_DROP_ROUTE_DROP,		/* a drop route matched */
	VPCSW_DROP_TTL_EXPIRED,
	VPCSW_DROP_UNKNOWN_VNI,
	VPCSW_DROP_TUN_SRC_UNKNOWN,	/* inner source has no mapping */
	VPCSW_DROP_TUN_SRC_WRONG_HOST,	/* mapping names another host */
	VPCSW_DROP_NO_UNDERLAY,		/* encap needed, switch has no tunnel */
	VPCSW_DROP_FLOW_LIMIT,		/* flow table full */
	VPCSW_DROP_PORT_FLOW_LIMIT,	/* port's flow quota used up */
	VPCSW_DROP_TX_ERROR,		/* output device refused the packet */
	VPCSW_DROP_WRONG_DST_MAC,	/* not addressed to a VM or the router */
	VPCSW_DROP_TUN_OPTION,		/* Geneve critical option or OAM frame */
	VPCSW_DROP_ACL,			/* no security group rule allows it */
	VPCSW_DROP_CT_INVALID,		/* conntrack found it invalid */
	VPCSW_DROP_CT_FULL,		/* conntrack table full: new connection */
	VPCSW_DROP_FRAGMENT,		/* IP fragment reassembly refused it */
	__VPCSW_DROP_MAX,
};

#define VPCSW_DROP_MAX (__VPCSW_DROP_MAX - 1)

/* Counters: attribute types inside VPCSW_A_STATS, each u64. */
enum vpcsw_stats {
	VPCSW_STATS_UNSPEC,
	VPCSW_STATS_RX_PACKETS,
	VPCSW_STATS_RX_BYTES,
	VPCSW_STATS_TX_PACKETS,
	VPCSW_STATS_TX_BYTES,
	VPCSW_STATS_DROPS,
	VPCSW_STATS_FLOW_HITS,
	VPCSW_STATS_FLOW_MISSES,
	VPCSW_STATS_ARP_REPLIES,
	VPCSW_STATS_PAD,
	VPCSW_STATS_CT_NEW,		/* connections admitted by a rule */
	VPCSW_STATS_ACL_DROPS,		/* port: packets refused by its groups */
	VPCSW_STATS_FRAGS_QUEUED,	/* IP fragments held for reassembly */
	VPCSW_STATS_REASSEMBLED,	/* datagrams reassembled from fragments */
	VPCSW_STATS_FRAGS_SENT,		/* pieces of reassembled datagrams sent */
	__VPCSW_STATS_MAX,
};

#define VPCSW_STATS_MAX (__VPCSW_STATS_MAX - 1)

#endif /* _UAPI_LINUX_VPCSW_H */
