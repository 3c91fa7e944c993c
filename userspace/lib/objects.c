// SPDX-License-Identifier: GPL-2.0
/*
 * libvpcsw: the objects of the vpcsw family as structs, encoded into
 * requests and decoded from replies and events (attribute tree in
 * include/uapi/linux/vpcsw.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "libvpcsw.h"

#define HAS(obj, attr)	((obj)->attrs & VPCSW_BIT(VPCSW_A_##attr))

/* --- encoding ------------------------------------------------------------ */

static void put_flag(struct nlmsghdr *nlh, uint16_t type)
{
	mnl_attr_put(nlh, type, 0, NULL);
}

/* A nest of addresses (empty when N is 0). */
static void put_ips(struct nlmsghdr *nlh, uint16_t type,
		    const struct vpcsw_ip *ips, unsigned int n)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);
	unsigned int i;

	for (i = 0; i < n && i < LIBVPCSW_PORT_IPS; i++)
		vpcsw_put_ip(nlh, VPCSW_A_IP, &ips[i]);
	mnl_attr_nest_end(nlh, nest);
}

/* VPCSW_A_SG_IDS; an empty nest says "no group". */
static void put_sg_ids(struct nlmsghdr *nlh, const uint32_t *ids,
		       unsigned int n)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, VPCSW_A_SG_IDS);
	unsigned int i;

	for (i = 0; i < n && i < LIBVPCSW_SG_IDS; i++)
		mnl_attr_put_u32(nlh, VPCSW_A_SG_ID, ids[i]);
	mnl_attr_nest_end(nlh, nest);
}

void vpcsw_put_switch_config(struct nlmsghdr *nlh,
			     const struct vpcsw_switch *sw)
{
	if (HAS(sw, UNDERLAY_IP))
		vpcsw_put_ip(nlh, VPCSW_A_UNDERLAY_IP, &sw->underlay);
	if (HAS(sw, ENCAP))
		vpcsw_attr_put_u8(nlh, VPCSW_A_ENCAP, sw->encap);
	if (HAS(sw, UDP_PORT))
		vpcsw_attr_put_u16(nlh, VPCSW_A_UDP_PORT, sw->udp_port);
	if (HAS(sw, FLOW_LIMIT))
		mnl_attr_put_u32(nlh, VPCSW_A_FLOW_LIMIT, sw->flow_limit);
	if (HAS(sw, PORT_FLOW_LIMIT))
		mnl_attr_put_u32(nlh, VPCSW_A_PORT_FLOW_LIMIT,
				 sw->port_flow_limit);
	if (HAS(sw, FLOW_IDLE_MS))
		mnl_attr_put_u32(nlh, VPCSW_A_FLOW_IDLE_MS, sw->flow_idle_ms);
	if (HAS(sw, ROUTER_MAC))
		vpcsw_attr_put(nlh, VPCSW_A_ROUTER_MAC, 6, sw->router_mac);
	if (HAS(sw, MAPPING_LIMIT))
		mnl_attr_put_u32(nlh, VPCSW_A_MAPPING_LIMIT, sw->mapping_limit);
	if (HAS(sw, PORT_SG_LIMIT))
		mnl_attr_put_u32(nlh, VPCSW_A_PORT_SG_LIMIT, sw->port_sg_limit);
	if (HAS(sw, CT_TCP_TIMEOUT))
		mnl_attr_put_u32(nlh, VPCSW_A_CT_TCP_TIMEOUT, sw->ct_tcp_timeout);
	if (HAS(sw, CT_UDP_TIMEOUT))
		mnl_attr_put_u32(nlh, VPCSW_A_CT_UDP_TIMEOUT, sw->ct_udp_timeout);
	if (HAS(sw, CT_ICMP_TIMEOUT))
		mnl_attr_put_u32(nlh, VPCSW_A_CT_ICMP_TIMEOUT,
				 sw->ct_icmp_timeout);
}

void vpcsw_put_vpc(struct nlmsghdr *nlh, const struct vpcsw_vpc *vpc)
{
	if (HAS(vpc, VPC_ID))
		mnl_attr_put_u32(nlh, VPCSW_A_VPC_ID, vpc->id);
	if (HAS(vpc, VNI))
		mnl_attr_put_u32(nlh, VPCSW_A_VNI, vpc->vni);
	if (HAS(vpc, VPC_FLAGS))
		mnl_attr_put_u32(nlh, VPCSW_A_VPC_FLAGS, vpc->flags);
	if (HAS(vpc, CT_ZONE))
		vpcsw_attr_put_u16(nlh, VPCSW_A_CT_ZONE, vpc->ct_zone);
}

void vpcsw_put_subnet(struct nlmsghdr *nlh, const struct vpcsw_subnet *sn)
{
	if (HAS(sn, VPC_ID))
		mnl_attr_put_u32(nlh, VPCSW_A_VPC_ID, sn->vpc_id);
	if (HAS(sn, PREFIX))
		vpcsw_put_ip(nlh, VPCSW_A_PREFIX, &sn->prefix);
	if (HAS(sn, PREFIX_LEN))
		vpcsw_attr_put_u8(nlh, VPCSW_A_PREFIX_LEN, sn->prefix_len);
	if (HAS(sn, GATEWAY_IP))
		vpcsw_put_ip(nlh, VPCSW_A_GATEWAY_IP, &sn->gateway);
}

void vpcsw_put_port(struct nlmsghdr *nlh, const struct vpcsw_port *port)
{
	if (HAS(port, PORT_IFINDEX))
		mnl_attr_put_u32(nlh, VPCSW_A_PORT_IFINDEX, port->ifindex);
	if (HAS(port, PORT_IFNAME))
		vpcsw_attr_put_strz(nlh, VPCSW_A_PORT_IFNAME, port->ifname);
	if (HAS(port, VPC_ID))
		mnl_attr_put_u32(nlh, VPCSW_A_VPC_ID, port->vpc_id);
	if (HAS(port, MAC))
		vpcsw_attr_put(nlh, VPCSW_A_MAC, 6, port->mac);
	if (HAS(port, IPS))
		put_ips(nlh, VPCSW_A_IPS, port->ips, port->n_ips);
	if (HAS(port, PORT_FLOW_LIMIT))
		mnl_attr_put_u32(nlh, VPCSW_A_PORT_FLOW_LIMIT, port->flow_limit);
	if (HAS(port, SG_IDS))
		put_sg_ids(nlh, port->sg_ids, port->n_sgs);
	if (HAS(port, PORT_SECURITY))
		vpcsw_attr_put_u8(nlh, VPCSW_A_PORT_SECURITY,
				  port->port_security);
	if (HAS(port, ALLOWED_IPS))
		put_ips(nlh, VPCSW_A_ALLOWED_IPS, port->allowed,
			port->n_allowed);
	if (HAS(port, CT_FLUSH))
		put_flag(nlh, VPCSW_A_CT_FLUSH);
}

void vpcsw_put_mapping(struct nlmsghdr *nlh, const struct vpcsw_mapping *m)
{
	if (HAS(m, VPC_ID))
		mnl_attr_put_u32(nlh, VPCSW_A_VPC_ID, m->vpc_id);
	if (HAS(m, OVERLAY_IP))
		vpcsw_put_ip(nlh, VPCSW_A_OVERLAY_IP, &m->overlay);
	if (HAS(m, UNDERLAY_IP))
		vpcsw_put_ip(nlh, VPCSW_A_UNDERLAY_IP, &m->underlay);
	if (HAS(m, MAC))
		vpcsw_attr_put(nlh, VPCSW_A_MAC, 6, m->mac);
	if (HAS(m, SG_IDS))
		put_sg_ids(nlh, m->sg_ids, m->n_sgs);
}

void vpcsw_put_route(struct nlmsghdr *nlh, const struct vpcsw_route *rt)
{
	if (HAS(rt, VPC_ID))
		mnl_attr_put_u32(nlh, VPCSW_A_VPC_ID, rt->vpc_id);
	if (HAS(rt, PREFIX))
		vpcsw_put_ip(nlh, VPCSW_A_PREFIX, &rt->prefix);
	if (HAS(rt, PREFIX_LEN))
		vpcsw_attr_put_u8(nlh, VPCSW_A_PREFIX_LEN, rt->prefix_len);
	if (HAS(rt, ROUTE_TYPE))
		vpcsw_attr_put_u8(nlh, VPCSW_A_ROUTE_TYPE, rt->type);
	if (HAS(rt, UNDERLAY_IP))
		vpcsw_put_ip(nlh, VPCSW_A_UNDERLAY_IP, &rt->gateway);
	if (HAS(rt, NEXTHOP_IP))
		vpcsw_put_ip(nlh, VPCSW_A_NEXTHOP_IP, &rt->nexthop);
}

void vpcsw_put_sg(struct nlmsghdr *nlh, const struct vpcsw_sg *sg)
{
	if (HAS(sg, SG_ID))
		mnl_attr_put_u32(nlh, VPCSW_A_SG_ID, sg->id);
	if (HAS(sg, VPC_ID))
		mnl_attr_put_u32(nlh, VPCSW_A_VPC_ID, sg->vpc_id);
	if (HAS(sg, SG_NAME))
		vpcsw_attr_put_strz(nlh, VPCSW_A_SG_NAME, sg->name);
}

void vpcsw_put_ct_flush(struct nlmsghdr *nlh, const struct vpcsw_ct_flush *f)
{
	if (HAS(f, VPC_ID))
		mnl_attr_put_u32(nlh, VPCSW_A_VPC_ID, f->vpc_id);
	if (HAS(f, PORT_IFNAME))
		vpcsw_attr_put_strz(nlh, VPCSW_A_PORT_IFNAME, f->ifname);
	if (HAS(f, SG_ID))
		mnl_attr_put_u32(nlh, VPCSW_A_SG_ID, f->sg_id);
}

struct nlattr *vpcsw_sg_rules_start(struct nlmsghdr *nlh, uint32_t sg_id)
{
	mnl_attr_put_u32(nlh, VPCSW_A_SG_ID, sg_id);
	return mnl_attr_nest_start(nlh, VPCSW_A_SG_RULES);
}

#define RULE_HAS(r, attr)	((r)->attrs & VPCSW_RULE_BIT(VPCSW_RULE_A_##attr))

void vpcsw_put_sg_rule(struct nlmsghdr *nlh, const struct vpcsw_sg_rule *r)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, VPCSW_A_SG_RULE);

	if (RULE_HAS(r, DIRECTION))
		vpcsw_attr_put_u8(nlh, VPCSW_RULE_A_DIRECTION, r->direction);
	if (RULE_HAS(r, PROTO))
		vpcsw_attr_put_u8(nlh, VPCSW_RULE_A_PROTO, r->proto);
	if (RULE_HAS(r, PORT_MIN))
		vpcsw_attr_put_u16(nlh, VPCSW_RULE_A_PORT_MIN, r->port_min);
	if (RULE_HAS(r, PORT_MAX))
		vpcsw_attr_put_u16(nlh, VPCSW_RULE_A_PORT_MAX, r->port_max);
	if (RULE_HAS(r, ICMP_TYPE))
		vpcsw_attr_put_u8(nlh, VPCSW_RULE_A_ICMP_TYPE, r->icmp_type);
	if (RULE_HAS(r, ICMP_CODE))
		vpcsw_attr_put_u8(nlh, VPCSW_RULE_A_ICMP_CODE, r->icmp_code);
	if (RULE_HAS(r, REMOTE_PREFIX))
		vpcsw_put_ip(nlh, VPCSW_RULE_A_REMOTE_PREFIX, &r->remote);
	if (RULE_HAS(r, REMOTE_PREFIX_LEN))
		vpcsw_attr_put_u8(nlh, VPCSW_RULE_A_REMOTE_PREFIX_LEN,
				  r->remote_len);
	if (RULE_HAS(r, REMOTE_SG))
		mnl_attr_put_u32(nlh, VPCSW_RULE_A_REMOTE_SG, r->remote_sg);
	mnl_attr_nest_end(nlh, nest);
}

void vpcsw_sg_rules_end(struct nlmsghdr *nlh, struct nlattr *rules,
			bool ct_flush)
{
	mnl_attr_nest_end(nlh, rules);
	if (ct_flush)
		put_flag(nlh, VPCSW_A_CT_FLUSH);
}

/* --- decoding ------------------------------------------------------------ */

/*
 * vpcsw_msg_parse() checked the size of every attribute in TB, so the
 * getters below cannot read past one.
 */
static vpcsw_attrs_t present(const struct nlattr **tb)
{
	vpcsw_attrs_t attrs = 0;
	unsigned int i;

	for (i = 1; i <= VPCSW_A_MAX; i++)
		if (tb[i])
			attrs |= VPCSW_BIT(i);
	return attrs;
}

static void get_u8(const struct nlattr **tb, int type, uint8_t *v)
{
	if (tb[type])
		*v = mnl_attr_get_u8(tb[type]);
}

static void get_u16(const struct nlattr **tb, int type, uint16_t *v)
{
	if (tb[type])
		*v = mnl_attr_get_u16(tb[type]);
}

static void get_u32(const struct nlattr **tb, int type, uint32_t *v)
{
	if (tb[type])
		*v = mnl_attr_get_u32(tb[type]);
}

static void get_u64(const struct nlattr **tb, int type, uint64_t *v)
{
	if (tb[type])
		*v = mnl_attr_get_u64(tb[type]);
}

static void get_ip(const struct nlattr **tb, int type, struct vpcsw_ip *ip)
{
	if (tb[type])
		vpcsw_get_ip(tb[type], ip);
}

static void get_mac(const struct nlattr **tb, int type, uint8_t mac[6])
{
	if (tb[type])
		vpcsw_get_mac(tb[type], mac);
}

static void get_str(const struct nlattr **tb, int type, char *buf,
		    size_t size)
{
	if (tb[type])
		snprintf(buf, size, "%s", mnl_attr_get_str(tb[type]));
}

/* The addresses of nest TYPE, up to MAX of them (more are skipped). */
static int get_ips(const struct nlattr **tb, int type, struct vpcsw_ip *ips,
		   unsigned int *n, unsigned int max)
{
	const struct nlattr *attr;

	if (!tb[type])
		return 0;
	mnl_attr_for_each_nested(attr, tb[type]) {
		if (mnl_attr_get_type(attr) != VPCSW_A_IP || *n == max)
			continue;
		if (vpcsw_get_ip(attr, &ips[*n]))
			return -EBADMSG;
		(*n)++;
	}
	return 0;
}

/* The group ids of VPCSW_A_SG_IDS, up to LIBVPCSW_SG_IDS of them. */
static int get_sg_ids(const struct nlattr **tb, uint32_t *ids,
		      unsigned int *n)
{
	const struct nlattr *attr;

	if (!tb[VPCSW_A_SG_IDS])
		return 0;
	mnl_attr_for_each_nested(attr, tb[VPCSW_A_SG_IDS]) {
		if (mnl_attr_get_type(attr) != VPCSW_A_SG_ID ||
		    *n == LIBVPCSW_SG_IDS)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_U32))
			return -EBADMSG;
		ids[(*n)++] = mnl_attr_get_u32(attr);
	}
	return 0;
}

/* Parses NLH into TB; ATTRS gets the bits of the attributes present. */
static int parse(const struct nlmsghdr *nlh, const struct nlattr **tb,
		 vpcsw_attrs_t *attrs)
{
	if (vpcsw_msg_parse(nlh, tb))
		return -EBADMSG;
	*attrs = present(tb);
	return 0;
}

int vpcsw_parse_switch(const struct nlmsghdr *nlh, struct vpcsw_switch *sw)
{
	const struct nlattr *tb[VPCSW_A_MAX + 1];

	memset(sw, 0, sizeof(*sw));
	if (parse(nlh, tb, &sw->attrs))
		return -EBADMSG;
	get_u32(tb, VPCSW_A_SWITCH_IFINDEX, &sw->ifindex);
	get_str(tb, VPCSW_A_SWITCH_IFNAME, sw->ifname, sizeof(sw->ifname));
	get_ip(tb, VPCSW_A_UNDERLAY_IP, &sw->underlay);
	get_u8(tb, VPCSW_A_ENCAP, &sw->encap);
	get_u16(tb, VPCSW_A_UDP_PORT, &sw->udp_port);
	get_u32(tb, VPCSW_A_FLOW_LIMIT, &sw->flow_limit);
	get_u32(tb, VPCSW_A_PORT_FLOW_LIMIT, &sw->port_flow_limit);
	get_u32(tb, VPCSW_A_FLOW_IDLE_MS, &sw->flow_idle_ms);
	get_mac(tb, VPCSW_A_ROUTER_MAC, sw->router_mac);
	get_u32(tb, VPCSW_A_TUNNEL_IFINDEX, &sw->tunnel_ifindex);
	get_u32(tb, VPCSW_A_FLOW_COUNT, &sw->flow_count);
	get_u32(tb, VPCSW_A_MAPPING_LIMIT, &sw->mapping_limit);
	get_u32(tb, VPCSW_A_MAPPING_COUNT, &sw->mapping_count);
	get_u32(tb, VPCSW_A_PORT_SG_LIMIT, &sw->port_sg_limit);
	get_u32(tb, VPCSW_A_CT_TCP_TIMEOUT, &sw->ct_tcp_timeout);
	get_u32(tb, VPCSW_A_CT_UDP_TIMEOUT, &sw->ct_udp_timeout);
	get_u32(tb, VPCSW_A_CT_ICMP_TIMEOUT, &sw->ct_icmp_timeout);
	get_u32(tb, VPCSW_A_GENERATION, &sw->generation);
	if (tb[VPCSW_A_DROPS])
		sw->drops_present = vpcsw_get_counters(tb[VPCSW_A_DROPS],
						       sw->drops,
						       VPCSW_DROP_MAX);
	if (tb[VPCSW_A_STATS])
		sw->stats_present = vpcsw_get_counters(tb[VPCSW_A_STATS],
						       sw->stats,
						       VPCSW_STATS_MAX);
	return 0;
}

int vpcsw_parse_vpc(const struct nlmsghdr *nlh, struct vpcsw_vpc *vpc)
{
	const struct nlattr *tb[VPCSW_A_MAX + 1];

	memset(vpc, 0, sizeof(*vpc));
	if (parse(nlh, tb, &vpc->attrs))
		return -EBADMSG;
	get_u32(tb, VPCSW_A_VPC_ID, &vpc->id);
	get_u32(tb, VPCSW_A_VNI, &vpc->vni);
	get_u32(tb, VPCSW_A_VPC_FLAGS, &vpc->flags);
	get_u16(tb, VPCSW_A_CT_ZONE, &vpc->ct_zone);
	return 0;
}

int vpcsw_parse_subnet(const struct nlmsghdr *nlh, struct vpcsw_subnet *sn)
{
	const struct nlattr *tb[VPCSW_A_MAX + 1];

	memset(sn, 0, sizeof(*sn));
	if (parse(nlh, tb, &sn->attrs))
		return -EBADMSG;
	get_u32(tb, VPCSW_A_VPC_ID, &sn->vpc_id);
	get_ip(tb, VPCSW_A_PREFIX, &sn->prefix);
	get_u8(tb, VPCSW_A_PREFIX_LEN, &sn->prefix_len);
	get_ip(tb, VPCSW_A_GATEWAY_IP, &sn->gateway);
	return 0;
}

int vpcsw_parse_port(const struct nlmsghdr *nlh, struct vpcsw_port *port)
{
	const struct nlattr *tb[VPCSW_A_MAX + 1];

	memset(port, 0, sizeof(*port));
	if (parse(nlh, tb, &port->attrs))
		return -EBADMSG;
	get_u32(tb, VPCSW_A_PORT_IFINDEX, &port->ifindex);
	get_str(tb, VPCSW_A_PORT_IFNAME, port->ifname, sizeof(port->ifname));
	get_u32(tb, VPCSW_A_VPC_ID, &port->vpc_id);
	get_mac(tb, VPCSW_A_MAC, port->mac);
	get_u32(tb, VPCSW_A_PORT_FLOW_LIMIT, &port->flow_limit);
	get_u32(tb, VPCSW_A_FLOW_COUNT, &port->flow_count);
	get_u8(tb, VPCSW_A_PORT_SECURITY, &port->port_security);
	if (tb[VPCSW_A_STATS])
		port->stats_present = vpcsw_get_counters(tb[VPCSW_A_STATS],
							 port->stats,
							 VPCSW_STATS_MAX);
	if (get_ips(tb, VPCSW_A_IPS, port->ips, &port->n_ips,
		    LIBVPCSW_PORT_IPS) ||
	    get_ips(tb, VPCSW_A_ALLOWED_IPS, port->allowed, &port->n_allowed,
		    LIBVPCSW_PORT_IPS) ||
	    get_sg_ids(tb, port->sg_ids, &port->n_sgs))
		return -EBADMSG;
	return 0;
}

int vpcsw_parse_mapping(const struct nlmsghdr *nlh, struct vpcsw_mapping *m)
{
	const struct nlattr *tb[VPCSW_A_MAX + 1];

	memset(m, 0, sizeof(*m));
	if (parse(nlh, tb, &m->attrs))
		return -EBADMSG;
	get_u32(tb, VPCSW_A_VPC_ID, &m->vpc_id);
	get_ip(tb, VPCSW_A_OVERLAY_IP, &m->overlay);
	get_ip(tb, VPCSW_A_UNDERLAY_IP, &m->underlay);
	get_mac(tb, VPCSW_A_MAC, m->mac);
	return get_sg_ids(tb, m->sg_ids, &m->n_sgs);
}

int vpcsw_parse_route(const struct nlmsghdr *nlh, struct vpcsw_route *rt)
{
	const struct nlattr *tb[VPCSW_A_MAX + 1];

	memset(rt, 0, sizeof(*rt));
	if (parse(nlh, tb, &rt->attrs))
		return -EBADMSG;
	get_u32(tb, VPCSW_A_VPC_ID, &rt->vpc_id);
	get_ip(tb, VPCSW_A_PREFIX, &rt->prefix);
	get_u8(tb, VPCSW_A_PREFIX_LEN, &rt->prefix_len);
	get_u8(tb, VPCSW_A_ROUTE_TYPE, &rt->type);
	get_ip(tb, VPCSW_A_UNDERLAY_IP, &rt->gateway);
	get_ip(tb, VPCSW_A_NEXTHOP_IP, &rt->nexthop);
	return 0;
}

int vpcsw_parse_flow(const struct nlmsghdr *nlh, struct vpcsw_flow *flow)
{
	const struct nlattr *tb[VPCSW_A_MAX + 1];

	memset(flow, 0, sizeof(*flow));
	if (parse(nlh, tb, &flow->attrs))
		return -EBADMSG;
	get_u32(tb, VPCSW_A_FLOW_IN_IFINDEX, &flow->in_ifindex);
	get_u32(tb, VPCSW_A_VPC_ID, &flow->vpc_id);
	get_ip(tb, VPCSW_A_FLOW_TUN_SRC, &flow->tun_src);
	get_ip(tb, VPCSW_A_FLOW_SRC, &flow->src);
	get_ip(tb, VPCSW_A_FLOW_DST, &flow->dst);
	get_u8(tb, VPCSW_A_FLOW_PROTO, &flow->proto);
	get_u16(tb, VPCSW_A_FLOW_SPORT, &flow->sport);
	get_u16(tb, VPCSW_A_FLOW_DPORT, &flow->dport);
	get_u8(tb, VPCSW_A_FLOW_ACTION, &flow->action);
	get_u32(tb, VPCSW_A_FLOW_DROP_REASON, &flow->drop_reason);
	get_u32(tb, VPCSW_A_FLOW_OUT_IFINDEX, &flow->out_ifindex);
	get_ip(tb, VPCSW_A_FLOW_TUN_DST, &flow->tun_dst);
	get_u32(tb, VPCSW_A_VNI, &flow->vni);
	get_mac(tb, VPCSW_A_FLOW_SET_SRC_MAC, flow->set_src_mac);
	get_mac(tb, VPCSW_A_FLOW_SET_DST_MAC, flow->set_dst_mac);
	flow->dec_ttl = !!tb[VPCSW_A_FLOW_DEC_TTL];
	get_u64(tb, VPCSW_A_FLOW_PACKETS, &flow->packets);
	get_u64(tb, VPCSW_A_FLOW_BYTES, &flow->bytes);
	get_u32(tb, VPCSW_A_FLOW_AGE_MS, &flow->age_ms);
	get_u32(tb, VPCSW_A_GENERATION, &flow->generation);
	return 0;
}

int vpcsw_parse_miss(const struct nlmsghdr *nlh, struct vpcsw_miss *miss)
{
	const struct nlattr *tb[VPCSW_A_MAX + 1];

	memset(miss, 0, sizeof(*miss));
	if (parse(nlh, tb, &miss->attrs))
		return -EBADMSG;
	get_u32(tb, VPCSW_A_SWITCH_IFINDEX, &miss->switch_ifindex);
	get_u32(tb, VPCSW_A_VPC_ID, &miss->vpc_id);
	get_ip(tb, VPCSW_A_OVERLAY_IP, &miss->overlay);
	get_ip(tb, VPCSW_A_FLOW_TUN_SRC, &miss->tun_src);
	get_u32(tb, VPCSW_A_DROP_REASON, &miss->drop_reason);
	return 0;
}

int vpcsw_parse_sg(const struct nlmsghdr *nlh, struct vpcsw_sg *sg)
{
	const struct nlattr *tb[VPCSW_A_MAX + 1];

	memset(sg, 0, sizeof(*sg));
	if (parse(nlh, tb, &sg->attrs))
		return -EBADMSG;
	get_u32(tb, VPCSW_A_SG_ID, &sg->id);
	get_u32(tb, VPCSW_A_VPC_ID, &sg->vpc_id);
	get_str(tb, VPCSW_A_SG_NAME, sg->name, sizeof(sg->name));
	get_u32(tb, VPCSW_A_SG_RULE_COUNT, &sg->rule_count);
	get_u32(tb, VPCSW_A_SG_PORT_COUNT, &sg->port_count);
	sg->rules = tb[VPCSW_A_SG_RULES];
	return 0;
}

/* The size of each VPCSW_RULE_A_* a rule may hold (0: any, not read). */
static const uint8_t rule_attr_size[VPCSW_RULE_A_MAX + 1] = {
	[VPCSW_RULE_A_DIRECTION]	= 1,
	[VPCSW_RULE_A_PROTO]		= 1,
	[VPCSW_RULE_A_PORT_MIN]		= 2,
	[VPCSW_RULE_A_PORT_MAX]		= 2,
	[VPCSW_RULE_A_ICMP_TYPE]	= 1,
	[VPCSW_RULE_A_ICMP_CODE]	= 1,
	[VPCSW_RULE_A_REMOTE_PREFIX_LEN] = 1,
	[VPCSW_RULE_A_REMOTE_SG]	= 4,
	[VPCSW_RULE_A_HITS]		= 8,
};

int vpcsw_parse_sg_rule(const struct nlattr *nest, struct vpcsw_sg_rule *r)
{
	const struct nlattr *tb[VPCSW_RULE_A_MAX + 1];
	unsigned int i;

	memset(r, 0, sizeof(*r));
	if (vpcsw_attr_parse_nested(nest, tb, VPCSW_RULE_A_MAX))
		return -EBADMSG;
	for (i = 1; i <= VPCSW_RULE_A_MAX; i++) {
		if (!tb[i])
			continue;
		if (rule_attr_size[i] &&
		    mnl_attr_get_payload_len(tb[i]) != rule_attr_size[i])
			return -EBADMSG;
		r->attrs |= VPCSW_RULE_BIT(i);
	}
	get_u8(tb, VPCSW_RULE_A_DIRECTION, &r->direction);
	get_u8(tb, VPCSW_RULE_A_PROTO, &r->proto);
	get_u16(tb, VPCSW_RULE_A_PORT_MIN, &r->port_min);
	get_u16(tb, VPCSW_RULE_A_PORT_MAX, &r->port_max);
	get_u8(tb, VPCSW_RULE_A_ICMP_TYPE, &r->icmp_type);
	get_u8(tb, VPCSW_RULE_A_ICMP_CODE, &r->icmp_code);
	if (tb[VPCSW_RULE_A_REMOTE_PREFIX] &&
	    vpcsw_get_ip(tb[VPCSW_RULE_A_REMOTE_PREFIX], &r->remote))
		return -EBADMSG;
	get_u8(tb, VPCSW_RULE_A_REMOTE_PREFIX_LEN, &r->remote_len);
	get_u32(tb, VPCSW_RULE_A_REMOTE_SG, &r->remote_sg);
	get_u64(tb, VPCSW_RULE_A_HITS, &r->hits);
	return 0;
}

int vpcsw_sg_for_each_rule(const struct vpcsw_sg *sg,
			   int (*cb)(const struct vpcsw_sg_rule *r, void *data),
			   void *data)
{
	const struct nlattr *attr;
	struct vpcsw_sg_rule rule;
	int ret;

	if (!sg->rules)
		return 0;
	mnl_attr_for_each_nested(attr, sg->rules) {
		if (mnl_attr_get_type(attr) != VPCSW_A_SG_RULE)
			continue;
		if (vpcsw_parse_sg_rule(attr, &rule))
			return -EBADMSG;
		ret = cb(&rule, data);
		if (ret)
			return ret;
	}
	return 0;
}
