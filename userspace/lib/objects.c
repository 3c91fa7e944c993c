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
}

void vpcsw_put_vpc(struct nlmsghdr *nlh, const struct vpcsw_vpc *vpc)
{
	if (HAS(vpc, VPC_ID))
		mnl_attr_put_u32(nlh, VPCSW_A_VPC_ID, vpc->id);
	if (HAS(vpc, VNI))
		mnl_attr_put_u32(nlh, VPCSW_A_VNI, vpc->vni);
	if (HAS(vpc, VPC_FLAGS))
		mnl_attr_put_u32(nlh, VPCSW_A_VPC_FLAGS, vpc->flags);
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
	struct nlattr *nest;
	unsigned int i;

	if (HAS(port, PORT_IFINDEX))
		mnl_attr_put_u32(nlh, VPCSW_A_PORT_IFINDEX, port->ifindex);
	if (HAS(port, PORT_IFNAME))
		vpcsw_attr_put_strz(nlh, VPCSW_A_PORT_IFNAME, port->ifname);
	if (HAS(port, VPC_ID))
		mnl_attr_put_u32(nlh, VPCSW_A_VPC_ID, port->vpc_id);
	if (HAS(port, MAC))
		vpcsw_attr_put(nlh, VPCSW_A_MAC, 6, port->mac);
	if (HAS(port, IPS)) {
		nest = mnl_attr_nest_start(nlh, VPCSW_A_IPS);
		for (i = 0; i < port->n_ips && i < LIBVPCSW_PORT_IPS; i++)
			vpcsw_put_ip(nlh, VPCSW_A_IP, &port->ips[i]);
		mnl_attr_nest_end(nlh, nest);
	}
	if (HAS(port, PORT_FLOW_LIMIT))
		mnl_attr_put_u32(nlh, VPCSW_A_PORT_FLOW_LIMIT, port->flow_limit);
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

/* --- decoding ------------------------------------------------------------ */

/*
 * vpcsw_msg_parse() checked the size of every attribute in TB, so the
 * getters below cannot read past one.
 */
static uint64_t present(const struct nlattr **tb)
{
	uint64_t attrs = 0;
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

/* Parses NLH into TB; ATTRS gets the bits of the attributes present. */
static int parse(const struct nlmsghdr *nlh, const struct nlattr **tb,
		 uint64_t *attrs)
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
	const struct nlattr *attr;

	memset(port, 0, sizeof(*port));
	if (parse(nlh, tb, &port->attrs))
		return -EBADMSG;
	get_u32(tb, VPCSW_A_PORT_IFINDEX, &port->ifindex);
	get_str(tb, VPCSW_A_PORT_IFNAME, port->ifname, sizeof(port->ifname));
	get_u32(tb, VPCSW_A_VPC_ID, &port->vpc_id);
	get_mac(tb, VPCSW_A_MAC, port->mac);
	get_u32(tb, VPCSW_A_PORT_FLOW_LIMIT, &port->flow_limit);
	get_u32(tb, VPCSW_A_FLOW_COUNT, &port->flow_count);
	if (tb[VPCSW_A_STATS])
		port->stats_present = vpcsw_get_counters(tb[VPCSW_A_STATS],
							 port->stats,
							 VPCSW_STATS_MAX);
	if (tb[VPCSW_A_IPS]) {
		mnl_attr_for_each_nested(attr, tb[VPCSW_A_IPS]) {
			if (mnl_attr_get_type(attr) != VPCSW_A_IP ||
			    port->n_ips == LIBVPCSW_PORT_IPS)
				continue;
			if (vpcsw_get_ip(attr, &port->ips[port->n_ips]))
				return -EBADMSG;
			port->n_ips++;
		}
	}
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
	return 0;
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
