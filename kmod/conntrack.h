/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_CONNTRACK_H
#define _VPCSW_CONNTRACK_H

#include <linux/in6.h>
#include <linux/skbuff.h>

struct net;
struct nf_conn;
struct vpcsw_switch;
struct vpcsw_actions;

struct nf_conn *vpcsw_ct_zone_alloc(struct net *net, u16 zone);
void vpcsw_ct_zone_free(struct nf_conn *tmpl);
int vpcsw_ct_admit(struct vpcsw_switch *sw, const struct vpcsw_actions *acts,
		   struct sk_buff *skb);
typedef bool (*vpcsw_ct_ip_match_t)(const struct in6_addr *ip, const void *arg);
void vpcsw_ct_flush(struct net *net, u16 zone, vpcsw_ct_ip_match_t match,
		    const void *arg);

#endif /* _VPCSW_CONNTRACK_H */
