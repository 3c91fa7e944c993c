// SPDX-License-Identifier: GPL-2.0
/*
 * The unified flow table: exact match on struct vpcsw_flow_key, one RCU
 * hash lookup per packet.  Entries are created by the slow path (in
 * softirq, hence GFP_ATOMIC), age out after flow_idle_ms without traffic,
 * and are bounded globally and per source port.
 */
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/dst_metadata.h>

#include "flow_table.h"
#include "port.h"
#include "switch.h"

#define VPCSW_FLOW_GC_INTERVAL	(HZ)

static const struct rhashtable_params flow_params = {
	.key_len		= sizeof(struct vpcsw_flow_key),
	.key_offset		= offsetof(struct vpcsw_flow, key),
	.head_offset		= offsetof(struct vpcsw_flow, node),
	.automatic_shrinking	= true,
};

static struct kmem_cache *flow_cache;

static void actions_free_rcu(struct rcu_head *head)
{
	struct vpcsw_actions *acts = container_of(head, struct vpcsw_actions, rcu);

	if (acts->tun_md)
		dst_release(&acts->tun_md->dst);
	kfree(acts);
}

/* Readers may be applying these actions: free after a grace period. */
void vpcsw_actions_free(struct vpcsw_actions *acts)
{
	if (acts)
		call_rcu(&acts->rcu, actions_free_rcu);
}

static void flow_free_rcu(struct rcu_head *head)
{
	struct vpcsw_flow *flow = container_of(head, struct vpcsw_flow, rcu);
	struct vpcsw_actions *acts = rcu_dereference_protected(flow->actions, 1);

	if (acts) {
		if (acts->tun_md)
			dst_release(&acts->tun_md->dst);
		kfree(acts);
	}
	if (flow->in_port)
		vpcsw_port_put(flow->in_port);
	free_percpu(flow->stats);
	kmem_cache_free(flow_cache, flow);
}

/* Unlinks FLOW; the caller won the removal. Memory goes after RCU. */
static void flow_unlinked(struct vpcsw_flow_table *ft, struct vpcsw_flow *flow)
{
	atomic_dec(&ft->count);
	if (flow->in_port)
		atomic_dec(&flow->in_port->n_flows);
	call_rcu(&flow->rcu, flow_free_rcu);
}

static void flow_remove(struct vpcsw_flow_table *ft, struct vpcsw_flow *flow)
{
	if (!rhashtable_remove_fast(&ft->table, &flow->node, flow_params))
		flow_unlinked(ft, flow);
}

struct vpcsw_flow *vpcsw_flow_lookup(struct vpcsw_flow_table *ft,
				     const struct vpcsw_flow_key *key)
{
	return rhashtable_lookup(&ft->table, key, flow_params);
}

/*
 * Inserts a flow for KEY owning ACTS.  Returns the entry to use (a
 * concurrent insertion of the same key may have won: then ACTS is freed and
 * the winner returned), or NULL with *REASON set when a limit or memory
 * refused it; ACTS is then still the caller's.
 */
struct vpcsw_flow *vpcsw_flow_insert(struct vpcsw_switch *sw,
				     const struct vpcsw_flow_key *key,
				     struct vpcsw_port *in_port,
				     struct vpcsw_actions *acts, int *reason)
{
	struct vpcsw_flow_table *ft = &sw->flows;
	struct vpcsw_flow *flow, *old;

	if (atomic_inc_return(&ft->count) > READ_ONCE(ft->limit)) {
		atomic_dec(&ft->count);
		*reason = VPCSW_DROP_FLOW_LIMIT;
		return NULL;
	}
	if (in_port &&
	    atomic_inc_return(&in_port->n_flows) > READ_ONCE(in_port->flow_limit)) {
		atomic_dec(&in_port->n_flows);
		atomic_dec(&ft->count);
		*reason = VPCSW_DROP_PORT_FLOW_LIMIT;
		return NULL;
	}
	flow = kmem_cache_zalloc(flow_cache, GFP_ATOMIC);
	if (!flow)
		goto err;
	flow->stats = alloc_percpu_gfp(struct vpcsw_flow_stats, GFP_ATOMIC);
	if (!flow->stats)
		goto err_free;
	if (in_port && !vpcsw_port_get_unless_zero(in_port))
		goto err_free_stats;
	flow->key = *key;
	flow->in_port = in_port;
	flow->used = jiffies;
	RCU_INIT_POINTER(flow->actions, acts);

	old = rhashtable_lookup_get_insert_fast(&ft->table, &flow->node,
						flow_params);
	if (!old)
		return flow;
	/* lost a race, or the table refused: the new entry never was visible */
	RCU_INIT_POINTER(flow->actions, NULL);
	if (in_port)
		vpcsw_port_put(in_port);
	free_percpu(flow->stats);
	kmem_cache_free(flow_cache, flow);
	atomic_dec(&ft->count);
	if (in_port)
		atomic_dec(&in_port->n_flows);
	if (IS_ERR(old)) {
		*reason = VPCSW_DROP_FLOW_LIMIT;
		return NULL;
	}
	vpcsw_actions_free(acts);
	return old;

err_free_stats:
	free_percpu(flow->stats);
err_free:
	kmem_cache_free(flow_cache, flow);
err:
	if (in_port)
		atomic_dec(&in_port->n_flows);
	atomic_dec(&ft->count);
	*reason = VPCSW_DROP_FLOW_LIMIT;
	return NULL;
}

/* Re-evaluation after a generation change: swap in the new actions. */
void vpcsw_flow_replace_actions(struct vpcsw_flow *flow,
				struct vpcsw_actions *acts)
{
	struct vpcsw_actions *old;

	old = unrcu_pointer(xchg(&flow->actions, RCU_INITIALIZER(acts)));
	vpcsw_actions_free(old);
}

void vpcsw_flow_read_stats(struct vpcsw_flow *flow, u64 *packets, u64 *bytes)
{
	int cpu;

	*packets = 0;
	*bytes = 0;
	for_each_possible_cpu(cpu) {
		const struct vpcsw_flow_stats *s = per_cpu_ptr(flow->stats, cpu);
		unsigned int start;
		u64 p, b;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			p = s->packets;
			b = s->bytes;
		} while (u64_stats_fetch_retry(&s->syncp, start));
		*packets += p;
		*bytes += b;
	}
}

/* Walks the table, removing entries for which EXPIRED says so. */
static void flow_table_sweep(struct vpcsw_flow_table *ft,
			     bool (*expired)(struct vpcsw_flow *, unsigned long),
			     unsigned long arg)
{
	struct rhashtable_iter iter;
	struct vpcsw_flow *flow;

	rhashtable_walk_enter(&ft->table, &iter);
	rhashtable_walk_start(&iter);
	while ((flow = rhashtable_walk_next(&iter))) {
		if (IS_ERR(flow))
			continue;	/* -EAGAIN: table resized, keep going */
		if (expired(flow, arg))
			flow_remove(ft, flow);
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
}

static bool flow_idle(struct vpcsw_flow *flow, unsigned long idle)
{
	return time_after(jiffies, READ_ONCE(flow->used) + idle);
}

static bool flow_any(struct vpcsw_flow *flow, unsigned long unused)
{
	return true;
}

static void flow_gc_work(struct work_struct *work)
{
	struct vpcsw_flow_table *ft = container_of(to_delayed_work(work),
						   struct vpcsw_flow_table,
						   gc_work);
	struct vpcsw_switch *sw = container_of(ft, struct vpcsw_switch, flows);

	flow_table_sweep(ft, flow_idle,
			 msecs_to_jiffies(READ_ONCE(sw->flow_idle_ms)));
	queue_delayed_work(system_power_efficient_wq, &ft->gc_work,
			   VPCSW_FLOW_GC_INTERVAL);
}

void vpcsw_flow_flush(struct vpcsw_switch *sw)
{
	flow_table_sweep(&sw->flows, flow_any, 0);
}

int vpcsw_flow_table_init(struct vpcsw_flow_table *ft)
{
	int err;

	err = rhashtable_init(&ft->table, &flow_params);
	if (err)
		return err;
	atomic_set(&ft->count, 0);
	ft->limit = VPCSW_DEFAULT_FLOW_LIMIT;
	INIT_DELAYED_WORK(&ft->gc_work, flow_gc_work);
	queue_delayed_work(system_power_efficient_wq, &ft->gc_work,
			   VPCSW_FLOW_GC_INTERVAL);
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
	rhashtable_free_and_destroy(&ft->table, flow_free_now, NULL);
}

int __init vpcsw_flow_cache_init(void)
{
	flow_cache = KMEM_CACHE(vpcsw_flow, 0);
	return flow_cache ? 0 : -ENOMEM;
}

void vpcsw_flow_cache_exit(void)
{
	/* flows are freed by call_rcu: let every callback run first */
	rcu_barrier();
	kmem_cache_destroy(flow_cache);
}
