// SPDX-License-Identifier: GPL-2.0
/*
 * The unified flow table: exact match on struct vpcsw_flow_key, one RCU
 * hash lookup per packet.  Entries are created by the slow path (in
 * softirq, hence GFP_ATOMIC, one allocation holding the entry and its
 * actions), age out after flow_idle_ms without traffic, and
 * are bounded globally and per source port.
 *
 * The idle sweep walks the table in batches, each in its own RCU read
 * section, yielding the CPU between them: a million flows must neither
 * stall RCU nor hold a CPU.  A full sweep runs every flow_idle_ms / 8
 * (at least every second), so an idle flow goes within 1.125 times its
 * idle time plus the sweep.
 */
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/dst_metadata.h>

#include "flow_table.h"
#include "port.h"
#include "switch.h"

#define VPCSW_FLOW_GC_MIN_INTERVAL	(HZ)
#define VPCSW_FLOW_GC_BATCH		1024	/* entries per RCU section */

static const struct rhashtable_params flow_params = {
	.key_len		= sizeof(struct vpcsw_flow_key),
	.key_offset		= offsetof(struct vpcsw_flow, key),
	.head_offset		= offsetof(struct vpcsw_flow, node),
	.automatic_shrinking	= true,
};

static struct kmem_cache *flow_cache;
static struct kmem_cache *recompiled_cache;

/*
 * Actions compiled again for an existing entry (after a generation
 * change).  They replace ->first, or earlier recompiled ones, under
 * readers, hence the rcu_head that ->first does without.
 */
struct vpcsw_recompiled {
	struct vpcsw_actions acts;
	struct rcu_head rcu;
};

static void recompiled_release(struct vpcsw_recompiled *r)
{
	if (r->acts.tun_md)
		dst_release(&r->acts.tun_md->dst);
	kmem_cache_free(recompiled_cache, r);
}

static void recompiled_free_rcu(struct rcu_head *head)
{
	recompiled_release(container_of(head, struct vpcsw_recompiled, rcu));
}

/* Zeroed actions for vpcsw_flow_replace_actions(); softirq context. */
struct vpcsw_actions *vpcsw_actions_alloc(void)
{
	struct vpcsw_recompiled *r;

	r = kmem_cache_zalloc(recompiled_cache, GFP_ATOMIC);
	return r ? &r->acts : NULL;
}

/* Readers may be applying these actions: free after a grace period. */
void vpcsw_actions_free(struct vpcsw_actions *acts)
{
	struct vpcsw_recompiled *r = container_of(acts, struct vpcsw_recompiled,
						  acts);

	call_rcu(&r->rcu, recompiled_free_rcu);
}

/* No reader can see FLOW (never inserted, or a grace period after). */
static void flow_release(struct vpcsw_flow *flow)
{
	struct vpcsw_actions *acts = rcu_dereference_protected(flow->actions, 1);

	if (acts != &flow->first)
		recompiled_release(container_of(acts, struct vpcsw_recompiled,
						acts));
	/* ->first keeps its reference until the entry goes, replaced or not */
	if (flow->first.tun_md)
		dst_release(&flow->first.tun_md->dst);
	if (flow->in_port)
		vpcsw_port_put(flow->in_port);
	kmem_cache_free(flow_cache, flow);
}

static void flow_free_rcu(struct rcu_head *head)
{
	flow_release(container_of(head, struct vpcsw_flow, rcu));
}

static void flow_uncount(struct vpcsw_flow_table *ft, struct vpcsw_flow *flow)
{
	atomic_dec(&ft->count);
	if (flow->in_port)
		atomic_dec(&flow->in_port->n_flows);
}

static void flow_remove(struct vpcsw_flow_table *ft, struct vpcsw_flow *flow)
{
	if (rhashtable_remove_fast(&ft->table, &flow->node, flow_params))
		return;		/* somebody else removed it */
	flow_uncount(ft, flow);
	call_rcu(&flow->rcu, flow_free_rcu);
}

struct vpcsw_flow *vpcsw_flow_lookup(struct vpcsw_flow_table *ft,
				     const struct vpcsw_flow_key *key)
{
	return rhashtable_lookup(&ft->table, key, flow_params);
}

/*
 * A new entry from IN_PORT (NULL: the tunnel), counted against the
 * limits, for the slow path to compile ->first into before
 * vpcsw_flow_insert().  NULL with *REASON set when a limit or memory
 * refuses it: the packet is dropped without running the slow path.
 */
struct vpcsw_flow *vpcsw_flow_alloc(struct vpcsw_switch *sw,
				    struct vpcsw_port *in_port, int *reason)
{
	struct vpcsw_flow_table *ft = &sw->flows;
	struct vpcsw_flow *flow;

	*reason = VPCSW_DROP_FLOW_LIMIT;
	if (atomic_inc_return(&ft->count) > READ_ONCE(ft->limit))
		goto err;
	if (in_port &&
	    atomic_inc_return(&in_port->n_flows) > READ_ONCE(in_port->flow_limit)) {
		*reason = VPCSW_DROP_PORT_FLOW_LIMIT;
		goto err_port;
	}
	flow = kmem_cache_zalloc(flow_cache, GFP_ATOMIC);
	if (!flow)
		goto err_port;
	if (in_port && !vpcsw_port_get_unless_zero(in_port))
		goto err_free;
	flow->in_port = in_port;
	RCU_INIT_POINTER(flow->actions, &flow->first);
	return flow;

err_free:
	kmem_cache_free(flow_cache, flow);
err_port:
	if (in_port)
		atomic_dec(&in_port->n_flows);
err:
	atomic_dec(&ft->count);
	return NULL;
}

/*
 * Inserts FLOW (from vpcsw_flow_alloc(), compiled) under KEY.  Returns the
 * entry to use: FLOW, or the winner of a concurrent insertion of the same
 * key (FLOW is then freed); NULL if the table refused it (FLOW freed).
 */
struct vpcsw_flow *vpcsw_flow_insert(struct vpcsw_switch *sw,
				     struct vpcsw_flow *flow,
				     const struct vpcsw_flow_key *key)
{
	struct vpcsw_flow_table *ft = &sw->flows;
	struct vpcsw_flow *old;

	flow->key = *key;
	flow->used = (u32)jiffies;
	old = rhashtable_lookup_get_insert_fast(&ft->table, &flow->node,
						flow_params);
	if (!old)
		return flow;
	/* lost a race, or the table refused: the new entry never was visible */
	flow_uncount(ft, flow);
	flow_release(flow);
	return IS_ERR(old) ? NULL : old;
}

/* Re-evaluation after a generation change: swap in the new actions. */
void vpcsw_flow_replace_actions(struct vpcsw_flow *flow,
				struct vpcsw_actions *acts)
{
	struct vpcsw_actions *old;

	old = unrcu_pointer(xchg(&flow->actions, RCU_INITIALIZER(acts)));
	if (old != &flow->first)
		vpcsw_actions_free(old);
}

/*
 * Removes every entry; process context, RTNL held, yielding between
 * batches.  The walk pauses before it removes an entry, never after:
 * restarting, it finds its place by the entry it stopped at, and had
 * that one just been removed it would skip as many of its bucket's
 * remaining entries as were removed there.  The entry must then outlive
 * the pause, so the idle sweep, the only other remover, waits meanwhile.
 */
void vpcsw_flow_flush(struct vpcsw_switch *sw)
{
	struct vpcsw_flow_table *ft = &sw->flows;
	struct rhashtable_iter iter;
	struct vpcsw_flow *flow;
	unsigned int n = 0;

	ASSERT_RTNL();
	cancel_delayed_work_sync(&ft->gc_work);
	rhashtable_walk_enter(&ft->table, &iter);
	rhashtable_walk_start(&iter);
	while ((flow = rhashtable_walk_next(&iter))) {
		if (IS_ERR(flow))
			continue;	/* -EAGAIN: table resized, keep going */
		if (++n % VPCSW_FLOW_GC_BATCH == 0) {
			rhashtable_walk_stop(&iter);
			cond_resched();
			rhashtable_walk_start(&iter);
		}
		flow_remove(ft, flow);
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	vpcsw_flow_gc_kick(ft);
}

static bool flow_idle(struct vpcsw_flow *flow, unsigned long idle)
{
	/* 32 bits of jiffies: the longest idle time, a day, is far shorter */
	return time_after32((u32)jiffies, READ_ONCE(flow->used) + (u32)idle);
}

static unsigned long flow_gc_interval(unsigned long idle)
{
	return max_t(unsigned long, idle / 8, VPCSW_FLOW_GC_MIN_INTERVAL);
}

/* One batch of the idle sweep; requeues itself until the sweep is done. */
static void flow_gc_work(struct work_struct *work)
{
	struct vpcsw_flow_table *ft = container_of(to_delayed_work(work),
						   struct vpcsw_flow_table,
						   gc_work);
	struct vpcsw_switch *sw = container_of(ft, struct vpcsw_switch, flows);
	unsigned long idle = msecs_to_jiffies(READ_ONCE(sw->flow_idle_ms));
	struct vpcsw_flow *flow;
	unsigned int n = 0;

	if (!ft->gc_walking) {
		rhashtable_walk_enter(&ft->table, &ft->gc_iter);
		ft->gc_walking = true;
	}
	rhashtable_walk_start(&ft->gc_iter);
	while ((flow = rhashtable_walk_next(&ft->gc_iter))) {
		if (IS_ERR(flow))
			continue;	/* -EAGAIN: table resized, keep going */
		if (flow_idle(flow, idle))
			flow_remove(ft, flow);
		if (++n == VPCSW_FLOW_GC_BATCH)
			break;
	}
	rhashtable_walk_stop(&ft->gc_iter);
	if (flow) {
		/* more to sweep: let the rest of the system in first */
		queue_delayed_work(system_power_efficient_wq, &ft->gc_work, 0);
		return;
	}
	rhashtable_walk_exit(&ft->gc_iter);
	ft->gc_walking = false;
	queue_delayed_work(system_power_efficient_wq, &ft->gc_work,
			   flow_gc_interval(idle));
}

/* flow_idle_ms changed: sweep now, and at the new interval from then on. */
void vpcsw_flow_gc_kick(struct vpcsw_flow_table *ft)
{
	mod_delayed_work(system_power_efficient_wq, &ft->gc_work, 0);
}

int vpcsw_flow_table_init(struct vpcsw_flow_table *ft)
{
	int err;

	err = rhashtable_init(&ft->table, &flow_params);
	if (err)
		return err;
	atomic_set(&ft->count, 0);
	ft->limit = VPCSW_DEFAULT_FLOW_LIMIT;
	ft->gc_walking = false;
	INIT_DELAYED_WORK(&ft->gc_work, flow_gc_work);
	queue_delayed_work(system_power_efficient_wq, &ft->gc_work,
			   VPCSW_FLOW_GC_MIN_INTERVAL);
	return 0;
}

static void flow_free_now(void *ptr, void *arg)
{
	struct vpcsw_flow *flow = ptr;

	call_rcu(&flow->rcu, flow_free_rcu);
}

/* No reader can reach the table any more (netdev destructor). */
void vpcsw_flow_table_destroy(struct vpcsw_flow_table *ft)
{
	cancel_delayed_work_sync(&ft->gc_work);
	if (ft->gc_walking)
		rhashtable_walk_exit(&ft->gc_iter);
	rhashtable_free_and_destroy(&ft->table, flow_free_now, NULL);
}

int __init vpcsw_flow_cache_init(void)
{
	flow_cache = KMEM_CACHE(vpcsw_flow, 0);
	if (!flow_cache)
		return -ENOMEM;
	recompiled_cache = KMEM_CACHE(vpcsw_recompiled, 0);
	if (!recompiled_cache) {
		kmem_cache_destroy(flow_cache);
		return -ENOMEM;
	}
	return 0;
}

void vpcsw_flow_cache_exit(void)
{
	/* flows are freed by call_rcu: let every callback run first */
	rcu_barrier();
	kmem_cache_destroy(recompiled_cache);
	kmem_cache_destroy(flow_cache);
}
