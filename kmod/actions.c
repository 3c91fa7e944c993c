// SPDX-License-Identifier: GPL-2.0
/*
 * Applies compiled actions to a packet: the header transpositions (MACs,
 * TTL), then output through the net_device the actions hold -- a port or
 * the tunnel device, which is told where to send by a metadata_dst.  This
 * file knows neither ports nor tunnels.
 */
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/dst_metadata.h>
#include <net/ip.h>

#include "fragment.h"
#include "pipeline.h"
#include "switch.h"

/*
 * A datagram reassembled from fragments of at most MRU bytes leaves in
 * pieces no larger: counted once in tx-packets, its pieces in frags-sent.
 */
static void output_pieces(struct vpcsw_switch *sw, const struct vpcsw_actions *acts,
			  struct sk_buff *skb, u16 mru)
{
	struct dst_entry *tun_dst = NULL;
	unsigned int len = skb->len;
	unsigned int pieces;

	if (acts->action == VPCSW_FLOW_ENCAP)
		tun_dst = &acts->tun_md->dst;
	if (vpcsw_refragment(skb, acts->out_dev, tun_dst, mru, &pieces)) {
		vpcsw_count_drop(sw, VPCSW_DROP_TX_ERROR);
		return;
	}
	vpcsw_count_packet(sw, false, len);
	vpcsw_count(sw, VPCSW_STATS_FRAGS_SENT, pieces);
}

void vpcsw_actions_apply(struct vpcsw_switch *sw, const struct vpcsw_actions *acts,
			 struct sk_buff *skb, u16 mru)
{
	enum vpcsw_drop_reason reason;
	unsigned int len;

	if (acts->action == VPCSW_FLOW_DROP) {
		reason = acts->drop_reason;
		goto drop;
	}

	if (acts->set_src_mac || acts->set_dst_mac || acts->dec_ttl) {
		bool ipv6 = skb->protocol == htons(ETH_P_IPV6);
		struct ethhdr *eth;

		if (skb_ensure_writable(skb, ETH_HLEN + (ipv6 ? sizeof(struct ipv6hdr) :
							     sizeof(struct iphdr)))) {
			reason = VPCSW_DROP_TX_ERROR;
			goto drop;
		}
		/* rewritten headers invalidate a full-packet checksum */
		if (skb->ip_summed == CHECKSUM_COMPLETE)
			skb->ip_summed = CHECKSUM_NONE;
		eth = (struct ethhdr *)skb->data;
		if (acts->set_src_mac)
			ether_addr_copy(eth->h_source, acts->src_mac);
		if (acts->set_dst_mac)
			ether_addr_copy(eth->h_dest, acts->dst_mac);
		if (acts->dec_ttl && ipv6) {
			struct ipv6hdr *ip6 = (struct ipv6hdr *)(skb->data + ETH_HLEN);

			if (ip6->hop_limit <= 1) {
				reason = VPCSW_DROP_TTL_EXPIRED;
				goto drop;
			}
			ip6->hop_limit--;
		} else if (acts->dec_ttl) {
			struct iphdr *iph = (struct iphdr *)(skb->data + ETH_HLEN);

			if (iph->ttl <= 1) {
				reason = VPCSW_DROP_TTL_EXPIRED;
				goto drop;
			}
			ip_decrease_ttl(iph);
		}
	}

	skb_scrub_packet(skb, false);
	if (unlikely(mru && skb->len > ETH_HLEN + mru))
		return output_pieces(sw, acts, skb, mru);
	if (acts->action == VPCSW_FLOW_ENCAP)
		skb_dst_set(skb, dst_clone(&acts->tun_md->dst));
	skb->dev = acts->out_dev;
	skb_reset_mac_header(skb);
	len = skb->len;
	if (dev_queue_xmit(skb) != NET_XMIT_SUCCESS) {
		vpcsw_count_drop(sw, VPCSW_DROP_TX_ERROR);
		return;
	}
	vpcsw_count_packet(sw, false, len);
	return;

drop:
	vpcsw_count_drop(sw, reason);
	kfree_skb(skb);
}
