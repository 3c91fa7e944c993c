// SPDX-License-Identifier: GPL-2.0
/*
 * IP fragments.  A fragment after the first carries no ports, so
 * neither the flow key, nor the security groups, nor conntrack can place
 * it.  So every fragment is reassembled on the way in, as net/openvswitch
 * does before ct(), and the datagram is cut again on the way out into
 * pieces no larger than the largest fragment it arrived in: the switch
 * never sends a packet bigger than its sender did.
 *
 * The queues are the kernel's (ip_defrag(), and nf_ct_frag6_gather() of
 * nf_defrag_ipv6, bounded by the namespace's net.ipv4.ipfrag_* and
 * net.netfilter.nf_conntrack_frag6_* settings).  Each VPC reassembles under its own key,
 * its conntrack zone, so fragments of two tenants with the same
 * addresses never meet.  Fragments are handed over with no device: an
 * incomplete datagram that expires then has no input interface, and the
 * kernel sends no "reassembly time exceeded" from the host's own stack,
 * which would route a tenant's addresses through the host's tables.
 */
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <net/dst.h>
#include <net/ip.h>
#include <net/ip6_fib.h>
#include <net/ipv6.h>
#include <net/ipv6_frag.h>
#include <net/ipv6_stubs.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>
#include <net/route.h>

#include "compat.h"
#include "fragment.h"

/* ip_defrag() wants skb->dev or a route's; this route names no device. */
static struct dst_entry nodev_dst;

/*
 * Reassembles SKB, an IPv4 or IPv6 fragment with its data at the IP
 * header (checked, trimmed to its length), in the queues of ZONE.
 * Returns 0 when SKB is now the whole datagram (*MRU: its largest
 * fragment; for IPv6 also a fragment the kernel would not take, which
 * the caller finds still a fragment), -EINPROGRESS when the kernel holds
 * it waiting for the rest, or another error when it was refused
 * (overlap, oversize, no memory) and freed.
 */
int vpcsw_defrag(struct net *net, struct sk_buff *skb, u16 zone, u16 *mru)
{
	struct net_device *dev = skb->dev;
	int err;

	skb_dst_drop(skb);
	skb->dev = NULL;
	if (skb->protocol == htons(ETH_P_IPV6)) {
		memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
		err = nf_ct_frag6_gather(net, skb, IP6_DEFRAG_CONNTRACK_IN + zone);
		/* unlike ip_defrag(), it leaves a refused fragment to us */
		if (err && err != -EINPROGRESS)
			kfree_skb(skb);
		if (!err)
			*mru = IP6CB(skb)->frag_max_size;
	} else {
		skb_dst_set_noref(skb, &nodev_dst);
		memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
		err = ip_defrag(net, skb, IP_DEFRAG_CONNTRACK_IN + zone);
		if (!err) {
			skb_dst_drop(skb);
			*mru = IPCB(skb)->frag_max_size;
		}
	}
	if (err)
		return err;
	skb->dev = dev;
	/* the first fragment's hash no longer describes the datagram */
	skb_clear_hash(skb);
	skb->ignore_df = 1;
	return 0;
}

/* What each piece needs and the fragmenter's output cannot be told. */
struct piece_output {
	struct net_device *dev;
	struct dst_entry *tun_dst;
	u8 eth[ETH_HLEN];
	unsigned int sent;
};

/* Softirq, never re-entered on a CPU: transmit only queues. */
static DEFINE_PER_CPU(struct piece_output, piece_output);

static int output_piece(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct piece_output *out = this_cpu_ptr(&piece_output);

	/* the on-stack route of vpcsw_refragment() */
	skb_dst_drop(skb);
	if (skb_cow_head(skb, ETH_HLEN)) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	__skb_push(skb, ETH_HLEN);
	memcpy(skb->data, out->eth, ETH_HLEN);
	skb_reset_mac_header(skb);
	if (out->tun_dst)
		skb_dst_set(skb, dst_clone(out->tun_dst));
	skb->dev = out->dev;
	if (dev_queue_xmit(skb) != NET_XMIT_SUCCESS)
		return -ENOBUFS;
	out->sent++;
	return 0;
}

static unsigned int route_mtu(const struct dst_entry *dst)
{
	return READ_ONCE(dst->dev->mtu);
}

static struct dst_ops route_ops = {
	.family	= AF_UNSPEC,
	.mtu	= route_mtu,
};

/*
 * Sends SKB (at its Ethernet header, a reassembled datagram) through DEV
 * in pieces of at most MRU bytes of IP, each with TUN_DST if given.
 * Frees SKB.  Returns 0 if every piece was sent (*PIECES of them).
 */
int vpcsw_refragment(struct sk_buff *skb, struct net_device *dev,
		     struct dst_entry *tun_dst, u16 mru, unsigned int *pieces)
{
	struct piece_output *out = this_cpu_ptr(&piece_output);
	bool ipv6 = skb->protocol == htons(ETH_P_IPV6);
	union {
		struct rtable v4;
		struct rt6_info v6;
	} route = {};
	struct dst_entry *dst = ipv6 ? &route.v6.dst : &route.v4.dst;
	int err;

	memcpy(out->eth, skb->data, ETH_HLEN);
	out->dev = dev;
	out->tun_dst = tun_dst;
	out->sent = 0;
	__skb_pull(skb, ETH_HLEN);
	skb_reset_network_header(skb);

	vpcsw_dst_init(dst, &route_ops);
	dst->dev = dev;
	skb_dst_drop(skb);
	skb_dst_set_noref(skb, dst);
	if (ipv6) {
		memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
		/* above the device MTU ip6_fragment() would answer the
		 * sender with an ICMPv6 error from the host's own stack
		 */
		IP6CB(skb)->frag_max_size = min_t(unsigned int, mru, READ_ONCE(dev->mtu));
		skb->ignore_df = 1;
		/* ip6_fragment() itself is not exported: the stub is how
		 * modules reach it (net/openvswitch too)
		 */
		err = ipv6_stub->ipv6_fragment(dev_net(dev), NULL, skb, output_piece);
	} else {
		memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
		IPCB(skb)->frag_max_size = mru;
		err = ip_do_fragment(dev_net(dev), NULL, skb, output_piece);
	}
	*pieces = out->sent;
	return err;
}
