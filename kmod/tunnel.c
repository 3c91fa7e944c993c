// SPDX-License-Identifier: GPL-2.0
/*
 * The overlay: the kernel's own vxlan or geneve device in metadata
 * (collect_md) mode, created and owned by the switch as net/openvswitch
 * does, so GSO/GRO, checksum offload and wire compatibility are upstream's.
 * We transmit with a metadata_dst carrying VNI and remote, and receive
 * through an rx_handler on that device, reading the same from the
 * ip_tunnel_info the driver attached.
 */
#include <linux/etherdevice.h>
#include <net/dst_cache.h>
#include <net/dst_metadata.h>
#include <net/geneve.h>
#include <net/ip_tunnels.h>
#include <net/vxlan.h>

#include "addr.h"
#include "compat.h"
#include "pipeline.h"
#include "switch.h"
#include "tunnel.h"

static rx_handler_result_t vpcsw_tunnel_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	const struct ip_tunnel_info *info;
	struct vpcsw_switch *sw;
	struct in6_addr outer_src;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	sw = rcu_dereference(skb->dev->rx_handler_data);
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;

	info = skb_tunnel_info(skb);
	if (unlikely(!info || (info->mode & IP_TUNNEL_INFO_TX) ||
		     vpcsw_tun_critical_or_oam(info))) {
		/* counted as received, so rx = tx + drops + ARP replies holds */
		vpcsw_count_packet(sw, true, skb->len + ETH_HLEN);
		vpcsw_count_drop(sw, info && !(info->mode & IP_TUNNEL_INFO_TX) ?
				 VPCSW_DROP_TUN_OPTION : VPCSW_DROP_MALFORMED);
		kfree_skb(skb);
		return RX_HANDLER_CONSUMED;
	}
	if (ip_tunnel_info_af(info) == AF_INET)
		vpcsw_addr_set_v4(&outer_src, info->key.u.ipv4.src);
	else
		outer_src = info->key.u.ipv6.src;
	vpcsw_pipeline_from_tunnel(sw, skb,
				   be32_to_cpu(tunnel_id_to_key32(info->key.tun_id)),
				   &outer_src);
	return RX_HANDLER_CONSUMED;
}

bool netif_is_vpcsw_tunnel(const struct net_device *dev)
{
	return rcu_access_pointer(dev->rx_handler) == vpcsw_tunnel_rx;
}

struct vpcsw_switch *vpcsw_tunnel_switch_rtnl(const struct net_device *dev)
{
	if (rtnl_dereference(dev->rx_handler) != vpcsw_tunnel_rx)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

static struct net_device *create_vxlan(struct net *net, u16 port)
{
	struct vxlan_config conf = {
		.no_share = true,
		.flags = VXLAN_F_COLLECT_METADATA | VXLAN_F_UDP_ZERO_CSUM6_RX,
		/* the switch, not the device, decides what fits */
		.mtu = IP_MAX_MTU,
		.dst_port = htons(port),
	};

	return vxlan_dev_create(net, "vpcsw_vx%d", NET_NAME_ENUM, &conf);
}

/* Deletes a tunnel device the way "ip link del" would. */
void vpcsw_tunnel_destroy(struct net_device *dev, struct list_head *kill)
{
	LIST_HEAD(list);

	ASSERT_RTNL();
	netdev_rx_handler_unregister(dev);
	dev->rtnl_link_ops->dellink(dev, kill ?: &list);
	if (!kill)
		unregister_netdevice_many(&list);
}

struct net_device *vpcsw_tunnel_create(struct vpcsw_switch *sw, u8 encap,
				       u16 udp_port,
				       struct netlink_ext_ack *extack)
{
	struct net *net = dev_net(sw->dev);
	struct net_device *dev;
	LIST_HEAD(list);
	int err;

	ASSERT_RTNL();
	if (encap == VPCSW_ENCAP_VXLAN)
		dev = create_vxlan(net, udp_port);
	else
		dev = geneve_dev_create_fb(net, "vpcsw_gnv%d", NET_NAME_ENUM,
					   udp_port);
	if (IS_ERR(dev)) {
		NL_SET_ERR_MSG(extack, "cannot create the tunnel device (UDP port in use by another tunnel?)");
		return dev;
	}
	err = dev_change_flags(dev, dev->flags | IFF_UP, extack);
	if (err) {
		/* opening binds the UDP port: the likely reason */
		if (extack && !extack->_msg)
			NL_SET_ERR_MSG(extack, "cannot open the tunnel device: is its UDP port in use?");
		goto err_delete;
	}
	err = netdev_rx_handler_register(dev, vpcsw_tunnel_rx, sw);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot attach to the tunnel device");
		goto err_delete;
	}
	return dev;

err_delete:
	dev->rtnl_link_ops->dellink(dev, &list);
	unregister_netdevice_many(&list);
	return ERR_PTR(err);
}

/*
 * The tunnel info of a flow, computed once by the slow path; the fast path
 * only takes a reference to it (dst_clone) for each packet.
 *
 * CACHE_ROUTE gives it a per-CPU route cache, as net/openvswitch does for
 * its tunnel actions: the VXLAN and Geneve drivers otherwise look the
 * underlay route up for every packet they send.  It costs a per-CPU
 * allocation, worth it for metadata that many packets share (a
 * mapping's), not for one made per flow.  Without the memory for it the
 * metadata works uncached.  The kernel resets and frees the cache with
 * the metadata (dst_release(), metadata_dst_free()), and a cached route
 * holds no device: a route whose device goes away is re-pointed at the
 * blackhole device, and one made stale by a routing change fails the
 * cache's check and is looked up again.
 */
struct metadata_dst *vpcsw_tunnel_md_alloc(const struct in6_addr *src,
					   const struct in6_addr *dst, u32 vni,
					   bool cache_route)
{
	struct ip_tunnel_info *info;
	struct metadata_dst *md;

	md = metadata_dst_alloc(0, METADATA_IP_TUNNEL, GFP_ATOMIC);
	if (!md)
		return NULL;
	info = &md->u.tun_info;
	if (cache_route)
		dst_cache_init(&info->dst_cache, GFP_ATOMIC);
	info->mode = IP_TUNNEL_INFO_TX;
	info->key.tun_id = key32_to_tunnel_id(cpu_to_be32(vni));
	info->key.ttl = 64;
	vpcsw_tun_key_set_key_flag(&info->key);
	if (vpcsw_addr_is_v4(dst)) {
		info->key.u.ipv4.src = vpcsw_addr_is_v4(src) ? vpcsw_addr_v4(src) : 0;
		info->key.u.ipv4.dst = vpcsw_addr_v4(dst);
	} else {
		info->mode |= IP_TUNNEL_INFO_IPV6;
		/* receivers (geneve's fallback device among them) drop
		 * zero-checksum UDP over IPv6 (RFC 6935 makes it opt-in)
		 */
		vpcsw_tun_key_set_csum_flag(&info->key);
		info->key.u.ipv6.src = *src;
		info->key.u.ipv6.dst = *dst;
	}
	return md;
}

/* Where MD sends to: the remote host and the VNI (for flow dumps). */
void vpcsw_tunnel_md_dst(const struct metadata_dst *md, struct in6_addr *dst,
			 u32 *vni)
{
	const struct ip_tunnel_info *info = &md->u.tun_info;

	*vni = be32_to_cpu(tunnel_id_to_key32(info->key.tun_id));
	if (info->mode & IP_TUNNEL_INFO_IPV6)
		*dst = info->key.u.ipv6.dst;
	else
		vpcsw_addr_set_v4(dst, info->key.u.ipv4.dst);
}
