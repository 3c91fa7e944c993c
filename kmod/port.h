/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_PORT_H
#define _VPCSW_PORT_H

#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/kref.h>
#include <linux/netdevice.h>

#include "sg.h"

struct vpcsw_switch;

#define VPCSW_PORT_MAX_IPS	16

/* What a port is configured with; replaced whole, under RCU. */
struct vpcsw_port_cfg {
	u32 vpc_id;			/* 0: not configured, drops everything */
	u8 mac[ETH_ALEN];
	bool no_security;		/* port-security off: no anti-spoof, no ACL */
	u32 n_ips;
	struct in6_addr ips[VPCSW_PORT_MAX_IPS];
	u32 n_allowed_ips;		/* extra source IPs (allowed-address-pairs) */
	struct in6_addr allowed_ips[VPCSW_PORT_MAX_IPS];
	u32 n_sgs;
	u32 sg_ids[VPCSW_SG_MAX_PER_PORT];
	/* counted in sg->n_ports: a group with members is never deleted */
	struct vpcsw_sg *sgs[VPCSW_SG_MAX_PER_PORT];
	struct rcu_head rcu;
};

struct vpcsw_port_stats {
	u64 rx_packets;
	u64 rx_bytes;
	u64 tx_packets;
	u64 tx_bytes;
	u64 drops;
	u64 acl_drops;
	struct u64_stats_sync syncp;
};

/* A VM or container port: a tap or veth attached to a switch. */
struct vpcsw_port {
	struct net_device *dev;		/* valid while attached */
	struct vpcsw_switch *sw;
	struct list_head list;		/* in sw->ports */
	struct vpcsw_port_cfg __rcu *cfg;
	u32 flow_limit;
	atomic_t n_flows;
	atomic_t acl_gen;		/* bumped when its groups' rules change */
	struct vpcsw_port_stats __percpu *stats;
	struct kref ref;		/* list membership + flows */
	struct rcu_head rcu;
};

static inline bool vpcsw_port_cfg_in_sg(const struct vpcsw_port_cfg *cfg,
					const struct vpcsw_sg *sg)
{
	u32 i;

	for (i = 0; i < cfg->n_sgs; i++)
		if (cfg->sgs[i] == sg)
			return true;
	return false;
}

int vpcsw_port_attach(struct vpcsw_switch *sw, struct net_device *dev,
		      struct netlink_ext_ack *extack);
void vpcsw_port_detach(struct vpcsw_port *port);
void vpcsw_port_detach_all(struct vpcsw_switch *sw);
struct vpcsw_port *vpcsw_port_get_rtnl(const struct net_device *dev);
bool vpcsw_port_ips_taken(struct vpcsw_switch *sw,
			  const struct vpcsw_port_cfg *cfg,
			  const struct vpcsw_port *self);
int vpcsw_port_configure(struct vpcsw_port *port, struct vpcsw_port_cfg *cfg,
			 struct netlink_ext_ack *extack);
int vpcsw_port_leave_vpc(struct vpcsw_switch *sw, u32 vpc_id);
void vpcsw_port_put(struct vpcsw_port *port);
bool vpcsw_port_get_unless_zero(struct vpcsw_port *port);
struct vpcsw_port *vpcsw_port_find_ip(struct vpcsw_switch *sw, u32 vpc_id,
				      const struct in6_addr *ip);
bool vpcsw_port_cfg_has_ip(const struct vpcsw_port_cfg *cfg,
			   const struct in6_addr *ip);
void vpcsw_port_count(struct vpcsw_port *port, bool rx, unsigned int len);
void vpcsw_port_count_drop(struct vpcsw_port *port);
void vpcsw_port_count_acl_drop(struct vpcsw_port *port);
bool vpcsw_port_cfg_may_send_from(const struct vpcsw_port_cfg *cfg,
				  const struct in6_addr *ip);
void vpcsw_port_ct_flush(struct vpcsw_port *port);
void vpcsw_port_read_stats(struct vpcsw_port *port, struct vpcsw_port_stats *sum);

rx_handler_result_t vpcsw_port_rx(struct sk_buff **pskb);

#endif /* _VPCSW_PORT_H */
