/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_PIPELINE_H
#define _VPCSW_PIPELINE_H

#include <linux/if_ether.h>
#include <linux/skbuff.h>
#include <uapi/linux/vpcsw.h>

#include "flow_table.h"

struct vpcsw_switch;
struct vpcsw_port;
struct vpcsw_port_cfg;
struct vpcsw_vpc;

/* What the slow path knows about the first packet of a flow. */
struct vpcsw_packet {
	struct vpcsw_switch *sw;
	struct vpcsw_port *in_port;		/* NULL: from the tunnel */
	const struct vpcsw_port_cfg *in_cfg;	/* in_port's config */
	struct vpcsw_vpc *vpc;
	struct vpcsw_port *out_port;		/* local destination, once known */
	struct vpcsw_flow_key key;
	u8 eth_src[ETH_ALEN];
	u8 eth_dst[ETH_ALEN];
	u8 ttl;
	bool fragment;				/* an IP fragment, before reassembly */
	u16 mru;				/* reassembled: largest fragment */
};

enum vpcsw_verdict {
	VPCSW_CONTINUE,		/* next layer */
	VPCSW_DONE,		/* actions complete (output, encap or drop) */
};

/*
 * A layer of the slow path.  Outbound packets (from a port) run the
 * layers in order, inbound ones (from the tunnel) in reverse, as in VFP.
 * A layer reads the packet and adds to the actions; it never calls
 * another layer.
 */
struct vpcsw_layer {
	const char *name;
	enum vpcsw_verdict (*outbound)(struct vpcsw_packet *pkt,
				       struct vpcsw_actions *acts);
	enum vpcsw_verdict (*inbound)(struct vpcsw_packet *pkt,
				      struct vpcsw_actions *acts);
	/* outbound packets output to a local port: that port's inbound view */
	enum vpcsw_verdict (*deliver)(struct vpcsw_packet *pkt,
				      struct vpcsw_actions *acts);
};

extern const struct vpcsw_layer vpcsw_layer_port;
extern const struct vpcsw_layer vpcsw_layer_acl;
extern const struct vpcsw_layer vpcsw_layer_vnet;

void vpcsw_pipeline_from_port(struct vpcsw_port *port, struct sk_buff *skb);
void vpcsw_pipeline_from_tunnel(struct vpcsw_switch *sw, struct sk_buff *skb,
				u32 vni, const struct in6_addr *outer_src);

static inline enum vpcsw_verdict vpcsw_drop(struct vpcsw_actions *acts,
					    enum vpcsw_drop_reason reason)
{
	acts->action = VPCSW_FLOW_DROP;
	acts->drop_reason = reason;
	return VPCSW_DONE;
}

/* actions.c */
void vpcsw_actions_apply(struct vpcsw_switch *sw, const struct vpcsw_actions *acts,
			 struct sk_buff *skb, u16 mru);
/* layer_port.c, layer_vnet.c: anti-spoofing, also before reassembly */
int vpcsw_port_check_sender(const struct vpcsw_packet *pkt);
int vpcsw_vnet_check_tun_src(struct vpcsw_packet *pkt);
/* arp.c */
const u8 *vpcsw_neigh_answer(struct vpcsw_port *asker, u32 vpc_id,
			     const struct in6_addr *ip);
void vpcsw_arp_respond(struct vpcsw_port *port, const struct vpcsw_port_cfg *cfg,
		       struct sk_buff *skb);
void vpcsw_neigh_reply(struct vpcsw_port *port, struct sk_buff *skb,
		       struct sk_buff *reply);
void vpcsw_neigh_refuse(struct vpcsw_port *port, struct sk_buff *skb,
			enum vpcsw_drop_reason reason);
/* ndisc.c */
bool vpcsw_ndisc_is_solicit(const struct sk_buff *skb,
			    const struct vpcsw_flow_key *key);
void vpcsw_ndisc_respond(struct vpcsw_port *port, const struct vpcsw_port_cfg *cfg,
			 struct sk_buff *skb);

#endif /* _VPCSW_PIPELINE_H */
