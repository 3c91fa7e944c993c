// SPDX-License-Identifier: GPL-2.0
/*
 * Security groups: allow rules compiled into a classifier per group and
 * direction (see struct vpcsw_acl_table).  The verdict for a port is the
 * union of its groups' allows, so overlapping rules can be merged into
 * disjoint port intervals; each interval remembers one rule that covers
 * it, for the per-rule hit counters.
 *
 * Writers run under RTNL.  A rule change builds every new interval array
 * first and publishes them only once nothing can fail, so a request is
 * applied whole or not at all; packets see each bucket switch atomically
 * (RCU).  Member ports are then re-evaluated through their ACL generation.
 */
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <net/ipv6.h>

#include "addr.h"
#include "port.h"
#include "sg.h"
#include "switch.h"

struct acl_range {
	u16 lo, hi;
	struct vpcsw_sg_rule *rule;
};

struct acl_ranges {
	u32 n;
	struct rcu_head rcu;
	struct acl_range r[];
};

struct acl_bucket {
	struct rhash_head node;
	struct vpcsw_acl_key key;
	struct acl_ranges __rcu *ranges;
	struct list_head rules;		/* RTNL */
	u32 n_rules;
	/* scratch for one request, RTNL */
	struct acl_ranges *next;
	struct list_head touched;
	bool created;
	u8 dir;				/* enum vpcsw_sg_direction */
	struct rcu_head rcu;
};

static const struct rhashtable_params bucket_params = {
	.key_len		= sizeof(struct vpcsw_acl_key),
	.key_offset		= offsetof(struct acl_bucket, key),
	.head_offset		= offsetof(struct acl_bucket, node),
	.automatic_shrinking	= true,
};

static int dir_index(u8 dir)
{
	return dir == VPCSW_SG_EGRESS;
}

/* ---- lookup (softirq, RCU) ---------------------------------------------- */

static struct vpcsw_sg_rule *ranges_find(const struct acl_ranges *rs, u16 port)
{
	u32 lo = 0, hi = rs->n;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (port < rs->r[mid].lo)
			hi = mid;
		else if (port > rs->r[mid].hi)
			lo = mid + 1;
		else
			return rs->r[mid].rule;
	}
	return NULL;
}

static struct vpcsw_sg_rule *probe(const struct vpcsw_acl_table *t,
				   struct vpcsw_acl_key *key, u8 proto, u16 port)
{
	const u8 protos[2] = { proto, 0 };
	const struct acl_ranges *rs;
	struct vpcsw_sg_rule *rule;
	struct acl_bucket *b;
	int i;

	for (i = 0; i < 2; i++) {
		if (i && !proto)
			break;
		key->proto = protos[i];
		b = rhashtable_lookup(&((struct vpcsw_acl_table *)t)->buckets, key,
				      bucket_params);
		if (!b)
			continue;
		/* a bucket whose request is still being built has none yet */
		rs = rcu_dereference(b->ranges);
		if (!rs)
			continue;
		rule = ranges_find(rs, port);
		if (rule)
			return rule;
	}
	return NULL;
}

/* Probes PEER's prefixes of the lengths in PLENS (N bits, + OFFSET). */
static struct vpcsw_sg_rule *probe_cidrs(const struct vpcsw_acl_table *t,
					 const unsigned long *plens,
					 unsigned int n, unsigned int offset,
					 struct vpcsw_acl_key *key, u8 proto,
					 u16 port, const struct in6_addr *ip)
{
	struct vpcsw_sg_rule *rule;
	unsigned int plen;

	for_each_set_bit(plen, plens, n) {
		key->plen = offset + plen;
		ipv6_addr_prefix(&key->addr, ip, key->plen);
		rule = probe(t, key, proto, port);
		if (rule)
			return rule;
	}
	return NULL;
}

/* A rule of SG admitting a new connection in direction DIR, or NULL. */
struct vpcsw_sg_rule *vpcsw_sg_match(const struct vpcsw_sg *sg, u8 dir,
				     u8 proto, u16 port,
				     const struct vpcsw_acl_peer *peer)
{
	const struct vpcsw_acl_table *t = &sg->acl[dir_index(dir)];
	struct vpcsw_acl_key key;
	struct vpcsw_sg_rule *rule;
	u32 i;

	memset(&key, 0, sizeof(key));
	key.remote = VPCSW_SG_REMOTE_CIDR;
	key.v4 = vpcsw_addr_is_v4(peer->ip);
	/* an IPv4 prefix is 96 + its length in 128 bits */
	if (key.v4)
		rule = probe_cidrs(t, t->plens_v4, 33, 96, &key, proto, port,
				   peer->ip);
	else
		rule = probe_cidrs(t, t->plens_v6, 129, 0, &key, proto, port,
				   peer->ip);
	if (rule)
		return rule;
	if (!READ_ONCE(t->group_buckets))
		return NULL;
	memset(&key, 0, sizeof(key));
	key.remote = VPCSW_SG_REMOTE_GROUP;
	for (i = 0; i < peer->n_groups; i++) {
		key.group = peer->groups[i];
		rule = probe(t, &key, proto, port);
		if (rule)
			return rule;
	}
	return NULL;
}

/* ---- groups (RTNL) ------------------------------------------------------ */

static int acl_table_init(struct vpcsw_acl_table *t)
{
	memset(t, 0, sizeof(*t));
	return rhashtable_init(&t->buckets, &bucket_params);
}

static void bucket_free(void *ptr, void *arg)
{
	struct acl_bucket *b = ptr;

	kfree(rcu_dereference_raw(b->ranges));
	kfree(b);
}

static void acl_table_destroy(struct vpcsw_acl_table *t)
{
	rhashtable_free_and_destroy(&t->buckets, bucket_free, NULL);
}

/* Once no reader can see SG (rhashtable teardown sleeps: not in RCU). */
static void sg_free(struct vpcsw_sg *sg)
{
	struct vpcsw_sg_rule *rule, *tmp;

	acl_table_destroy(&sg->acl[0]);
	acl_table_destroy(&sg->acl[1]);
	list_for_each_entry_safe(rule, tmp, &sg->rules, list)
		kfree(rule);
	kfree(sg);
}

int vpcsw_sg_init(struct vpcsw_switch *sw)
{
	INIT_LIST_HEAD(&sw->sgs);
	sw->port_sg_limit = VPCSW_DEFAULT_PORT_SG_LIMIT;
	return 0;
}

struct vpcsw_sg *vpcsw_sg_find(struct vpcsw_switch *sw, u32 id)
{
	struct vpcsw_sg *sg;

	list_for_each_entry_rcu(sg, &sw->sgs, list, lockdep_rtnl_is_held())
		if (sg->id == id)
			return sg;
	return NULL;
}

/* Ports whose rules may have changed meaning: re-evaluate their flows. */
static void bump_members(struct vpcsw_switch *sw, const struct vpcsw_sg *sg)
{
	struct vpcsw_port *port;

	ASSERT_RTNL();
	list_for_each_entry(port, &sw->ports, list) {
		if (vpcsw_port_cfg_in_sg(rtnl_dereference(port->cfg), sg))
			atomic_inc(&port->acl_gen);
	}
}

static bool id_in(u32 id, const u32 *ids, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* Does a rule of SG name one of the N groups IDS as its remote? */
static bool sg_refers_to(const struct vpcsw_sg *sg, const u32 *ids, u32 n)
{
	const struct vpcsw_sg_rule *rule;

	list_for_each_entry_rcu(rule, &sg->rules, list, lockdep_rtnl_is_held())
		if (rule->key.remote == VPCSW_SG_REMOTE_GROUP &&
		    id_in(rule->key.group, ids, n))
			return true;
	return false;
}

/*
 * A port or a mapping moved from the groups OLD to the groups NEW.  Only
 * the ports whose rules name a group it joined or left as remote see the
 * peer differently: their flows are re-evaluated, nobody else's.  (The
 * moved port's own flows are its caller's to invalidate.)
 */
void vpcsw_sg_members_changed(struct vpcsw_switch *sw, const u32 *old,
			      u32 n_old, const u32 *new, u32 n_new)
{
	u32 changed[2 * VPCSW_SG_MAX_PER_PORT], n = 0, i;
	struct vpcsw_sg *sg;

	ASSERT_RTNL();
	for (i = 0; i < n_old; i++)
		if (!id_in(old[i], new, n_new) && n < ARRAY_SIZE(changed))
			changed[n++] = old[i];
	for (i = 0; i < n_new; i++)
		if (!id_in(new[i], old, n_old) && n < ARRAY_SIZE(changed))
			changed[n++] = new[i];
	if (!n)
		return;
	list_for_each_entry(sg, &sw->sgs, list)
		if (sg_refers_to(sg, changed, n))
			bump_members(sw, sg);
}

static struct vpcsw_sg_rule *rule_alloc(void)
{
	return kzalloc(sizeof(struct vpcsw_sg_rule), GFP_KERNEL_ACCOUNT);
}

int vpcsw_sg_add(struct vpcsw_switch *sw, u32 vpc_id, u32 id, const char *name,
		 struct netlink_ext_ack *extack)
{
	struct vpcsw_sg_rule *egress_any[2];
	struct in6_addr any = {};
	struct vpcsw_sg *sg;
	u32 bad;
	int err;

	ASSERT_RTNL();
	if (vpcsw_sg_find(sw, id)) {
		NL_SET_ERR_MSG(extack, "security group exists");
		return -EEXIST;
	}
	sg = kzalloc(sizeof(*sg), GFP_KERNEL_ACCOUNT);
	egress_any[0] = rule_alloc();
	egress_any[1] = rule_alloc();
	if (!sg || !egress_any[0] || !egress_any[1]) {
		err = -ENOMEM;
		goto err_free;
	}
	sg->id = id;
	sg->vpc_id = vpc_id;
	strscpy(sg->name, name, sizeof(sg->name));
	INIT_LIST_HEAD(&sg->rules);
	err = acl_table_init(&sg->acl[0]);
	if (err)
		goto err_free;
	err = acl_table_init(&sg->acl[1]);
	if (err)
		goto err_acl0;
	/* a new group lets its members send anything, as in AWS: two
	 * rules, to 0.0.0.0/0 and to ::/0
	 */
	vpcsw_addr_set_v4(&any, 0);
	vpcsw_sg_rule_init(egress_any[0], VPCSW_SG_EGRESS, 0, -1, -1, -1, -1,
			   &any, 0, 0, NULL);
	memset(&any, 0, sizeof(any));
	vpcsw_sg_rule_init(egress_any[1], VPCSW_SG_EGRESS, 0, -1, -1, -1, -1,
			   &any, 0, 0, NULL);
	err = vpcsw_sg_rules_add(sw, sg, egress_any, 2, &bad, extack);
	if (err)
		goto err_acl1;
	list_add_tail_rcu(&sg->list, &sw->sgs);
	return 0;

err_acl1:
	acl_table_destroy(&sg->acl[1]);
err_acl0:
	acl_table_destroy(&sg->acl[0]);
err_free:
	kfree(egress_any[1]);
	kfree(egress_any[0]);
	kfree(sg);
	return err;
}

int vpcsw_sg_del(struct vpcsw_switch *sw, struct vpcsw_sg *sg,
		 struct netlink_ext_ack *extack)
{
	ASSERT_RTNL();
	if (sg->n_ports) {
		NL_SET_ERR_MSG(extack, "security group has member ports: take them out first (port set ... sg)");
		return -EBUSY;
	}
	list_del_rcu(&sg->list);
	/* readers reach groups only through the list and ports' configs */
	synchronize_net();
	sg_free(sg);
	return 0;
}

/* Deletes every group of a VPC being deleted: its ports are gone already. */
void vpcsw_sg_del_vpc(struct vpcsw_switch *sw, u32 vpc_id)
{
	struct vpcsw_sg *sg, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(sg, tmp, &sw->sgs, list) {
		if (sg->vpc_id != vpc_id)
			continue;
		WARN_ON_ONCE(sg->n_ports);
		list_del_rcu(&sg->list);
		synchronize_net();
		sg_free(sg);
	}
}

/* On unregistration: no reader is left, nothing references the groups. */
void vpcsw_sg_destroy(struct vpcsw_switch *sw)
{
	struct vpcsw_sg *sg, *tmp;

	list_for_each_entry_safe(sg, tmp, &sw->sgs, list) {
		list_del(&sg->list);
		sg_free(sg);
	}
}

/* ---- rules -------------------------------------------------------------- */

static bool proto_has_ports(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_SCTP;
}

static bool proto_is_icmp(u8 proto)
{
	return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;
}

/*
 * Fills RULE from request fields (-1: absent) and checks they make sense
 * together.  PREFIX/PLEN (own family) or GROUP names the remote.
 */
int vpcsw_sg_rule_init(struct vpcsw_sg_rule *rule, u8 dir, u8 proto,
		       int port_min, int port_max, int icmp_type, int icmp_code,
		       const struct in6_addr *prefix, int plen, u32 group,
		       struct netlink_ext_ack *extack)
{
	memset(rule, 0, sizeof(*rule));
	rule->dir = dir;
	rule->key.proto = proto;
	rule->lo = 0;
	rule->hi = 0xffff;
	if ((port_min >= 0 || port_max >= 0) && !proto_has_ports(proto)) {
		NL_SET_ERR_MSG(extack, "a port range needs protocol tcp, udp or sctp");
		return -EINVAL;
	}
	if ((icmp_type >= 0 || icmp_code >= 0) && !proto_is_icmp(proto)) {
		NL_SET_ERR_MSG(extack, "an ICMP type or code needs protocol icmp or icmpv6");
		return -EINVAL;
	}
	if (port_min >= 0 || port_max >= 0) {
		rule->lo = port_min >= 0 ? port_min : 0;
		rule->hi = port_max >= 0 ? port_max : rule->lo;
		if (rule->lo > rule->hi) {
			NL_SET_ERR_MSG(extack, "port range is empty: minimum above maximum");
			return -EINVAL;
		}
	}
	if (icmp_code >= 0 && icmp_type < 0) {
		NL_SET_ERR_MSG(extack, "an ICMP code needs an ICMP type");
		return -EINVAL;
	}
	if (icmp_type >= 0) {
		rule->lo = icmp_type << 8 | (icmp_code >= 0 ? icmp_code : 0);
		rule->hi = icmp_type << 8 | (icmp_code >= 0 ? icmp_code : 0xff);
	}
	if (prefix) {
		rule->key.remote = VPCSW_SG_REMOTE_CIDR;
		rule->key.v4 = vpcsw_addr_is_v4(prefix);
		rule->key.plen = vpcsw_plen128(prefix, plen);
		ipv6_addr_prefix(&rule->key.addr, prefix, rule->key.plen);
	} else {
		rule->key.remote = VPCSW_SG_REMOTE_GROUP;
		rule->key.group = group;
	}
	INIT_LIST_HEAD(&rule->list);
	INIT_LIST_HEAD(&rule->bucket_list);
	return 0;
}

static bool rule_equal(const struct vpcsw_sg_rule *a,
		       const struct vpcsw_sg_rule *b)
{
	return a->dir == b->dir && a->lo == b->lo && a->hi == b->hi &&
	       !memcmp(&a->key, &b->key, sizeof(a->key));
}

static struct vpcsw_acl_table *rule_table(struct vpcsw_sg *sg,
					  const struct vpcsw_sg_rule *rule)
{
	return &sg->acl[dir_index(rule->dir)];
}

static struct acl_bucket *bucket_find(struct vpcsw_acl_table *t,
				      const struct vpcsw_acl_key *key)
{
	return rhashtable_lookup_fast(&t->buckets, key, bucket_params);
}

static struct vpcsw_sg_rule *bucket_rule(struct acl_bucket *b,
					 const struct vpcsw_sg_rule *like)
{
	struct vpcsw_sg_rule *r;

	list_for_each_entry(r, &b->rules, bucket_list)
		if (rule_equal(r, like))
			return r;
	return NULL;
}

static int cmp_lo(const void *a, const void *b)
{
	const struct vpcsw_sg_rule *x = *(const struct vpcsw_sg_rule **)a;
	const struct vpcsw_sg_rule *y = *(const struct vpcsw_sg_rule **)b;

	return (int)x->lo - (int)y->lo;
}

/*
 * Disjoint intervals of the union of the bucket's rules, each credited
 * to the covering rule reaching furthest: O(k log k) for k rules.
 */
static struct acl_ranges *ranges_build(struct acl_bucket *b)
{
	struct vpcsw_sg_rule **by_lo, *best = NULL, *r;
	struct acl_ranges *rs;
	u32 i = 0, k = 0, p = 0;

	rs = kmalloc(struct_size(rs, r, b->n_rules), GFP_KERNEL_ACCOUNT);
	by_lo = kvmalloc_array(b->n_rules, sizeof(*by_lo), GFP_KERNEL);
	if (!rs || !by_lo) {
		kfree(rs);
		kvfree(by_lo);
		return NULL;
	}
	list_for_each_entry(r, &b->rules, bucket_list)
		by_lo[k++] = r;
	sort(by_lo, k, sizeof(*by_lo), cmp_lo, NULL);
	rs->n = 0;
	while (p <= 0xffff) {
		while (i < k && by_lo[i]->lo <= p) {
			if (!best || by_lo[i]->hi > best->hi)
				best = by_lo[i];
			i++;
		}
		if (best && best->hi >= p) {
			rs->r[rs->n].lo = p;
			rs->r[rs->n].hi = best->hi;
			rs->r[rs->n].rule = best;
			rs->n++;
			p = best->hi + 1;
		} else if (i < k) {
			p = by_lo[i]->lo;
		} else {
			break;
		}
	}
	kvfree(by_lo);
	return rs;
}

static void table_count(struct vpcsw_acl_table *t,
			const struct vpcsw_acl_key *key, int delta)
{
	if (key->remote == VPCSW_SG_REMOTE_GROUP) {
		WRITE_ONCE(t->group_buckets, t->group_buckets + delta);
		return;
	}
	if (key->v4) {
		/* an IPv4 prefix is 96 + its length in 128 bits */
		unsigned int plen = key->plen - 96;

		t->plen_buckets_v4[plen] += delta;
		if (t->plen_buckets_v4[plen])
			set_bit(plen, t->plens_v4);
		else
			clear_bit(plen, t->plens_v4);
		return;
	}
	t->plen_buckets_v6[key->plen] += delta;
	if (t->plen_buckets_v6[key->plen])
		set_bit(key->plen, t->plens_v6);
	else
		clear_bit(key->plen, t->plens_v6);
}

/* The bucket of KEY in T, created empty if need be, marked touched. */
static struct acl_bucket *bucket_get(struct vpcsw_acl_table *t, u8 dir,
				     const struct vpcsw_acl_key *key,
				     struct list_head *touched, int *err)
{
	struct acl_bucket *b = bucket_find(t, key);

	if (!b) {
		b = kzalloc(sizeof(*b), GFP_KERNEL_ACCOUNT);
		if (!b) {
			*err = -ENOMEM;
			return NULL;
		}
		b->key = *key;
		b->dir = dir;
		INIT_LIST_HEAD(&b->rules);
		INIT_LIST_HEAD(&b->touched);
		/*
		 * Readers may find it before publish() gives it intervals:
		 * probe() skips a bucket without them.
		 */
		*err = rhashtable_insert_fast(&t->buckets, &b->node, bucket_params);
		if (*err) {
			kfree(b);
			return NULL;
		}
		b->created = true;
	}
	if (list_empty(&b->touched))
		list_add_tail(&b->touched, touched);
	return b;
}

/* Builds the next intervals of every touched bucket; nothing published. */
static int build(struct list_head *touched)
{
	struct acl_bucket *b;

	list_for_each_entry(b, touched, touched) {
		if (!b->n_rules)
			continue;
		b->next = ranges_build(b);
		if (!b->next)
			return -ENOMEM;
	}
	return 0;
}

static void bucket_free_rcu(struct rcu_head *head)
{
	bucket_free(container_of(head, struct acl_bucket, rcu), NULL);
}

/* Publishes what build() made; emptied buckets leave.  Cannot fail. */
static void publish(struct vpcsw_sg *sg, struct list_head *touched)
{
	struct acl_bucket *b, *tmp;
	struct acl_ranges *old;

	list_for_each_entry_safe(b, tmp, touched, touched) {
		struct vpcsw_acl_table *t = &sg->acl[dir_index(b->dir)];

		list_del_init(&b->touched);
		if (b->created)
			table_count(t, &b->key, 1);
		b->created = false;
		if (!b->n_rules) {
			table_count(t, &b->key, -1);
			rhashtable_remove_fast(&t->buckets, &b->node, bucket_params);
			call_rcu(&b->rcu, bucket_free_rcu);
			continue;
		}
		old = rcu_dereference_protected(b->ranges, lockdep_rtnl_is_held());
		rcu_assign_pointer(b->ranges, b->next);
		b->next = NULL;
		if (old)
			kfree_rcu(old, rcu);
	}
}

/* Forgets what build() made and the buckets this request created. */
static void unwind(struct vpcsw_sg *sg, struct list_head *touched)
{
	struct acl_bucket *b, *tmp;

	list_for_each_entry_safe(b, tmp, touched, touched) {
		list_del_init(&b->touched);
		kfree(b->next);
		b->next = NULL;
		if (!b->created)
			continue;
		rhashtable_remove_fast(&sg->acl[dir_index(b->dir)].buckets,
				       &b->node, bucket_params);
		kfree_rcu(b, rcu);
	}
}

/*
 * Adds N rules to SG (taking ownership on success), all or none: a rule
 * that exists, repeats within the request or goes beyond the limit
 * refuses the lot.
 */
int vpcsw_sg_rules_add(struct vpcsw_switch *sw, struct vpcsw_sg *sg,
		       struct vpcsw_sg_rule **rules, u32 n, u32 *bad,
		       struct netlink_ext_ack *extack)
{
	LIST_HEAD(touched);
	struct acl_bucket *b;
	struct vpcsw_sg_rule *dup;
	u32 i, linked = 0;
	int err = 0;

	ASSERT_RTNL();
	if (sg->n_rules + n > VPCSW_SG_MAX_RULES) {
		NL_SET_ERR_MSG(extack, "too many rules: a security group holds at most 65536");
		return -ENOSPC;
	}
	for (i = 0; i < n; i++) {
		b = bucket_get(rule_table(sg, rules[i]), rules[i]->dir,
			       &rules[i]->key, &touched, &err);
		if (!b) {
			NL_SET_ERR_MSG(extack, "out of memory for the rule classifier");
			goto err;
		}
		dup = bucket_rule(b, rules[i]);
		if (dup) {
			/* rules of this request are not on sg->rules yet */
			if (list_empty(&dup->list))
				NL_SET_ERR_MSG(extack, "rule is given twice in the request");
			else
				NL_SET_ERR_MSG(extack, "rule exists in the security group");
			*bad = i;
			err = -EEXIST;
			goto err;
		}
		list_add_tail(&rules[i]->bucket_list, &b->rules);
		b->n_rules++;
		linked++;
	}
	err = build(&touched);
	if (err) {
		NL_SET_ERR_MSG(extack, "out of memory for the rule classifier");
		goto err;
	}
	publish(sg, &touched);
	for (i = 0; i < n; i++)
		list_add_tail_rcu(&rules[i]->list, &sg->rules);
	sg->n_rules += n;
	bump_members(sw, sg);
	return 0;

err:
	for (i = 0; i < linked; i++) {
		b = bucket_find(rule_table(sg, rules[i]), &rules[i]->key);
		list_del_init(&rules[i]->bucket_list);
		b->n_rules--;
	}
	unwind(sg, &touched);
	return err;
}

/* Deletes the rules of SG equal to the N given, all or none. */
int vpcsw_sg_rules_del(struct vpcsw_switch *sw, struct vpcsw_sg *sg,
		       const struct vpcsw_sg_rule *rules, u32 n, u32 *bad,
		       struct netlink_ext_ack *extack)
{
	struct vpcsw_sg_rule *r, *tmp;
	LIST_HEAD(touched);
	LIST_HEAD(doomed);
	struct acl_bucket *b;
	int err = 0;
	u32 i;

	ASSERT_RTNL();
	for (i = 0; i < n; i++) {
		b = bucket_find(rule_table(sg, &rules[i]), &rules[i].key);
		r = b ? bucket_rule(b, &rules[i]) : NULL;
		if (!r) {
			list_for_each_entry(tmp, &doomed, bucket_list)
				if (rule_equal(tmp, &rules[i]))
					r = tmp;
			if (r)
				NL_SET_ERR_MSG(extack, "rule is given twice in the request");
			else
				NL_SET_ERR_MSG(extack, "no such rule in the security group");
			*bad = i;
			err = r ? -EINVAL : -ENOENT;
			goto err;
		}
		if (list_empty(&b->touched))
			list_add_tail(&b->touched, &touched);
		list_move_tail(&r->bucket_list, &doomed);
		b->n_rules--;
	}
	err = build(&touched);
	if (err) {
		NL_SET_ERR_MSG(extack, "out of memory for the rule classifier");
		goto err;
	}
	publish(sg, &touched);
	list_for_each_entry_safe(r, tmp, &doomed, bucket_list) {
		list_del_rcu(&r->list);
		sg->n_rules--;
		/* the published intervals no longer point to it */
		kfree_rcu(r, rcu);
	}
	bump_members(sw, sg);
	return 0;

err:
	list_for_each_entry_safe(r, tmp, &doomed, bucket_list) {
		b = bucket_find(rule_table(sg, r), &r->key);
		list_move_tail(&r->bucket_list, &b->rules);
		b->n_rules++;
	}
	unwind(sg, &touched);
	return err;
}
