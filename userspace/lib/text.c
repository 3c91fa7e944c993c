// SPDX-License-Identifier: GPL-2.0
/* libvpcsw: addresses as text, names of enum values and attributes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "libvpcsw.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

int vpcsw_uint_parse(const char *s, uint64_t max, uint64_t *value)
{
	unsigned long long v;
	char *end;

	/* strtoull() would take signs and leading blanks */
	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v > max)
		return -ERANGE;
	*value = v;
	return 0;
}

int vpcsw_ip_parse(const char *s, struct vpcsw_ip *ip)
{
	memset(ip, 0, sizeof(*ip));
	if (inet_pton(AF_INET, s, ip->addr) == 1) {
		ip->family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, ip->addr) == 1) {
		ip->family = AF_INET6;
		return 0;
	}
	memset(ip, 0, sizeof(*ip));
	return -EINVAL;
}

void vpcsw_prefix_mask(struct vpcsw_ip *ip, uint8_t len)
{
	unsigned int i;

	for (i = len; i < vpcsw_ip_len(ip) * 8; i++)
		ip->addr[i / 8] &= ~(0x80 >> (i % 8));
}

int vpcsw_prefix_parse(const char *s, struct vpcsw_ip *ip, uint8_t *len)
{
	const char *slash = strchr(s, '/');
	char addr[VPCSW_IP_STRLEN];
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	struct vpcsw_ip masked;
	uint64_t plen;

	if (n >= sizeof(addr))
		return -EINVAL;
	memcpy(addr, s, n);
	addr[n] = '\0';
	if (vpcsw_ip_parse(addr, ip))
		return -EINVAL;
	plen = vpcsw_ip_len(ip) * 8;
	if (slash && vpcsw_uint_parse(slash + 1, plen, &plen))
		return -EINVAL;
	*len = plen;
	masked = *ip;
	vpcsw_prefix_mask(&masked, *len);
	return memcmp(&masked, ip, sizeof(masked)) ? -ERANGE : 0;
}

const char *vpcsw_ip_str(const struct vpcsw_ip *ip, char *buf)
{
	if (!ip->family || !inet_ntop(ip->family, ip->addr, buf,
				      VPCSW_IP_STRLEN))
		snprintf(buf, VPCSW_IP_STRLEN, "?");
	return buf;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int vpcsw_mac_parse(const char *s, uint8_t mac[6])
{
	int i, hi, lo;

	for (i = 0; i < 6; i++) {
		hi = hexval(*s++);
		if (hi < 0)
			return -EINVAL;
		lo = hexval(*s++);
		if (lo < 0)
			return -EINVAL;
		mac[i] = hi << 4 | lo;
		if (i < 5 && *s++ != ':')
			return -EINVAL;
	}
	return *s ? -EINVAL : 0;
}

const char *vpcsw_mac_str(const uint8_t mac[6], char *buf)
{
	snprintf(buf, VPCSW_MAC_STRLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

static const char *const drop_names[VPCSW_DROP_MAX + 1] = {
	[VPCSW_DROP_MALFORMED]		= "malformed",
	[VPCSW_DROP_UNSUPPORTED]	= "unsupported",
	[VPCSW_DROP_PORT_UNCONFIGURED]	= "port-unconfigured",
	[VPCSW_DROP_SPOOF_MAC]		= "spoof-mac",
	[VPCSW_DROP_SPOOF_IP]		= "spoof-ip",
	[VPCSW_DROP_BROADCAST]		= "broadcast",
	[VPCSW_DROP_ARP_NO_ANSWER]	= "arp-no-answer",
	[VPCSW_DROP_UNKNOWN_DST]	= "unknown-dst",
	[VPCSW_DROP_NO_ROUTE]		= "no-route",
	[VPCSW_DROP_ROUTE_DROP]		= "route-drop",
	[VPCSW_DROP_TTL_EXPIRED]	= "ttl-expired",
	[VPCSW_DROP_UNKNOWN_VNI]	= "unknown-vni",
	[VPCSW_DROP_TUN_SRC_UNKNOWN]	= "tun-src-unknown",
	[VPCSW_DROP_TUN_SRC_WRONG_HOST]	= "tun-src-wrong-host",
	[VPCSW_DROP_NO_UNDERLAY]	= "no-underlay",
	[VPCSW_DROP_FLOW_LIMIT]		= "flow-limit",
	[VPCSW_DROP_PORT_FLOW_LIMIT]	= "port-flow-limit",
	[VPCSW_DROP_TX_ERROR]		= "tx-error",
	[VPCSW_DROP_WRONG_DST_MAC]	= "wrong-dst-mac",
	[VPCSW_DROP_TUN_OPTION]		= "tun-option",
	[VPCSW_DROP_ACL]		= "acl",
	[VPCSW_DROP_CT_INVALID]		= "ct-invalid",
	[VPCSW_DROP_CT_FULL]		= "ct-full",
	[VPCSW_DROP_FRAGMENT]		= "fragment",
};

static const char *const stats_names[VPCSW_STATS_MAX + 1] = {
	[VPCSW_STATS_RX_PACKETS]	= "rx-packets",
	[VPCSW_STATS_RX_BYTES]		= "rx-bytes",
	[VPCSW_STATS_TX_PACKETS]	= "tx-packets",
	[VPCSW_STATS_TX_BYTES]		= "tx-bytes",
	[VPCSW_STATS_DROPS]		= "drops",
	[VPCSW_STATS_FLOW_HITS]		= "flow-hits",
	[VPCSW_STATS_FLOW_MISSES]	= "flow-misses",
	[VPCSW_STATS_ARP_REPLIES]	= "arp-replies",
	[VPCSW_STATS_CT_NEW]		= "ct-new",
	[VPCSW_STATS_ACL_DROPS]		= "acl-drops",
	[VPCSW_STATS_FRAGS_QUEUED]	= "frags-queued",
	[VPCSW_STATS_REASSEMBLED]	= "reassembled",
	[VPCSW_STATS_FRAGS_SENT]	= "frags-sent",
};

static const char *const encap_names[] = {
	[VPCSW_ENCAP_NONE]		= "none",
	[VPCSW_ENCAP_VXLAN]		= "vxlan",
	[VPCSW_ENCAP_GENEVE]		= "geneve",
};

static const char *const route_type_names[] = {
	[VPCSW_ROUTE_LOCAL]		= "local",
	[VPCSW_ROUTE_MAPPING]		= "mapping",
	[VPCSW_ROUTE_GATEWAY]		= "gateway",
	[VPCSW_ROUTE_DROP]		= "drop",
};

static const char *const flow_action_names[] = {
	[VPCSW_FLOW_OUTPUT]		= "output",
	[VPCSW_FLOW_ENCAP]		= "encap",
	[VPCSW_FLOW_DROP]		= "drop",
};

static const char *const cmd_names[] = {
	[VPCSW_CMD_SWITCH_GET]		= "switch-get",
	[VPCSW_CMD_SWITCH_SET]		= "switch-set",
	[VPCSW_CMD_VPC_NEW]		= "vpc-new",
	[VPCSW_CMD_VPC_DEL]		= "vpc-del",
	[VPCSW_CMD_VPC_GET]		= "vpc-get",
	[VPCSW_CMD_SUBNET_NEW]		= "subnet-new",
	[VPCSW_CMD_SUBNET_DEL]		= "subnet-del",
	[VPCSW_CMD_SUBNET_GET]		= "subnet-get",
	[VPCSW_CMD_PORT_NEW]		= "port-new",
	[VPCSW_CMD_PORT_DEL]		= "port-del",
	[VPCSW_CMD_PORT_SET]		= "port-set",
	[VPCSW_CMD_PORT_GET]		= "port-get",
	[VPCSW_CMD_MAPPING_NEW]		= "mapping-new",
	[VPCSW_CMD_MAPPING_DEL]		= "mapping-del",
	[VPCSW_CMD_MAPPING_GET]		= "mapping-get",
	[VPCSW_CMD_ROUTE_NEW]		= "route-new",
	[VPCSW_CMD_ROUTE_DEL]		= "route-del",
	[VPCSW_CMD_ROUTE_GET]		= "route-get",
	[VPCSW_CMD_FLOW_GET]		= "flow-get",
	[VPCSW_CMD_FLOW_FLUSH]		= "flow-flush",
	[VPCSW_CMD_MISS]		= "miss",
	[VPCSW_CMD_MAPPING_SET]		= "mapping-set",
	[VPCSW_CMD_SG_NEW]		= "sg-new",
	[VPCSW_CMD_SG_DEL]		= "sg-del",
	[VPCSW_CMD_SG_GET]		= "sg-get",
	[VPCSW_CMD_SG_RULE_NEW]		= "sg-rule-new",
	[VPCSW_CMD_SG_RULE_DEL]		= "sg-rule-del",
	[VPCSW_CMD_CT_FLUSH]		= "ct-flush",
};

static const char *const sg_direction_names[] = {
	[VPCSW_SG_INGRESS]		= "ingress",
	[VPCSW_SG_EGRESS]		= "egress",
};

/* The protocols security group rules are written with. */
static const char *const ip_proto_names[] = {
	[0]				= "any",
	[IPPROTO_ICMP]			= "icmp",
	[IPPROTO_TCP]			= "tcp",
	[IPPROTO_UDP]			= "udp",
	[IPPROTO_ICMPV6]		= "icmpv6",
	[IPPROTO_SCTP]			= "sctp",
};

static const char *name_of(const char *const *names, size_t n,
			   unsigned int value)
{
	return value < n ? names[value] : NULL;
}

const char *vpcsw_drop_name(unsigned int reason)
{
	return name_of(drop_names, ARRAY_SIZE(drop_names), reason);
}

const char *vpcsw_stats_name(unsigned int stat)
{
	return name_of(stats_names, ARRAY_SIZE(stats_names), stat);
}

const char *vpcsw_encap_name(unsigned int encap)
{
	return name_of(encap_names, ARRAY_SIZE(encap_names), encap);
}

const char *vpcsw_route_type_name(unsigned int type)
{
	return name_of(route_type_names, ARRAY_SIZE(route_type_names), type);
}

const char *vpcsw_flow_action_name(unsigned int action)
{
	return name_of(flow_action_names, ARRAY_SIZE(flow_action_names),
		       action);
}

const char *vpcsw_cmd_name(unsigned int cmd)
{
	return name_of(cmd_names, ARRAY_SIZE(cmd_names), cmd);
}

const char *vpcsw_sg_direction_name(unsigned int dir)
{
	return name_of(sg_direction_names, ARRAY_SIZE(sg_direction_names),
		       dir);
}

const char *vpcsw_ip_proto_name(unsigned int proto)
{
	return name_of(ip_proto_names, ARRAY_SIZE(ip_proto_names), proto);
}

static int value_of(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], name))
			return i;
	return -1;
}

int vpcsw_encap_from_name(const char *name)
{
	return value_of(encap_names, ARRAY_SIZE(encap_names), name);
}

int vpcsw_sg_direction_from_name(const char *name)
{
	return value_of(sg_direction_names, ARRAY_SIZE(sg_direction_names),
			name);
}

int vpcsw_ip_proto_from_name(const char *name)
{
	return value_of(ip_proto_names, ARRAY_SIZE(ip_proto_names), name);
}

static const struct {
	const char *name;
	enum vpcsw_attr_kind kind;
} attrs[VPCSW_A_MAX + 1] = {
	[VPCSW_A_SWITCH_IFINDEX]	= { "switch-ifindex",	VPCSW_KIND_U32 },
	[VPCSW_A_SWITCH_IFNAME]		= { "switch",		VPCSW_KIND_STRING },
	[VPCSW_A_UNDERLAY_IP]		= { "underlay",		VPCSW_KIND_IP },
	[VPCSW_A_ENCAP]			= { "encap",		VPCSW_KIND_U8 },
	[VPCSW_A_UDP_PORT]		= { "udp-port",		VPCSW_KIND_U16 },
	[VPCSW_A_FLOW_LIMIT]		= { "flow-limit",	VPCSW_KIND_U32 },
	[VPCSW_A_PORT_FLOW_LIMIT]	= { "port-flow-limit",	VPCSW_KIND_U32 },
	[VPCSW_A_FLOW_IDLE_MS]		= { "flow-idle",	VPCSW_KIND_U32 },
	[VPCSW_A_ROUTER_MAC]		= { "router-mac",	VPCSW_KIND_MAC },
	[VPCSW_A_TUNNEL_IFINDEX]	= { "tunnel-ifindex",	VPCSW_KIND_U32 },
	[VPCSW_A_FLOW_COUNT]		= { "flows",		VPCSW_KIND_U32 },
	[VPCSW_A_MAPPING_LIMIT]		= { "mapping-limit",	VPCSW_KIND_U32 },
	[VPCSW_A_MAPPING_COUNT]		= { "mappings",		VPCSW_KIND_U32 },
	[VPCSW_A_GENERATION]		= { "generation",	VPCSW_KIND_U32 },
	[VPCSW_A_DROPS]			= { "drops",		VPCSW_KIND_COUNTERS },
	[VPCSW_A_STATS]			= { "stats",		VPCSW_KIND_COUNTERS },
	[VPCSW_A_VPC_ID]		= { "vpc",		VPCSW_KIND_U32 },
	[VPCSW_A_VNI]			= { "vni",		VPCSW_KIND_U32 },
	[VPCSW_A_VPC_FLAGS]		= { "vpc-flags",	VPCSW_KIND_U32 },
	[VPCSW_A_PREFIX]		= { "prefix",		VPCSW_KIND_IP },
	[VPCSW_A_PREFIX_LEN]		= { "prefix-len",	VPCSW_KIND_U8 },
	[VPCSW_A_GATEWAY_IP]		= { "gateway",		VPCSW_KIND_IP },
	[VPCSW_A_PORT_IFINDEX]		= { "port-ifindex",	VPCSW_KIND_U32 },
	[VPCSW_A_PORT_IFNAME]		= { "port",		VPCSW_KIND_STRING },
	[VPCSW_A_MAC]			= { "mac",		VPCSW_KIND_MAC },
	[VPCSW_A_IPS]			= { "ips",		VPCSW_KIND_IPS },
	[VPCSW_A_IP]			= { "ip",		VPCSW_KIND_IP },
	[VPCSW_A_OVERLAY_IP]		= { "overlay-ip",	VPCSW_KIND_IP },
	[VPCSW_A_ROUTE_TYPE]		= { "route-type",	VPCSW_KIND_U8 },
	[VPCSW_A_NEXTHOP_IP]		= { "via",		VPCSW_KIND_IP },
	[VPCSW_A_FLOW_IN_IFINDEX]	= { "in-ifindex",	VPCSW_KIND_U32 },
	[VPCSW_A_FLOW_TUN_SRC]		= { "tun-src",		VPCSW_KIND_IP },
	[VPCSW_A_FLOW_SRC]		= { "src",		VPCSW_KIND_IP },
	[VPCSW_A_FLOW_DST]		= { "dst",		VPCSW_KIND_IP },
	[VPCSW_A_FLOW_PROTO]		= { "proto",		VPCSW_KIND_U8 },
	[VPCSW_A_FLOW_SPORT]		= { "sport",		VPCSW_KIND_U16 },
	[VPCSW_A_FLOW_DPORT]		= { "dport",		VPCSW_KIND_U16 },
	[VPCSW_A_FLOW_ACTION]		= { "action",		VPCSW_KIND_U8 },
	[VPCSW_A_FLOW_DROP_REASON]	= { "drop-reason",	VPCSW_KIND_U32 },
	[VPCSW_A_FLOW_OUT_IFINDEX]	= { "out-ifindex",	VPCSW_KIND_U32 },
	[VPCSW_A_FLOW_TUN_DST]		= { "tun-dst",		VPCSW_KIND_IP },
	[VPCSW_A_FLOW_SET_SRC_MAC]	= { "set-src-mac",	VPCSW_KIND_MAC },
	[VPCSW_A_FLOW_SET_DST_MAC]	= { "set-dst-mac",	VPCSW_KIND_MAC },
	[VPCSW_A_FLOW_DEC_TTL]		= { "dec-ttl",		VPCSW_KIND_FLAG },
	[VPCSW_A_FLOW_PACKETS]		= { "packets",		VPCSW_KIND_U64 },
	[VPCSW_A_FLOW_BYTES]		= { "bytes",		VPCSW_KIND_U64 },
	[VPCSW_A_FLOW_AGE_MS]		= { "age-ms",		VPCSW_KIND_U32 },
	[VPCSW_A_DROP_REASON]		= { "drop-reason",	VPCSW_KIND_U32 },
	[VPCSW_A_PAD]			= { "pad",		VPCSW_KIND_PAD },
	[VPCSW_A_SG_ID]			= { "sg",		VPCSW_KIND_U32 },
	[VPCSW_A_SG_NAME]		= { "name",		VPCSW_KIND_STRING },
	[VPCSW_A_SG_IDS]		= { "sg",		VPCSW_KIND_SG_IDS },
	[VPCSW_A_SG_RULES]		= { "rules",		VPCSW_KIND_SG_RULES },
	[VPCSW_A_SG_RULE]		= { "rule",		VPCSW_KIND_SG_RULE },
	[VPCSW_A_PORT_SECURITY]		= { "port-security",	VPCSW_KIND_U8 },
	[VPCSW_A_ALLOWED_IPS]		= { "allowed-ips",	VPCSW_KIND_IPS },
	[VPCSW_A_CT_FLUSH]		= { "flush",		VPCSW_KIND_FLAG },
	[VPCSW_A_CT_ZONE]		= { "ct-zone",		VPCSW_KIND_U16 },
	[VPCSW_A_CT_TCP_TIMEOUT]	= { "ct-tcp-timeout",	VPCSW_KIND_U32 },
	[VPCSW_A_CT_UDP_TIMEOUT]	= { "ct-udp-timeout",	VPCSW_KIND_U32 },
	[VPCSW_A_CT_ICMP_TIMEOUT]	= { "ct-icmp-timeout",	VPCSW_KIND_U32 },
	[VPCSW_A_PORT_SG_LIMIT]		= { "port-sg-limit",	VPCSW_KIND_U32 },
	[VPCSW_A_SG_RULE_COUNT]		= { "rule-count",	VPCSW_KIND_U32 },
	[VPCSW_A_SG_PORT_COUNT]		= { "port-count",	VPCSW_KIND_U32 },
};

enum vpcsw_attr_kind vpcsw_attr_kind(unsigned int type)
{
	return type < ARRAY_SIZE(attrs) ? attrs[type].kind : VPCSW_KIND_UNKNOWN;
}

const char *vpcsw_attr_name(unsigned int type)
{
	return type < ARRAY_SIZE(attrs) ? attrs[type].name : NULL;
}

const char *vpcsw_attr_value_name(unsigned int type, uint64_t value)
{
	switch (type) {
	case VPCSW_A_ENCAP:
		return vpcsw_encap_name(value);
	case VPCSW_A_ROUTE_TYPE:
		return vpcsw_route_type_name(value);
	case VPCSW_A_FLOW_ACTION:
		return vpcsw_flow_action_name(value);
	case VPCSW_A_FLOW_DROP_REASON:
	case VPCSW_A_DROP_REASON:
		return vpcsw_drop_name(value);
	default:
		return NULL;
	}
}

const char *vpcsw_counter_name(unsigned int nest_type, unsigned int type)
{
	if (nest_type == VPCSW_A_DROPS)
		return vpcsw_drop_name(type);
	if (nest_type == VPCSW_A_STATS)
		return vpcsw_stats_name(type);
	return NULL;
}

int vpcsw_get_ip(const struct nlattr *attr, struct vpcsw_ip *ip)
{
	uint16_t len = mnl_attr_get_payload_len(attr);

	memset(ip, 0, sizeof(*ip));
	if (len != 4 && len != 16)
		return -EBADMSG;
	ip->family = len == 4 ? AF_INET : AF_INET6;
	memcpy(ip->addr, mnl_attr_get_payload(attr), len);
	return 0;
}

int vpcsw_get_mac(const struct nlattr *attr, uint8_t mac[6])
{
	if (mnl_attr_get_payload_len(attr) != 6)
		return -EBADMSG;
	memcpy(mac, mnl_attr_get_payload(attr), 6);
	return 0;
}

void vpcsw_put_ip(struct nlmsghdr *nlh, uint16_t type,
		  const struct vpcsw_ip *ip)
{
	vpcsw_attr_put(nlh, type, vpcsw_ip_len(ip), ip->addr);
}

uint64_t vpcsw_get_counters(const struct nlattr *nest, uint64_t *values,
			    unsigned int max)
{
	const struct nlattr *attr;
	uint64_t present = 0;
	unsigned int type;

	memset(values, 0, (max + 1) * sizeof(*values));
	mnl_attr_for_each_nested(attr, nest) {
		type = mnl_attr_get_type(attr);
		/* pads (empty, any type) and unknown counters are skipped */
		if (type == 0 || type > max ||
		    mnl_attr_get_payload_len(attr) != sizeof(uint64_t))
			continue;
		values[type] = mnl_attr_get_u64(attr);
		present |= 1ULL << type;
	}
	return present;
}
