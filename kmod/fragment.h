/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_FRAGMENT_H
#define _VPCSW_FRAGMENT_H

#include <linux/skbuff.h>

struct dst_entry;
struct net;
struct net_device;

int vpcsw_defrag(struct net *net, struct sk_buff *skb, u16 zone, u16 *mru);
int vpcsw_refragment(struct sk_buff *skb, struct net_device *dev,
		     struct dst_entry *tun_dst, u16 mru, unsigned int *pieces);

#endif /* _VPCSW_FRAGMENT_H */
