// SPDX-License-Identifier: GPL-2.0
/*
 * parse -> flow lookup -> (miss or stale) layers in order -> compile ->
 * apply.  The fast path is one exact-match lookup and the compiled
 * actions: no lock, no allocation.  The slow path runs here in softirq
 * on the first packet of a flow (no upcall) and compiles it into the
 * entry it allocates.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/slab.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "addr.h"
#include "conntrack.h"
#include "fragment.h"
#include "pipeline.h"
#include "port.h"
#include "switch.h"
#include "vpc.h"

/* Outbound order; inbound packets run them last to first. */
static const struct vpcsw_layer *const layers[] = {
	&vpcsw_layer_port,
	&vpcsw_layer_acl,
	&vpcsw_layer_vnet,
};

static void drop(struct vpcsw_switch *sw, struct sk_buff *skb,
		 enum vpcsw_drop_reason reason)
{
	vpcsw_count_drop(sw, reason);
	kfree_skb(skb);
}

/* Ports, or ICMP type and code, of KEY->proto at offset TH. */
static int parse_transport(struct sk_buff *skb, struct vpcsw_flow_key *key,
			   unsigned int th)
{
	switch (key->proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_SCTP:
		if (!pskb_may_pull(skb, th + 4))
			return VPCSW_DROP_MALFORMED;
		key->sport = *(__be16 *)(skb->data + th);
		key->dport = *(__be16 *)(skb->data + th + 2);
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		if (!pskb_may_pull(skb, th + 2))
			return VPCSW_DROP_MALFORMED;
		key->sport = htons(skb->data[th] << 8 | skb->data[th + 1]);
		break;
	}
	return 0;
}

/*
 * Fills the IP part of KEY from an IPv4 packet at skb->data + ETH_HLEN.
 * Never reads past what the packet holds.  Returns 0 or a drop reason.
 */
static int parse_ipv4(struct sk_buff *skb, struct vpcsw_packet *pkt)
{
	struct vpcsw_flow_key *key = &pkt->key;
	const unsigned int nh = ETH_HLEN;
	const struct iphdr *iph;
	unsigned int ihl, th;

	if (!pskb_may_pull(skb, nh + sizeof(*iph)))
		return VPCSW_DROP_MALFORMED;
	iph = (const struct iphdr *)(skb->data + nh);
	ihl = iph->ihl * 4;
	if (iph->version != 4 || ihl < sizeof(*iph))
		return VPCSW_DROP_MALFORMED;
	if (!pskb_may_pull(skb, nh + ihl))
		return VPCSW_DROP_MALFORMED;
	iph = (const struct iphdr *)(skb->data + nh);
	if (ntohs(iph->tot_len) < ihl || ntohs(iph->tot_len) > skb->len - nh)
		return VPCSW_DROP_MALFORMED;
	skb_set_network_header(skb, nh);
	th = nh + ihl;
	skb_set_transport_header(skb, th);

	vpcsw_addr_set_v4(&key->src, iph->saddr);
	vpcsw_addr_set_v4(&key->dst, iph->daddr);
	key->proto = iph->protocol;
	pkt->ttl = iph->ttl;
	if (unlikely(ip_is_fragment(iph))) {
		pkt->fragment = true;	/* no ports until reassembled */
		return 0;
	}

	return parse_transport(skb, key, th);
}

/*
 * Fills the IP part of KEY from an IPv6 packet at skb->data + ETH_HLEN,
 * its transport header found past the extension headers.  Returns 0 or
 * a drop reason.
 */
static int parse_ipv6(struct sk_buff *skb, struct vpcsw_packet *pkt)
{
	struct vpcsw_flow_key *key = &pkt->key;
	const unsigned int nh = ETH_HLEN;
	const struct ipv6hdr *ip6;
	__be16 frag_off;
	u8 nexthdr;
	int th;

	if (!pskb_may_pull(skb, nh + sizeof(*ip6)))
		return VPCSW_DROP_MALFORMED;
	ip6 = (const struct ipv6hdr *)(skb->data + nh);
	if (ip6->version != 6 ||
	    ntohs(ip6->payload_len) > skb->len - nh - sizeof(*ip6))
		return VPCSW_DROP_MALFORMED;
	/* IPv4-mapped addresses never travel as IPv6 (RFC 4291 2.5.5.2),
	 * and here they would pass for IPv4 in keys and rules
	 */
	if (ipv6_addr_v4mapped(&ip6->saddr) || ipv6_addr_v4mapped(&ip6->daddr))
		return VPCSW_DROP_MALFORMED;
	skb_set_network_header(skb, nh);
	key->src = ip6->saddr;
	key->dst = ip6->daddr;
	pkt->ttl = ip6->hop_limit;
	nexthdr = ip6->nexthdr;
	th = ipv6_skip_exthdr(skb, nh + sizeof(*ip6), &nexthdr, &frag_off);
	if (th < 0)
		return VPCSW_DROP_MALFORMED;
	key->proto = nexthdr;
	if (unlikely(frag_off)) {
		pkt->fragment = true;	/* no ports until reassembled */
		return 0;
	}
	skb_set_transport_header(skb, th);
	return parse_transport(skb, key, th);
}

/* The IP part of the key, for the packet's ethertype. */
static int parse_ip(struct sk_buff *skb, struct vpcsw_packet *pkt)
{
	switch (eth_hdr(skb)->h_proto) {
	case htons(ETH_P_IP):
		return parse_ipv4(skb, pkt);
	case htons(ETH_P_IPV6):
		return parse_ipv6(skb, pkt);
	}
	return VPCSW_DROP_UNSUPPORTED;
}

/* What the kernel's reassembly trusts ip_rcv() or ipv6_rcv() to have done. */
static int check_fragment(struct sk_buff *skb, bool ipv6)
{
	const unsigned int nh = ETH_HLEN;
	unsigned int len;

	if (ipv6) {
		len = sizeof(struct ipv6hdr) + ntohs(ipv6_hdr(skb)->payload_len);
	} else {
		if (ip_fast_csum(ip_hdr(skb), ip_hdr(skb)->ihl))
			return VPCSW_DROP_MALFORMED;
		len = ntohs(ip_hdr(skb)->tot_len);
	}
	/* link-layer padding would count as data */
	if (pskb_trim_rcsum(skb, nh + len))
		return VPCSW_DROP_MALFORMED;
	return 0;
}

/*
 * PKT is a fragment its sender may send (anti-spoofing came first: no
 * one slips a fragment into another VM's datagram): reassembles it in
 * the queues of ZONE.  Returns true if the kernel took the packet: held
 * for the rest of its datagram, or refused, freed and counted.
 * Otherwise SKB is the whole datagram, parsed, and *REASON is 0 to go on
 * or why to drop it.
 */
static bool reassemble(struct vpcsw_packet *pkt, struct sk_buff *skb,
		       u16 zone, int *reason)
{
	bool ipv6 = skb->protocol == htons(ETH_P_IPV6);
	struct net *net = dev_net(pkt->sw->dev);
	const unsigned int nh = ETH_HLEN;
	int err;

	*reason = check_fragment(skb, ipv6);
	if (*reason)
		return false;
	skb_pull_rcsum(skb, nh);
	err = vpcsw_defrag(net, skb, zone, &pkt->mru);
	if (err == -EINPROGRESS) {
		vpcsw_count(pkt->sw, VPCSW_STATS_FRAGS_QUEUED, 1);
		return true;
	}
	if (err) {
		if (pkt->in_port)
			vpcsw_port_count_drop(pkt->in_port);
		vpcsw_count_drop(pkt->sw, VPCSW_DROP_FRAGMENT);
		return true;
	}
	skb_push_rcsum(skb, nh);
	pkt->fragment = false;
	*reason = parse_ip(skb, pkt);
	/* IPv6: a fragment the kernel would not take comes back as it was */
	if (!*reason && pkt->fragment)
		*reason = VPCSW_DROP_FRAGMENT;
	if (!*reason)
		vpcsw_count(pkt->sw, VPCSW_STATS_REASSEMBLED, 1);
	return false;
}

/* Compiles ACTS (zeroed) for the packet. */
static void slow_path(struct vpcsw_packet *pkt, bool inbound,
		      struct vpcsw_actions *acts)
{
	int i, n = ARRAY_SIZE(layers);

	/* read first: a change during evaluation leaves the result stale */
	acts->generation = vpcsw_generation(pkt->sw);
	if (!inbound)
		pkt->vpc = vpcsw_vpc_find(pkt->sw, pkt->key.vpc_id);
	for (i = 0; i < n; i++) {
		const struct vpcsw_layer *layer = layers[inbound ? n - 1 - i : i];
		enum vpcsw_verdict verdict = VPCSW_CONTINUE;

		if (inbound && layer->inbound)
			verdict = layer->inbound(pkt, acts);
		else if (!inbound && layer->outbound)
			verdict = layer->outbound(pkt, acts);
		if (verdict == VPCSW_DONE)
			break;
	}
	/* staying on this host: the receiving port has its say too */
	for (i = n - 1; !inbound && acts->action == VPCSW_FLOW_OUTPUT && i >= 0; i--) {
		if (layers[i]->deliver &&
		    layers[i]->deliver(pkt, acts) == VPCSW_DONE)
			break;
	}
	if (acts->action == VPCSW_FLOW_UNSPEC)
		vpcsw_drop(acts, VPCSW_DROP_NO_ROUTE);
}

/* Compiled under the switch generation: are the ACL parts current too? */
static bool acl_current(const struct vpcsw_actions *acts)
{
	int i;

	for (i = 0; i < 2; i++)
		if (acts->acl_port[i] &&
		    atomic_read(&acts->acl_port[i]->acl_gen) != acts->acl_gen[i])
			return false;
	return true;
}

static void apply(struct vpcsw_packet *pkt, const struct vpcsw_actions *acts,
		  struct sk_buff *skb)
{
	int reason;

	if (acts->action != VPCSW_FLOW_DROP && acts->ct_tmpl) {
		reason = vpcsw_ct_admit(pkt->sw, acts, skb);
		if (reason) {
			if (reason == VPCSW_DROP_ACL)
				vpcsw_port_count_acl_drop(acts->acl_port[acts->deny_slot]);
			if (pkt->in_port)
				vpcsw_port_count_drop(pkt->in_port);
			return drop(pkt->sw, skb, reason);
		}
	}
	if (acts->action == VPCSW_FLOW_DROP && pkt->in_port)
		vpcsw_port_count_drop(pkt->in_port);
	vpcsw_actions_apply(pkt->sw, acts, skb, pkt->mru);
}

static void process(struct vpcsw_packet *pkt, struct sk_buff *skb, bool inbound)
{
	struct vpcsw_switch *sw = pkt->sw;
	struct vpcsw_actions *acts;
	struct vpcsw_flow *flow;
	int reason;

	flow = vpcsw_flow_lookup(&sw->flows, &pkt->key);
	if (likely(flow)) {
		acts = rcu_dereference(flow->actions);
		if (unlikely(acts->generation != vpcsw_generation(sw) ||
			     !acl_current(acts))) {
			/* configuration changed since compiled: re-evaluate */
			acts = vpcsw_actions_alloc();
			if (!acts)
				return drop(sw, skb, VPCSW_DROP_FLOW_LIMIT);
			slow_path(pkt, inbound, acts);
			vpcsw_flow_replace_actions(flow, acts);
		}
		vpcsw_count(sw, VPCSW_STATS_FLOW_HITS, 1);
		vpcsw_flow_used(flow, skb->len);
		apply(pkt, acts, skb);
		return;
	}

	vpcsw_count(sw, VPCSW_STATS_FLOW_MISSES, 1);
	/* limits first: a full table costs no slow path */
	flow = vpcsw_flow_alloc(sw, pkt->in_port, &reason);
	if (flow) {
		slow_path(pkt, inbound, &flow->first);
		flow = vpcsw_flow_insert(sw, flow, &pkt->key);
	}
	if (!flow) {
		if (pkt->in_port)
			vpcsw_port_count_drop(pkt->in_port);
		return drop(sw, skb, reason);
	}
	vpcsw_flow_used(flow, skb->len);
	apply(pkt, rcu_dereference(flow->actions), skb);
}

/* rx_handlers leave skb->data at the network header: step back to L2. */
static bool to_ethernet(struct sk_buff *skb)
{
	if (skb->mac_len != ETH_HLEN || skb_vlan_tag_present(skb))
		return false;
	skb_push_rcsum(skb, ETH_HLEN);
	return true;
}

void vpcsw_pipeline_from_port(struct vpcsw_port *port, struct sk_buff *skb)
{
	struct vpcsw_packet pkt = {
		.sw = port->sw,
		.in_port = port,
	};
	const struct vpcsw_port_cfg *cfg = rcu_dereference(port->cfg);
	const struct ethhdr *eth;
	int reason;

	vpcsw_count_packet(pkt.sw, true, skb->len + ETH_HLEN);
	vpcsw_port_count(port, true, skb->len + ETH_HLEN);
	if (!cfg->vpc_id) {
		reason = VPCSW_DROP_PORT_UNCONFIGURED;
		goto drop;
	}
	if (!to_ethernet(skb)) {
		reason = VPCSW_DROP_UNSUPPORTED;
		goto drop;
	}
	eth = eth_hdr(skb);
	if (eth->h_proto == htons(ETH_P_ARP))
		return vpcsw_arp_respond(port, cfg, skb);
	pkt.in_cfg = cfg;
	pkt.key.in_ifindex = port->dev->ifindex;
	pkt.key.vpc_id = cfg->vpc_id;
	ether_addr_copy(pkt.key.eth_src, eth->h_source);
	ether_addr_copy(pkt.key.eth_dst, eth->h_dest);
	reason = parse_ip(skb, &pkt);
	if (reason)
		goto drop;
	if (vpcsw_ndisc_is_solicit(skb, &pkt.key))
		return vpcsw_ndisc_respond(port, cfg, skb);
	if (unlikely(pkt.fragment)) {
		struct vpcsw_vpc *vpc = vpcsw_vpc_find(pkt.sw, cfg->vpc_id);

		reason = vpc ? vpcsw_port_check_sender(&pkt) :
			       VPCSW_DROP_PORT_UNCONFIGURED;
		if (reason)
			goto drop;
		if (reassemble(&pkt, skb, vpc->ct_zone, &reason))
			return;
		if (reason)
			goto drop;
	}
	process(&pkt, skb, false);
	return;
drop:
	vpcsw_port_count_drop(port);
	drop(pkt.sw, skb, reason);
}

void vpcsw_pipeline_from_tunnel(struct vpcsw_switch *sw, struct sk_buff *skb,
				u32 vni, const struct in6_addr *outer_src)
{
	struct vpcsw_packet pkt = { .sw = sw };
	const struct ethhdr *eth;
	int reason;

	vpcsw_count_packet(sw, true, skb->len + ETH_HLEN);
	pkt.vpc = vpcsw_vpc_find_vni(sw, vni);
	if (!pkt.vpc)
		return drop(sw, skb, VPCSW_DROP_UNKNOWN_VNI);
	if (!to_ethernet(skb))
		return drop(sw, skb, VPCSW_DROP_UNSUPPORTED);
	eth = eth_hdr(skb);
	pkt.key.vpc_id = pkt.vpc->id;
	pkt.key.tun_src = *outer_src;
	ether_addr_copy(pkt.key.eth_src, eth->h_source);
	ether_addr_copy(pkt.key.eth_dst, eth->h_dest);
	reason = parse_ip(skb, &pkt);
	if (reason)
		return drop(sw, skb, reason);
	if (unlikely(pkt.fragment)) {
		reason = vpcsw_vnet_check_tun_src(&pkt);
		if (!reason && reassemble(&pkt, skb, pkt.vpc->ct_zone, &reason))
			return;
		if (reason)
			return drop(sw, skb, reason);
	}
	process(&pkt, skb, true);
}
