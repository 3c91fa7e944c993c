/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_MAPPING_H
#define _VPCSW_MAPPING_H

#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/netlink.h>
#include <linux/rhashtable-types.h>

struct vpcsw_switch;
struct metadata_dst;

struct vpcsw_mapping_key {
	u32 vpc_id;
	struct in6_addr ip;
};

/* overlay (VPC, IP) -> the host the VM lives on, and its MAC */
struct vpcsw_mapping {
	struct rhash_head node;
	struct vpcsw_mapping_key key;
	struct in6_addr underlay;
	u8 mac[ETH_ALEN];
	u8 n_sgs;
	/* shared by the flows to this VM: set by the first of them,
	 * forgotten when the switch's underlay moves
	 */
	struct metadata_dst *tun_md;
	struct rcu_head rcu;
	u32 sg_ids[];			/* the VM's security groups */
};

int vpcsw_mapping_table_init(struct vpcsw_switch *sw);
void vpcsw_mapping_table_destroy(struct vpcsw_switch *sw);
struct vpcsw_mapping *vpcsw_mapping_find_rtnl(struct vpcsw_switch *sw,
					      u32 vpc_id,
					      const struct in6_addr *ip);
struct vpcsw_mapping *vpcsw_mapping_find(struct vpcsw_switch *sw, u32 vpc_id,
					 const struct in6_addr *ip);
struct vpcsw_mapping *vpcsw_mapping_alloc(u32 vpc_id, const struct in6_addr *ip,
					  const struct in6_addr *underlay,
					  const u8 *mac, const u32 *sg_ids,
					  u8 n_sgs);
int vpcsw_mapping_set(struct vpcsw_switch *sw, struct vpcsw_mapping *new,
		      bool create, bool replace, struct netlink_ext_ack *extack);
int vpcsw_mapping_add_all(struct vpcsw_switch *sw, struct vpcsw_mapping **new,
			  u32 n, u32 *bad);
int vpcsw_mapping_del(struct vpcsw_switch *sw, u32 vpc_id,
		      const struct in6_addr *ip, struct netlink_ext_ack *extack);
void vpcsw_mapping_del_vpc(struct vpcsw_switch *sw, u32 vpc_id);
struct metadata_dst *vpcsw_mapping_tun_md(struct vpcsw_switch *sw,
					  struct vpcsw_mapping *m, u32 vni);
void vpcsw_mapping_forget_tun_md(struct vpcsw_switch *sw);

#endif /* _VPCSW_MAPPING_H */
