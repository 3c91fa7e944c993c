/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only place where kernel versions differ for vpcsw (Debian 6.1 LTS and
 * 6.12 LTS).  Each difference is a feature test made by Kbuild against the
 * headers (VPCSW_HAVE_*), never a version number.
 */
#ifndef _VPCSW_COMPAT_H
#define _VPCSW_COMPAT_H

#include <net/dst.h>
#include <net/genetlink.h>
#include <net/ip_tunnels.h>
#include <net/netfilter/nf_conntrack.h>

/* 6.10 turned ip_tunnel_key.tun_flags from __be16 into a bitmap. */
static inline void vpcsw_tun_key_set_key_flag(struct ip_tunnel_key *key)
{
#ifdef VPCSW_HAVE_TUNNEL_FLAG_BITS
	__set_bit(IP_TUNNEL_KEY_BIT, key->tun_flags);
#else
	key->tun_flags |= TUNNEL_KEY;
#endif
}

static inline void vpcsw_tun_key_set_csum_flag(struct ip_tunnel_key *key)
{
#ifdef VPCSW_HAVE_TUNNEL_FLAG_BITS
	__set_bit(IP_TUNNEL_CSUM_BIT, key->tun_flags);
#else
	key->tun_flags |= TUNNEL_CSUM;
#endif
}

/* Geneve: critical options present, or an OAM (control) frame. */
static inline bool vpcsw_tun_critical_or_oam(const struct ip_tunnel_info *info)
{
#ifdef VPCSW_HAVE_TUNNEL_FLAG_BITS
	return test_bit(IP_TUNNEL_CRIT_OPT_BIT, info->key.tun_flags) ||
	       test_bit(IP_TUNNEL_OAM_BIT, info->key.tun_flags);
#else
	return info->key.tun_flags & (TUNNEL_CRIT_OPT | TUNNEL_OAM);
#endif
}

/* 6.2 put a struct genl_info in genl_dumpit_info. */
static inline struct nlattr **vpcsw_dumpit_attrs(struct netlink_callback *cb)
{
#ifdef VPCSW_HAVE_GENL_DUMPIT_INFO_INFO
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/* 6.12 dropped the unused skb argument of nf_ct_refresh(). */
static inline void vpcsw_ct_refresh(struct nf_conn *ct,
				    const struct sk_buff *skb, u32 extra_jiffies)
{
#ifdef VPCSW_HAVE_NF_CT_REFRESH_SKB
	nf_ct_refresh(ct, skb, extra_jiffies);
#else
	nf_ct_refresh(ct, extra_jiffies);
#endif
}

/* 6.5 dropped dst_init()'s initial reference count (rcuref starts at 1). */
static inline void vpcsw_dst_init(struct dst_entry *dst, struct dst_ops *ops)
{
#ifdef VPCSW_HAVE_DST_INIT_REF
	dst_init(dst, ops, NULL, 1, DST_OBSOLETE_NONE, DST_NOCOUNT);
#else
	dst_init(dst, ops, NULL, DST_OBSOLETE_NONE, DST_NOCOUNT);
#endif
}

#endif /* _VPCSW_COMPAT_H */
