// SPDX-License-Identifier: GPL-2.0
/*
 * Connection state of the security groups, kept by the kernel's own
 * nf_conntrack in one zone per VPC, as net/openvswitch does it: the
 * packet gets the VPC's zone template, nf_conntrack_in() tracks it, and a
 * new connection is confirmed only if the flow's rules admit it.  So
 * "conntrack -L" shows tenants' connections, and replies, established
 * traffic and related ICMP errors pass whatever the rules say now.
 *
 * The switch calls nf_conntrack_in() itself, so it takes no netfilter
 * hook (no nf_ct_netns_get()): the host's own traffic, and with it every
 * outer packet of the tunnel, is not tracked on the switch's account.
 */
#include <linux/netfilter.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_core.h>
#include <net/netfilter/nf_conntrack_zones.h>

#include "addr.h"
#include "compat.h"
#include "conntrack.h"
#include "pipeline.h"
#include "port.h"
#include "switch.h"

/* The template that puts a packet's connection in ZONE. */
struct nf_conn *vpcsw_ct_zone_alloc(struct net *net, u16 zone_id)
{
	struct nf_conntrack_zone zone;
	struct nf_conn *tmpl;

	nf_ct_zone_init(&zone, zone_id, NF_CT_DEFAULT_ZONE_DIR, 0);
	tmpl = nf_ct_tmpl_alloc(net, &zone, GFP_KERNEL);
	if (!tmpl)
		return NULL;
	/* never confirmed itself: only connections made from it are */
	__set_bit(IPS_CONFIRMED_BIT, &tmpl->status);
	return tmpl;
}

/* After a grace period: packets take references while they run. */
void vpcsw_ct_zone_free(struct nf_conn *tmpl)
{
	if (tmpl)
		nf_ct_put(tmpl);
}

/* The switch's idle timeouts replace the kernel's defaults for its zones. */
static void set_timeout(struct vpcsw_switch *sw, struct nf_conn *ct,
			struct sk_buff *skb)
{
	u32 secs = 0;

	switch (nf_ct_protonum(ct)) {
	case IPPROTO_TCP:
		if (READ_ONCE(ct->proto.tcp.state) == TCP_CONNTRACK_ESTABLISHED)
			secs = READ_ONCE(sw->ct_timeout[VPCSW_CT_TCP]);
		break;
	case IPPROTO_UDP:
		secs = READ_ONCE(sw->ct_timeout[VPCSW_CT_UDP]);
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		secs = READ_ONCE(sw->ct_timeout[VPCSW_CT_ICMP]);
		break;
	}
	if (secs)
		vpcsw_ct_refresh(ct, skb, secs * HZ);
}

/*
 * Tracks SKB (at its Ethernet header) in the zone of ACTS and decides:
 * returns 0 to forward it, or the drop reason.  A new connection passes
 * only if the rules admitted it when the flow was compiled.
 */
int vpcsw_ct_admit(struct vpcsw_switch *sw, const struct vpcsw_actions *acts,
		   struct sk_buff *skb)
{
	struct net *net = dev_net(sw->dev);
	struct nf_hook_state state = {
		.hook = NF_INET_PRE_ROUTING,
		.pf = skb->protocol == htons(ETH_P_IPV6) ? NFPROTO_IPV6 :
							   NFPROTO_IPV4,
		.net = net,
	};
	enum ip_conntrack_info ctinfo;
	unsigned int verdict;
	struct nf_conn *ct;
	int reason = 0;

	nf_reset_ct(skb);
	nf_conntrack_get(&acts->ct_tmpl->ct_general);
	nf_ct_set(skb, acts->ct_tmpl, IP_CT_NEW);

	skb_pull_rcsum(skb, ETH_HLEN);
	verdict = nf_conntrack_in(skb, &state);
	if (verdict != NF_ACCEPT) {
		reason = nf_conntrack_count(net) >= READ_ONCE(nf_conntrack_max) &&
			 READ_ONCE(nf_conntrack_max) ? VPCSW_DROP_CT_FULL :
						       VPCSW_DROP_CT_INVALID;
		goto out;
	}
	ct = nf_ct_get(skb, &ctinfo);
	if (!ct || nf_ct_is_template(ct)) {
		reason = VPCSW_DROP_CT_INVALID;
		goto out;
	}
	if (ctinfo == IP_CT_NEW) {
		if (acts->deny_new) {
			reason = VPCSW_DROP_ACL;
			goto out;
		}
		/* a retransmitted first packet: admitted and counted before */
		if (nf_ct_is_confirmed(ct))
			goto established;
		if (nf_conntrack_confirm(skb) != NF_ACCEPT) {
			reason = VPCSW_DROP_CT_INVALID;
			goto out;
		}
		vpcsw_count(sw, VPCSW_STATS_CT_NEW, 1);
		if (acts->acl_rule[0])
			atomic64_inc(&acts->acl_rule[0]->hits);
		if (acts->acl_rule[1])
			atomic64_inc(&acts->acl_rule[1]->hits);
	}
established:
	set_timeout(sw, ct, skb);
out:
	skb_push_rcsum(skb, ETH_HLEN);
	/* the connection lives in the table; the packet needs no reference */
	nf_reset_ct(skb);
	return reason;
}

struct flush_match {
	u16 zone;
	vpcsw_ct_ip_match_t match;
	const void *arg;
};

static bool ip_matches(const struct flush_match *m, u16 l3num,
		       const union nf_inet_addr *a)
{
	struct in6_addr ip = a->in6;

	if (l3num == NFPROTO_IPV4)
		vpcsw_addr_set_v4(&ip, a->ip);
	return m->match(&ip, m->arg);
}

static int flush_match(struct nf_conn *ct, void *data)
{
	const struct flush_match *m = data;
	const struct nf_conntrack_tuple *t;
	u16 l3num = nf_ct_l3num(ct);

	if (nf_ct_zone_id(nf_ct_zone(ct), IP_CT_DIR_ORIGINAL) != m->zone ||
	    (l3num != NFPROTO_IPV4 && l3num != NFPROTO_IPV6))
		return 0;
	if (!m->match)
		return 1;
	t = &ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;
	return ip_matches(m, l3num, &t->src.u3) ||
	       ip_matches(m, l3num, &t->dst.u3);
}

/*
 * Ends the connections of ZONE; with MATCH, only those with an address
 * (either end) that MATCH accepts.  Walks the whole table: control path.
 */
void vpcsw_ct_flush(struct net *net, u16 zone, vpcsw_ct_ip_match_t match,
		    const void *arg)
{
	struct flush_match m = { .zone = zone, .match = match, .arg = arg };
	struct nf_ct_iter_data iter = { .net = net, .data = &m };

	nf_ct_iterate_cleanup_net(flush_match, &iter);
}
