/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Addresses are kept family-generic: IPv4 as IPv4-mapped IPv6
 * (::ffff:a.b.c.d), so keys and tables serve the IPv6 overlay unchanged.
 */
#ifndef _VPCSW_ADDR_H
#define _VPCSW_ADDR_H

#include <linux/in6.h>
#include <net/ipv6.h>

static inline void vpcsw_addr_set_v4(struct in6_addr *a, __be32 ip)
{
	ipv6_addr_set_v4mapped(ip, a);
}

static inline bool vpcsw_addr_is_v4(const struct in6_addr *a)
{
	return ipv6_addr_v4mapped(a);
}

static inline __be32 vpcsw_addr_v4(const struct in6_addr *a)
{
	return a->s6_addr32[3];
}

/* prefix length in the 128-bit space of a prefix given in its own family */
static inline unsigned int vpcsw_plen128(const struct in6_addr *a,
					 unsigned int plen)
{
	return vpcsw_addr_is_v4(a) ? plen + 96 : plen;
}

/*
 * Does A fall in PREFIX/PLEN128 (a 128-bit prefix length)?  Never across
 * families: ::/0 is no route for IPv4.
 */
static inline bool vpcsw_addr_in_prefix(const struct in6_addr *a,
					const struct in6_addr *prefix,
					unsigned int plen128)
{
	return vpcsw_addr_is_v4(a) == vpcsw_addr_is_v4(prefix) &&
	       ipv6_prefix_equal(a, prefix, plen128);
}

/* The unspecified address of either family. */
static inline bool vpcsw_addr_any(const struct in6_addr *a)
{
	return ipv6_addr_any(a) || (vpcsw_addr_is_v4(a) && !vpcsw_addr_v4(a));
}

/* A unicast address a tunnel can be sent to or from. */
static inline bool vpcsw_addr_unicast(const struct in6_addr *a)
{
	if (vpcsw_addr_any(a))
		return false;
	if (vpcsw_addr_is_v4(a))
		return !ipv4_is_multicast(vpcsw_addr_v4(a)) &&
		       !ipv4_is_lbcast(vpcsw_addr_v4(a));
	return !ipv6_addr_is_multicast(a);
}

#endif /* _VPCSW_ADDR_H */
