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

struct vpcsw_mapping *vpcsw_mapping_alloc(u32 vpc_id, const struct in6_addr *ip,
					  const struct in6_addr *underlay,
					  const u8 *mac, const u32 *sg_ids,
					  u8 n_sgs)
{
	struct vpcsw_mapping *m;

	m = kzalloc(struct_size(m, sg_ids, n_sgs), GFP_KERNEL_ACCOUNT);
	if (!m)
		return NULL;
	memcpy(m->sg_ids, sg_ids, n_sgs * sizeof(*sg_ids));
	m->n_sgs = n_sgs;
	m->key.vpc_id = vpc_id;
	m->key.ip = *ip;
	m->underlay = *underlay;
	ether_addr_copy(m->mac, mac);
	return m;
}

/* NEW, from vpcsw_mapping_alloc(), is the table's or freed. */
int vpcsw_mapping_set(struct vpcsw_switch *sw, struct vpcsw_mapping *new,
		      bool create, bool replace, struct netlink_ext_ack *extack)
{
	struct vpcsw_mapping *old;
	int err;

	ASSERT_RTNL();
	old = vpcsw_mapping_find_rtnl(sw, new->key.vpc_id, &new->key.ip);
	err = -EEXIST;
	if (old && !replace) {
		NL_SET_ERR_MSG(extack, "mapping exists; use VPCSW_CMD_MAPPING_SET (vpcsw mapping replace) to move it");
		goto err_free;
	}
	err = -ENOENT;
	if (!old && !create) {
		NL_SET_ERR_MSG(extack, "no such mapping to replace");
		goto err_free;
	}
	err = -ENOSPC;
	if (!old && sw->n_mappings >= sw->mapping_limit) {
		NL_SET_ERR_MSG(extack, "mapping table of the switch is full");
		goto err_free;
	}

	if (old) {
		err = rhashtable_replace_fast(&sw->mappings, &old->node,
					      &new->node, mapping_params);
		if (err)
			goto err_grow;
		if (ipv6_addr_equal(&old->underlay, &new->underlay) &&
		    ether_addr_equal(old->mac, new->mac))
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
		goto err_grow;
	sw->n_mappings++;
	vpcsw_switch_changed(sw);
	return 0;

err_grow:
	NL_SET_ERR_MSG(extack, "mapping table could not grow");
err_free:
	kfree(new);
	return err;
}

/*
 * Adds the N mappings of NEW (from vpcsw_mapping_alloc(), room for all
 * under the limit) all or none; each is then the table's or freed.  On
 * failure *BAD is the index of the one refused: -EEXIST if the table, or
 * an earlier one of NEW, has its key.  Those added before it are removed
 * again; readers may have seen them, so the generation moves.
 */
int vpcsw_mapping_add_all(struct vpcsw_switch *sw, struct vpcsw_mapping **new,
			  u32 n, u32 *bad)
{
	u32 i, j;
	int err;

	ASSERT_RTNL();
	for (i = 0; i < n; i++) {
		err = rhashtable_lookup_insert_fast(&sw->mappings, &new[i]->node,
						    mapping_params);
		if (err)
			goto err_undo;
	}
	sw->n_mappings += n;
	vpcsw_switch_changed(sw);
	return 0;

err_undo:
	*bad = i;
	for (j = i; j < n; j++)
		kfree(new[j]);
	for (j = 0; j < i; j++) {
		rhashtable_remove_fast(&sw->mappings, &new[j]->node,
				       mapping_params);
		call_rcu(&new[j]->rcu, mapping_free_rcu);
	}
	if (i)
		vpcsw_switch_changed(sw);
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

/*
 * Calls FN(SW, M, VPC_ID) for every mapping M, RTNL held, 1024 to an RCU
 * read section: a million mappings are not walked in one.  A resize
 * restarts the walk (-EAGAIN): FN may see a mapping twice, never misses
 * one, and may remove the one it is given.
 *
 * The walk pauses before FN, never after: restarting, it finds its place
 * by the mapping it stopped at, and counts its position in the bucket
 * anew.  Had FN just removed that mapping, the walk would keep its old
 * position, skip as many of the bucket's remaining mappings as FN had
 * removed there, and a deleted VPC would leave some of its mappings to
 * the next VPC of that id.
 */
static void mapping_walk(struct vpcsw_switch *sw,
			 void (*fn)(struct vpcsw_switch *sw,
				    struct vpcsw_mapping *m, u32 vpc_id),
			 u32 vpc_id)
{
	struct rhashtable_iter iter;
	struct vpcsw_mapping *m;
	unsigned int n = 0;

	ASSERT_RTNL();
	rhashtable_walk_enter(&sw->mappings, &iter);
	rhashtable_walk_start(&iter);
	while ((m = rhashtable_walk_next(&iter))) {
		if (IS_ERR(m))
			continue;
		if (++n % 1024 == 0) {
			/* M stays: only RTNL holders remove mappings */
			rhashtable_walk_stop(&iter);
			cond_resched();
			rhashtable_walk_start(&iter);
		}
		fn(sw, m, vpc_id);
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
}

static void mapping_del_in_vpc(struct vpcsw_switch *sw,
			       struct vpcsw_mapping *m, u32 vpc_id)
{
	if (m->key.vpc_id != vpc_id)
		return;
	if (!rhashtable_remove_fast(&sw->mappings, &m->node, mapping_params)) {
		sw->n_mappings--;
		call_rcu(&m->rcu, mapping_free_rcu);
	}
}

/* Removes every mapping of a VPC being deleted. */
void vpcsw_mapping_del_vpc(struct vpcsw_switch *sw, u32 vpc_id)
{
	mapping_walk(sw, mapping_del_in_vpc, vpc_id);
}

/*
 * The tunnel metadata for packets to M's host in a VPC of VNI: one per
 * mapping, made by the first flow that needs it and freed with the
 * mapping, instead of one per flow.  Returns a counted reference for the
 * caller's actions, or NULL.  RCU read side: M is alive; its metadata may
 * be in the middle of being forgotten (underlay move), hence the safe hold.
 */
struct metadata_dst *vpcsw_mapping_tun_md(struct vpcsw_switch *sw,
					  struct vpcsw_mapping *m, u32 vni)
{
	struct metadata_dst *md = READ_ONCE(m->tun_md);

	if (md && dst_hold_safe(&md->dst))
		return md;
	md = vpcsw_tunnel_md_alloc(&sw->underlay, &m->underlay, vni, true);
	if (!md)
		return NULL;
	/* the mapping keeps one reference, the caller the other; if another
	 * CPU was first, or the old metadata is on its way out, this flow
	 * simply keeps its own
	 */
	if (!cmpxchg(&m->tun_md, NULL, md))
		dst_hold(&md->dst);
	return md;
}

static void mapping_forget_tun_md(struct vpcsw_switch *sw,
				  struct vpcsw_mapping *m, u32 unused)
{
	struct metadata_dst *md = xchg(&m->tun_md, NULL);

	if (md)
		dst_release(&md->dst);
}

/*
 * The switch's underlay address moved: the cached metadata names the old
 * one as the tunnel source.  The caller waited for a grace period after
 * the move, so no slow path still holding the old address can cache new
 * metadata behind this walk; flows holding the old metadata keep it until
 * the generation bump that follows makes them recompile.
 */
void vpcsw_mapping_forget_tun_md(struct vpcsw_switch *sw)
{
	mapping_walk(sw, mapping_forget_tun_md, 0);
}
