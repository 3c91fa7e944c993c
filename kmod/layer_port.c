// SPDX-License-Identifier: GPL-2.0
/*
 * The port layer: what a VM may send.  Source MAC and IP must be the
 * port's own or allowed to it (anti-spoofing), and nothing is flooded: broadcast and
 * multicast frames stop here (ARP is answered before the pipeline).
 */
#include <linux/etherdevice.h>

#include "pipeline.h"
#include "port.h"

/* Anti-spoofing: returns 0 or the drop reason. */
int vpcsw_port_check_sender(const struct vpcsw_packet *pkt)
{
	const struct vpcsw_port_cfg *cfg = pkt->in_cfg;

	/* appliances (routers, NAT) send for others: port-security off */
	if (cfg->no_security)
		return 0;
	if (!ether_addr_equal(pkt->key.eth_src, cfg->mac))
		return VPCSW_DROP_SPOOF_MAC;
	if (!vpcsw_port_cfg_may_send_from(cfg, &pkt->key.src))
		return VPCSW_DROP_SPOOF_IP;
	return 0;
}

static enum vpcsw_verdict port_outbound(struct vpcsw_packet *pkt,
					struct vpcsw_actions *acts)
{
	int reason;

	if (is_multicast_ether_addr(pkt->key.eth_dst))
		return vpcsw_drop(acts, VPCSW_DROP_BROADCAST);
	reason = vpcsw_port_check_sender(pkt);
	if (reason)
		return vpcsw_drop(acts, reason);
	return VPCSW_CONTINUE;
}

const struct vpcsw_layer vpcsw_layer_port = {
	.name		= "port",
	.outbound	= port_outbound,
};
