// SPDX-License-Identifier: GPL-2.0
/*
 * Mappings: overlay (VPC, IP) -> (underlay host, MAC).  Millions of them,
 * so a resizable RCU hash table; looked up by the slow path only.  A
 * mapping in use also holds the tunnel metadata its flows share.
 */
#include <linux/etherdevice.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/dst_metadata.h>
#include <net/ipv6.h>

#include "mapping.h"
#include "sg.h"
#include "switch.h"
#include "tunnel.h"

static const struct rhashtable_params mapping_params = {
	.key_len		= sizeof(struct vpcsw_mapping_key),
	.key_offset		= offsetof(struct vpcsw_mapping, key),
	.head_offset		= offsetof(struct vpcsw_mapping, node),
	.automatic_shrinking	= true,
};

int vpcsw_mapping_table_init(struct vpcsw_switch *sw)
{
	sw->mapping_limit = VPCSW_DEFAULT_MAPPING_LIMIT;
	return rhashtable_init(&sw->mappings, &mapping_params);
}

static void mapping_release(struct vpcsw_mapping *m)
{
	if (m->tun_md)
		dst_release(&m->tun_md->dst);
	kfree(m);
}

static void mapping_free_rcu(struct rcu_head *head)
{
	mapping_release(container_of(head, struct vpcsw_mapping, rcu));
}

static void mapping_free(void *ptr, void *arg)
{
	mapping_release(ptr);
}

/* Only once no reader can reach the switch (netdev destructor). */
void vpcsw_mapping_table_destroy(struct vpcsw_switch *sw)
{
	rhashtable_free_and_destroy(&sw->mappings, mapping_free, NULL);
}

struct vpcsw_mapping *vpcsw_mapping_find(struct vpcsw_switch *sw, u32 vpc_id,
					 const struct in6_addr *ip)
{
	struct vpcsw_mapping_key key = { .vpc_id = vpc_id, .ip = *ip };

	return rhashtable_lookup(&sw->mappings, &key, mapping_params);
}

/*
 * For writers: RTNL keeps the entry alive, but the table walk itself still
 * needs RCU (PROVE_RCU caught the plain lookup under RTNL).
 */
struct vpcsw_mapping *vpcsw_mapping_find_rtnl(struct vpcsw_switch *sw,
					      u32 vpc_id,
					      const struct in6_addr *ip)
{
	struct vpcsw_mapping_key key = { .vpc_id = vpc_id, .ip = *ip };

	ASSERT_RTNL();
	return rhashtable_lookup_fast(&sw->mappings, &key, mapping_params);
}

int vpcsw_mapping_set(struct vpcsw_switch *sw, u32 vpc_id,
		      const struct in6_addr *ip,
		      const struct in6_addr *underlay, const u8 *mac,
		      const u32 *sg_ids, u8 n_sgs,
		      bool create, bool replace, struct netlink_ext_ack *extack)
{
	struct vpcsw_mapping *old, *new;
	int err;

	ASSERT_RTNL();
	old = vpcsw_mapping_find_rtnl(sw, vpc_id, ip);
	if (old && !replace) {
		NL_SET_ERR_MSG(extack, "mapping exists; use VPCSW_CMD_MAPPING_SET (vpcsw mapping replace) to move it");
		return -EEXIST;
	}
	if (!old && !create) {
		NL_SET_ERR_MSG(extack, "no such mapping to replace");
		return -ENOENT;
	}
	if (!old && sw->n_mappings >= sw->mapping_limit) {
		NL_SET_ERR_MSG(extack, "mapping table of the switch is full");
		return -ENOSPC;
	}
	new = kzalloc(struct_size(new, sg_ids, n_sgs), GFP_KERNEL_ACCOUNT);
	if (!new)
		return -ENOMEM;
	memcpy(new->sg_ids, sg_ids, n_sgs * sizeof(*sg_ids));
	new->n_sgs = n_sgs;
	new->key.vpc_id = vpc_id;
	new->key.ip = *ip;
	new->underlay = *underlay;
	ether_addr_copy(new->mac, mac);

	if (old) {
		err = rhashtable_replace_fast(&sw->mappings, &old->node,
					      &new->node, mapping_params);
		if (err)
			goto err_free;
		if (ipv6_addr_equal(&old->underlay, underlay) &&
		    ether_addr_equal(old->mac, mac))
			/* the VM stayed put: only its groups' referrers care */
			vpcsw_sg_members_changed(sw, old->sg_ids, old->n_sgs,
						 new->sg_ids, new->n_sgs);
		else
			vpcsw_switch_changed(sw);
		call_rcu(&old->rcu, mapping_free_rcu);
		return 0;
	}
	err = rhashtable_insert_fast(&sw->mappings, &new->node, mapping_params);
	if (err)
		goto err_free;
	sw->n_mappings++;
	vpcsw_switch_changed(sw);
	return 0;

err_free:
	NL_SET_ERR_MSG(extack, "mapping table could not grow");
	kfree(new);
	return err;
}

int vpcsw_mapping_del(struct vpcsw_switch *sw, u32 vpc_id,
		      const struct in6_addr *ip, struct netlink_ext_ack *extack)
{
	struct vpcsw_mapping *m;

	ASSERT_RTNL();
	m = vpcsw_mapping_find_rtnl(sw, vpc_id, ip);
	if (!m) {
		NL_SET_ERR_MSG(extack, "no such mapping");
		return -ENOENT;
	}
	rhashtable_remove_fast(&sw->mappings, &m->node, mapping_params);
	sw->n_mappings--;
	vpcsw_switch_changed(sw);
	call_rcu(&m->rcu, mapping_free_rcu);
	return 0;
}

/* Removes every mapping of a VPC being deleted. */
void vpcsw_mapping_del_vpc(struct vpcsw_switch *sw, u32 vpc_id)
{
	struct rhashtable_iter iter;
	struct vpcsw_mapping *m;

	ASSERT_RTNL();
	rhashtable_walk_enter(&sw->mappings, &iter);
	rhashtable_walk_start(&iter);
	while ((m = rhashtable_walk_next(&iter))) {
		if (IS_ERR(m))
			continue;
		if (m->key.vpc_id != vpc_id)
			continue;
		if (!rhashtable_remove_fast(&sw->mappings, &m->node, mapping_params)) {
			sw->n_mappings--;
			call_rcu(&m->rcu, mapping_free_rcu);
		}
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
}

/*
 * The tunnel metadata for packets to M's host in a VPC of VNI: one per
 * mapping, made by the first flow that needs it and freed with the
 * mapping, instead of one per flow.  Returns a counted reference for the
 * caller's actions, or NULL.  RCU read side: M is alive, and so is its
 * reference to the metadata.
 */
struct metadata_dst *vpcsw_mapping_tun_md(struct vpcsw_switch *sw,
					  struct vpcsw_mapping *m, u32 vni)
{
	struct metadata_dst *md = READ_ONCE(m->tun_md), *old;

	if (!md) {
		md = vpcsw_tunnel_md_alloc(&sw->underlay, &m->underlay, vni);
		if (!md)
			return NULL;
		old = cmpxchg(&m->tun_md, NULL, md);
		if (old) {	/* another CPU was first */
			dst_release(&md->dst);
			md = old;
		}
	}
	/* the switch's underlay moved since: this flow gets its own */
	if (!vpcsw_tunnel_md_matches(md, &sw->underlay, vni))
		return vpcsw_tunnel_md_alloc(&sw->underlay, &m->underlay, vni);
	dst_hold(&md->dst);
	return md;
}
