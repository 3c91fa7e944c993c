// SPDX-License-Identifier: GPL-2.0
/* libvpcsw: the switch network device, created and deleted by rtnetlink. */
#include <string.h>
#include <linux/rtnetlink.h>

#include "libvpcsw.h"

static struct nlmsghdr *link_msg(struct vpcsw_nl *rt, void *buf,
				 uint16_t type, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++rt->seq;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	return nlh;
}

int vpcsw_link_add(struct vpcsw_nl *rt, const char *ifname)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	struct nlattr *info;

	nlh = link_msg(rt, buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	ifi = mnl_nlmsg_get_payload(nlh);
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	vpcsw_attr_put_strz(nlh, IFLA_IFNAME, ifname);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	vpcsw_attr_put_strz(nlh, IFLA_INFO_KIND, "vpcsw");
	mnl_attr_nest_end(nlh, info);
	return vpcsw_nl_talk(rt, nlh, NULL, NULL);
}

int vpcsw_link_del(struct vpcsw_nl *rt, uint32_t ifindex, const char *ifname)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;

	nlh = link_msg(rt, buf, RTM_DELLINK, 0);
	ifi = mnl_nlmsg_get_payload(nlh);
	ifi->ifi_index = ifindex;
	if (!ifindex)
		vpcsw_attr_put_strz(nlh, IFLA_IFNAME, ifname);
	return vpcsw_nl_talk(rt, nlh, NULL, NULL);
}
