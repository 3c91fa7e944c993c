// SPDX-License-Identifier: GPL-2.0
/*
 * The ARP responder.  VMs resolve every address of their VPC through the
 * switch: a local port or a mapping gets that VM's MAC, a subnet gateway
 * the virtual router MAC, an address only a gateway host can reach the
 * router MAC too (the packet is then routed there), anything else no
 * answer.  Requests are never
 * flooded, so a VM cannot discover or reach what its VPC does not hold.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <net/arp.h>

#include "addr.h"
#include "mapping.h"
#include "pipeline.h"
#include "port.h"
#include "switch.h"
#include "vpc.h"

struct arp_eth_ipv4 {
	struct arphdr hdr;
	u8 sha[ETH_ALEN];
	__be32 sip;
	u8 tha[ETH_ALEN];
	__be32 tip;
} __packed;

/*
 * The MAC that answers for IP (either family) to a VM of VPC_ID behind
 * ASKER: shared with the neighbour discovery responder.  NULL: none.
 */
const u8 *vpcsw_neigh_answer(struct vpcsw_port *asker, u32 vpc_id,
			     const struct in6_addr *ip)
{
	struct vpcsw_switch *sw = asker->sw;
	struct in6_addr gateway;
	struct vpcsw_mapping *m;
	struct vpcsw_port *port;
	struct vpcsw_vpc *vpc;

	vpc = vpcsw_vpc_find(sw, vpc_id);
	if (!vpc)
		return NULL;
	if (vpcsw_vpc_is_gateway_ip(vpc, ip))
		return sw->router_mac;
	port = vpcsw_port_find_ip(sw, vpc_id, ip);
	if (port)	/* a VM probing its own address must hear nothing */
		return port == asker ? NULL : rcu_dereference(port->cfg)->mac;
	m = vpcsw_mapping_find(sw, vpc_id, ip);
	if (m)
		return m->mac;
	/* unknown here, but a gateway serves it: route through us */
	return vpcsw_route_gateway_for(vpc, ip, &gateway) ? sw->router_mac : NULL;
}

void vpcsw_arp_respond(struct vpcsw_port *port, const struct vpcsw_port_cfg *cfg,
		       struct sk_buff *skb)
{
	const struct arp_eth_ipv4 *arp;
	enum vpcsw_drop_reason reason;
	struct in6_addr sip, tip;
	struct sk_buff *reply;
	const u8 *mac;

	if (!pskb_may_pull(skb, ETH_HLEN + sizeof(*arp))) {
		reason = VPCSW_DROP_MALFORMED;
		goto drop;
	}
	arp = (const struct arp_eth_ipv4 *)(skb->data + ETH_HLEN);
	if (arp->hdr.ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->hdr.ar_pro != htons(ETH_P_IP) ||
	    arp->hdr.ar_hln != ETH_ALEN || arp->hdr.ar_pln != 4) {
		reason = VPCSW_DROP_MALFORMED;
		goto drop;
	}
	if (arp->hdr.ar_op != htons(ARPOP_REQUEST)) {
		reason = VPCSW_DROP_UNSUPPORTED;
		goto drop;
	}
	vpcsw_addr_set_v4(&sip, arp->sip);
	vpcsw_addr_set_v4(&tip, arp->tip);
	/* anti-spoofing as in the port layer, unless port-security is off */
	if (!cfg->no_security &&
	    (!ether_addr_equal(arp->sha, cfg->mac) ||
	     !ether_addr_equal(eth_hdr(skb)->h_source, cfg->mac))) {
		reason = VPCSW_DROP_SPOOF_MAC;
		goto drop;
	}
	/* 0.0.0.0 is a probe (RFC 5227); anything else must be the port's */
	if (!cfg->no_security && arp->sip &&
	    !vpcsw_port_cfg_may_send_from(cfg, &sip)) {
		reason = VPCSW_DROP_SPOOF_IP;
		goto drop;
	}
	mac = arp->sip == arp->tip ? NULL : vpcsw_neigh_answer(port, cfg->vpc_id, &tip);
	if (!mac) {
		reason = VPCSW_DROP_ARP_NO_ANSWER;
		goto drop;
	}
	reply = arp_create(ARPOP_REPLY, ETH_P_ARP, arp->sip, port->dev, arp->tip,
			   arp->sha, mac, arp->sha);
	return vpcsw_neigh_reply(port, skb, reply);

drop:
	vpcsw_neigh_refuse(port, skb, reason);
}

/* Sends REPLY (NULL: could not be built) for the request SKB. */
void vpcsw_neigh_reply(struct vpcsw_port *port, struct sk_buff *skb,
		       struct sk_buff *reply)
{
	if (!reply)
		return vpcsw_neigh_refuse(port, skb, VPCSW_DROP_TX_ERROR);
	consume_skb(skb);
	vpcsw_count(port->sw, VPCSW_STATS_ARP_REPLIES, 1);
	dev_queue_xmit(reply);
}

/* Drops the request SKB, counted under REASON. */
void vpcsw_neigh_refuse(struct vpcsw_port *port, struct sk_buff *skb,
			enum vpcsw_drop_reason reason)
{
	vpcsw_port_count_drop(port);
	vpcsw_count_drop(port->sw, reason);
	kfree_skb(skb);
}
