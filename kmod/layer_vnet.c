// SPDX-License-Identifier: GPL-2.0
/*
 * The VNET layer: VPC routing, mappings and encapsulation.
 *
 * Outbound, the destination is resolved through the VPC's route table
 * (subnets are implicit local routes) to a local port (output), a mapping
 * (encap to the VM's host) or a gateway host (encap, the default for
 * misses: an address of the VPC this host has no mapping for goes to the
 * gateway route covering it, and is announced on the "miss" group).
 *
 * Inbound, the VNI has selected the VPC; the inner source must be mapped
 * to the outer source host (or the outer source be a gateway of the VPC),
 * and only the local port owning the inner destination gets it -- unless
 * this switch is a gateway of the VPC, which relays to the mapped host.
 */
#include <linux/etherdevice.h>
#include <net/dst_metadata.h>

#include "addr.h"
#include "mapping.h"
#include "netlink.h"
#include "pipeline.h"
#include "port.h"
#include "switch.h"
#include "tunnel.h"
#include "vpc.h"

/* Encapsulates to HOST: a mapping's (M) or a gateway's (M is NULL). */
static enum vpcsw_verdict encap_to(struct vpcsw_packet *pkt,
				   struct vpcsw_actions *acts,
				   const struct in6_addr *host,
				   struct vpcsw_mapping *m)
{
	struct vpcsw_switch *sw = pkt->sw;
	struct net_device *tunnel = rcu_dereference(sw->tunnel);

	if (!tunnel || !READ_ONCE(sw->has_underlay))
		return vpcsw_drop(acts, VPCSW_DROP_NO_UNDERLAY);
	/* a mapping naming this very host but no local port: nowhere to go */
	if (ipv6_addr_equal(host, &sw->underlay))
		return vpcsw_drop(acts, VPCSW_DROP_UNKNOWN_DST);
	if (m)
		acts->tun_md = vpcsw_mapping_tun_md(sw, m, pkt->vpc->vni);
	else
		acts->tun_md = vpcsw_tunnel_md_alloc(&sw->underlay, host,
						     pkt->vpc->vni, false);
	if (!acts->tun_md)
		return vpcsw_drop(acts, VPCSW_DROP_FLOW_LIMIT);
	acts->action = VPCSW_FLOW_ENCAP;
	acts->out_dev = tunnel;
	acts->out_ifindex = tunnel->ifindex;
	return VPCSW_CONTINUE;
}

static void output_to(struct vpcsw_actions *acts, struct vpcsw_port *port,
		      const u8 *mac)
{
	acts->action = VPCSW_FLOW_OUTPUT;
	acts->out_dev = port->dev;
	acts->out_ifindex = port->dev->ifindex;
	ether_addr_copy(acts->dst_mac, mac);
}

/* Sends IP (in the packet's VPC) to the local port or the mapped host. */
static enum vpcsw_verdict deliver(struct vpcsw_packet *pkt,
				  struct vpcsw_actions *acts,
				  const struct in6_addr *ip)
{
	struct vpcsw_switch *sw = pkt->sw;
	struct in6_addr gateway;
	struct vpcsw_mapping *m;
	struct vpcsw_port *port;

	port = vpcsw_port_find_ip(sw, pkt->vpc->id, ip);
	if (port) {
		output_to(acts, port, rcu_dereference(port->cfg)->mac);
		pkt->out_port = port;
		return VPCSW_CONTINUE;
	}
	m = vpcsw_mapping_find(sw, pkt->vpc->id, ip);
	if (m) {
		ether_addr_copy(acts->dst_mac, m->mac);
		return encap_to(pkt, acts, &m->underlay, m);
	}
	/* not known here: an agent may learn it; meanwhile the gateway serves */
	vpcsw_nl_notify_miss(sw, pkt->vpc->id, ip, NULL, VPCSW_DROP_UNKNOWN_DST);
	if (vpcsw_route_gateway_for(pkt->vpc, ip, &gateway)) {
		ether_addr_copy(acts->dst_mac, sw->router_mac);
		return encap_to(pkt, acts, &gateway, NULL);
	}
	return vpcsw_drop(acts, VPCSW_DROP_UNKNOWN_DST);
}

static enum vpcsw_verdict vnet_outbound(struct vpcsw_packet *pkt,
					struct vpcsw_actions *acts)
{
	struct vpcsw_switch *sw = pkt->sw;
	struct vpcsw_route_result res;
	enum vpcsw_verdict verdict;
	bool routed;

	pkt->vpc = vpcsw_vpc_find(sw, pkt->key.vpc_id);
	if (!pkt->vpc)
		return vpcsw_drop(acts, VPCSW_DROP_PORT_UNCONFIGURED);
	routed = ether_addr_equal(pkt->key.eth_dst, sw->router_mac);

	vpcsw_route_lookup(pkt->vpc, &pkt->key.dst, &res);
	switch (res.type) {
	case VPCSW_ROUTE_LOCAL:
		verdict = deliver(pkt, acts, &pkt->key.dst);
		break;
	case VPCSW_ROUTE_MAPPING:
		verdict = deliver(pkt, acts, &res.via);
		break;
	case VPCSW_ROUTE_GATEWAY:
		if (!routed)
			return vpcsw_drop(acts, VPCSW_DROP_WRONG_DST_MAC);
		/* the gateway relays; the last hop sets the VM's MAC */
		ether_addr_copy(acts->dst_mac, sw->router_mac);
		verdict = encap_to(pkt, acts, &res.via, NULL);
		break;
	case VPCSW_ROUTE_DROP:
		return vpcsw_drop(acts, VPCSW_DROP_ROUTE_DROP);
	default:
		return vpcsw_drop(acts, VPCSW_DROP_NO_ROUTE);
	}
	if (verdict == VPCSW_DONE)
		return verdict;

	if (routed) {
		/* distributed router: we are the next hop */
		acts->set_src_mac = true;
		ether_addr_copy(acts->src_mac, sw->router_mac);
		acts->set_dst_mac = true;
		acts->dec_ttl = true;
	} else if (!ether_addr_equal(pkt->key.eth_dst, acts->dst_mac)) {
		return vpcsw_drop(acts, VPCSW_DROP_WRONG_DST_MAC);
	}
	return VPCSW_CONTINUE;
}

/*
 * Anti-spoofing for a packet from the tunnel: its inner source must live
 * where it came from.  Returns 0 or the drop reason (and tells the agent).
 */
int vpcsw_vnet_check_tun_src(struct vpcsw_packet *pkt)
{
	const struct in6_addr *tun_src = &pkt->key.tun_src;
	struct vpcsw_vpc *vpc = pkt->vpc;
	struct vpcsw_mapping *m;
	u32 reason;

	if (vpcsw_vpc_is_gateway_host(vpc, tun_src))
		return 0;
	m = vpcsw_mapping_find(pkt->sw, vpc->id, &pkt->key.src);
	if (m && ipv6_addr_equal(&m->underlay, tun_src))
		return 0;
	reason = m ? VPCSW_DROP_TUN_SRC_WRONG_HOST : VPCSW_DROP_TUN_SRC_UNKNOWN;
	vpcsw_nl_notify_miss(pkt->sw, vpc->id, &pkt->key.src, tun_src, reason);
	return reason;
}

static enum vpcsw_verdict vnet_inbound(struct vpcsw_packet *pkt,
				       struct vpcsw_actions *acts)
{
	const struct in6_addr *tun_src = &pkt->key.tun_src;
	struct vpcsw_switch *sw = pkt->sw;
	struct vpcsw_vpc *vpc = pkt->vpc;
	struct vpcsw_mapping *m;
	struct vpcsw_port *port;
	int reason;

	reason = vpcsw_vnet_check_tun_src(pkt);
	if (reason)
		return vpcsw_drop(acts, reason);

	port = vpcsw_port_find_ip(sw, vpc->id, &pkt->key.dst);
	if (port) {
		output_to(acts, port, rcu_dereference(port->cfg)->mac);
		acts->set_dst_mac = true;
		pkt->out_port = port;
		return VPCSW_CONTINUE;
	}

	if (vpc->flags & VPCSW_VPC_F_GATEWAY) {
		m = vpcsw_mapping_find(sw, vpc->id, &pkt->key.dst);
		if (m && !ipv6_addr_equal(&m->underlay, tun_src)) {
			ether_addr_copy(acts->dst_mac, m->mac);
			acts->set_dst_mac = true;
			acts->dec_ttl = true;
			return encap_to(pkt, acts, &m->underlay, m);
		}
	}
	vpcsw_nl_notify_miss(sw, vpc->id, &pkt->key.dst, NULL,
			     VPCSW_DROP_UNKNOWN_DST);
	return vpcsw_drop(acts, VPCSW_DROP_UNKNOWN_DST);
}

const struct vpcsw_layer vpcsw_layer_vnet = {
	.name		= "vnet",
	.outbound	= vnet_outbound,
	.inbound	= vnet_inbound,
};
