// SPDX-License-Identifier: GPL-2.0
/*
 * The neighbour discovery responder, IPv6's ARP responder: a VM's
 * neighbour solicitation is answered with the MAC the ARP responder
 * would give for the target (a VM of the VPC, or the router MAC for a
 * gateway and what a gateway serves).  Nothing else is answered and
 * nothing is flooded.  Duplicate address detection (a solicitation from
 * ::) hears nothing, so it succeeds.
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "pipeline.h"
#include "port.h"
#include "switch.h"

/* Is the parsed packet a neighbour solicitation (ICMPv6 135, code 0)? */
bool vpcsw_ndisc_is_solicit(const struct sk_buff *skb,
			    const struct vpcsw_flow_key *key)
{
	return skb->protocol == htons(ETH_P_IPV6) &&
	       key->proto == IPPROTO_ICMPV6 &&
	       key->sport == htons(NDISC_NEIGHBOUR_SOLICITATION << 8);
}

/* The size of an advertisement with its target link-layer address. */
#define NA_LEN (sizeof(struct nd_msg) + 8)

/*
 * A solicited advertisement that TARGET is at MAC, to DADDR at DST_MAC,
 * sent from TARGET as a proxy would.
 */
static struct sk_buff *na_create(struct net_device *dev, const u8 *dst_mac,
				 const struct in6_addr *daddr,
				 const struct in6_addr *target, const u8 *mac,
				 bool router)
{
	struct ipv6hdr *ip6;
	struct sk_buff *skb;
	struct nd_msg *na;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(*ip6) + NA_LEN +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	ip6 = skb_put(skb, sizeof(*ip6));
	ip6_flow_hdr(ip6, 0, 0);
	ip6->payload_len = htons(NA_LEN);
	ip6->nexthdr = IPPROTO_ICMPV6;
	ip6->hop_limit = 255;
	ip6->saddr = *target;
	ip6->daddr = *daddr;
	skb_set_transport_header(skb, sizeof(*ip6));
	na = skb_put_zero(skb, NA_LEN);
	na->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	na->icmph.icmp6_router = router;
	na->icmph.icmp6_solicited = 1;
	na->icmph.icmp6_override = 1;
	na->target = *target;
	na->opt[0] = ND_OPT_TARGET_LL_ADDR;
	na->opt[1] = 1;		/* in units of 8 bytes */
	ether_addr_copy(&na->opt[2], mac);
	na->icmph.icmp6_cksum = csum_ipv6_magic(&ip6->saddr, &ip6->daddr, NA_LEN,
						IPPROTO_ICMPV6,
						csum_partial(na, NA_LEN, 0));
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	if (dev_hard_header(skb, dev, ETH_P_IPV6, dst_mac, mac, skb->len) < 0) {
		kfree_skb(skb);
		return NULL;
	}
	return skb;
}

/* SKB: a parsed neighbour solicitation, at its Ethernet header. */
void vpcsw_ndisc_respond(struct vpcsw_port *port, const struct vpcsw_port_cfg *cfg,
			 struct sk_buff *skb)
{
	const unsigned int th = skb_transport_offset(skb);
	enum vpcsw_drop_reason reason;
	const struct ipv6hdr *ip6;
	const struct nd_msg *ns;
	struct sk_buff *reply;
	const u8 *mac;

	if (!pskb_may_pull(skb, th + sizeof(*ns))) {
		reason = VPCSW_DROP_MALFORMED;
		goto drop;
	}
	ip6 = ipv6_hdr(skb);
	ns = (const struct nd_msg *)(skb->data + th);
	/* RFC 4861 7.1.1: only a neighbour may solicit, never for a group */
	if (ip6->hop_limit != 255 || ipv6_addr_is_multicast(&ns->target)) {
		reason = VPCSW_DROP_MALFORMED;
		goto drop;
	}
	if (!cfg->no_security &&
	    !ether_addr_equal(eth_hdr(skb)->h_source, cfg->mac)) {
		reason = VPCSW_DROP_SPOOF_MAC;
		goto drop;
	}
	/* a link-local source is the VM's own, for neighbour discovery */
	if (!cfg->no_security && !ipv6_addr_any(&ip6->saddr) &&
	    !(ipv6_addr_type(&ip6->saddr) & IPV6_ADDR_LINKLOCAL) &&
	    !vpcsw_port_cfg_may_send_from(cfg, &ip6->saddr)) {
		reason = VPCSW_DROP_SPOOF_IP;
		goto drop;
	}
	/* duplicate address detection, or a VM asking for itself */
	if (ipv6_addr_any(&ip6->saddr) || ipv6_addr_equal(&ip6->saddr, &ns->target))
		mac = NULL;
	else
		mac = vpcsw_neigh_answer(port, cfg->vpc_id, &ns->target);
	if (!mac) {
		reason = VPCSW_DROP_ARP_NO_ANSWER;
		goto drop;
	}
	reply = na_create(port->dev, eth_hdr(skb)->h_source, &ip6->saddr,
			  &ns->target, mac, ether_addr_equal(mac, port->sw->router_mac));
	return vpcsw_neigh_reply(port, skb, reply);

drop:
	vpcsw_neigh_refuse(port, skb, reason);
}
