// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 fragments.  A fragment after the first carries no ports, so
 * neither the flow key, nor the security groups, nor conntrack can place
 * it.  So every fragment is reassembled on the way in, as net/openvswitch
 * does before ct(), and the datagram is cut again on the way out into
 * pieces no larger than the largest fragment it arrived in: the switch
 * never sends a packet bigger than its sender did.
 *
 * The queues are the kernel's (ip_defrag(), bounded by the namespace's
 * net.ipv4.ipfrag_* settings).  Each VPC reassembles under its own key,
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
#include <net/route.h>

#include "compat.h"
#include "fragment.h"

/* ip_defrag() wants skb->dev or a route's; this route names no device. */
static struct dst_entry nodev_dst;

/*
 * Reassembles SKB, a fragment with its data at the IPv4 header (checked,
 * trimmed to its total length), in the queues of ZONE.  Returns 0 when
 * SKB is now the whole datagram (*MRU: its largest fragment),
 * -EINPROGRESS when the kernel holds it waiting for the rest, or another
 * error when it was refused (overlap, oversize, no memory) and freed.
 */
int vpcsw_defrag(struct net *net, struct sk_buff *skb, u16 zone, u16 *mru)
{
	struct net_device *dev = skb->dev;
	int err;

	skb_dst_drop(skb);
	skb_dst_set_noref(skb, &nodev_dst);
	skb->dev = NULL;
	memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
	err = ip_defrag(net, skb, IP_DEFRAG_CONNTRACK_IN + zone);
	if (err)
		return err;
	skb_dst_drop(skb);
	skb->dev = dev;
	*mru = IPCB(skb)->frag_max_size;
	/* the first fragment's hash no longer describes the datagram */
	skb_clear_hash(skb);
	skb->ignore_df = 1;
	return 0;
}

/* What each piece needs and ip_do_fragment()'s output cannot be told. */
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
	struct rtable route = {};
	int err;

	memcpy(out->eth, skb->data, ETH_HLEN);
	out->dev = dev;
	out->tun_dst = tun_dst;
	out->sent = 0;
	__skb_pull(skb, ETH_HLEN);
	skb_reset_network_header(skb);

	vpcsw_dst_init(&route.dst, &route_ops);
	route.dst.dev = dev;
	skb_dst_drop(skb);
	skb_dst_set_noref(skb, &route.dst);
	memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
	IPCB(skb)->frag_max_size = mru;
	err = ip_do_fragment(dev_net(dev), NULL, skb, output_piece);
	*pieces = out->sent;
	return err;
}
