// SPDX-License-Identifier: GPL-2.0
/*
 * The ACL layer: security groups.  Outbound it asks the sending port's
 * groups (egress), and for a packet delivered to a local port -- from the
 * tunnel or from another port -- the receiving port's groups (ingress).
 *
 * What it compiles into the flow is the verdict for a *new* connection;
 * whether a packet belongs to an existing one is conntrack's answer, asked
 * for every packet (conntrack.c).  So a rule change re-evaluates flows
 * (through the ports' ACL generation) without cutting connections.
 */
#include "mapping.h"
#include "pipeline.h"
#include "port.h"
#include "sg.h"
#include "switch.h"
#include "vpc.h"

/* The groups of the VM at IP: a local port's, or its mapping's. */
static void peer_of(struct vpcsw_packet *pkt, const struct in6_addr *ip,
		    struct vpcsw_acl_peer *peer)
{
	const struct vpcsw_port_cfg *cfg;
	struct vpcsw_mapping *m;
	struct vpcsw_port *port;

	peer->ip = ip;
	peer->groups = NULL;
	peer->n_groups = 0;
	port = vpcsw_port_find_ip(pkt->sw, pkt->key.vpc_id, ip);
	if (port) {
		cfg = rcu_dereference(port->cfg);
		peer->groups = cfg->sg_ids;
		peer->n_groups = cfg->n_sgs;
		return;
	}
	m = vpcsw_mapping_find(pkt->sw, pkt->key.vpc_id, ip);
	if (m) {
		peer->groups = m->sg_ids;
		peer->n_groups = m->n_sgs;
	}
}

/* Destination port for TCP/UDP/SCTP, type << 8 | code for ICMP. */
static u16 rule_port(const struct vpcsw_flow_key *key)
{
	switch (key->proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_SCTP:
		return ntohs(key->dport);
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return ntohs(key->sport);
	}
	return 0;
}

/*
 * Does PORT (slot 0: sender, 1: receiver) let a new connection through in
 * direction DIR?  Ports without port security are not asked.
 */
static enum vpcsw_verdict check(struct vpcsw_packet *pkt,
				struct vpcsw_actions *acts,
				struct vpcsw_port *port, u8 dir, int slot)
{
	const struct vpcsw_port_cfg *cfg = rcu_dereference(port->cfg);
	const struct in6_addr *remote;
	struct vpcsw_acl_peer peer;
	struct vpcsw_sg_rule *rule;
	struct vpcsw_vpc *vpc;
	u32 i;

	if (cfg->no_security)
		return VPCSW_CONTINUE;
	vpc = pkt->vpc ?: vpcsw_vpc_find(pkt->sw, pkt->key.vpc_id);
	if (!vpc)
		return vpcsw_drop(acts, VPCSW_DROP_PORT_UNCONFIGURED);
	acts->ct_tmpl = vpc->ct_tmpl;
	/* read first: a rule change during evaluation leaves the result stale */
	acts->acl_port[slot] = port;
	acts->acl_gen[slot] = atomic_read(&port->acl_gen);

	if (!cfg->n_sgs) {
		/* in no group: sends anything, accepts nothing new */
		if (dir == VPCSW_SG_INGRESS)
			goto deny;
		return VPCSW_CONTINUE;
	}
	remote = dir == VPCSW_SG_INGRESS ? &pkt->key.src : &pkt->key.dst;
	peer_of(pkt, remote, &peer);
	for (i = 0; i < cfg->n_sgs; i++) {
		rule = vpcsw_sg_match(cfg->sgs[i], dir, pkt->key.proto,
				      rule_port(&pkt->key), &peer);
		if (rule) {
			acts->acl_rule[slot] = rule;
			return VPCSW_CONTINUE;
		}
	}
deny:
	if (!acts->deny_new) {
		acts->deny_new = true;
		acts->deny_slot = slot;
	}
	return VPCSW_CONTINUE;
}

static enum vpcsw_verdict acl_egress(struct vpcsw_packet *pkt,
				     struct vpcsw_actions *acts)
{
	return check(pkt, acts, pkt->in_port, VPCSW_SG_EGRESS, 0);
}

/* Inbound, and for outbound packets that stay on this host. */
static enum vpcsw_verdict acl_ingress(struct vpcsw_packet *pkt,
				      struct vpcsw_actions *acts)
{
	if (!pkt->out_port)
		return VPCSW_CONTINUE;
	return check(pkt, acts, pkt->out_port, VPCSW_SG_INGRESS, 1);
}

const struct vpcsw_layer vpcsw_layer_acl = {
	.name		= "acl",
	.outbound	= acl_egress,
	.inbound	= acl_ingress,
	.deliver	= acl_ingress,
};
