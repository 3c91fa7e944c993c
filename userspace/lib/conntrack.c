// SPDX-License-Identifier: GPL-2.0
/*
 * libvpcsw: the kernel's connection tracking, read over ctnetlink.
 *
 * Security groups keep their state in nf_conntrack, one zone per VPC.
 * The vpcsw module does not list connections itself: this dumps the
 * whole conntrack table, as conntrack -L does, and keeps one zone's
 * entries.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nf_conntrack_tcp.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

#include "libvpcsw.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const tcp_state_names[] = {
	[TCP_CONNTRACK_NONE]		= "NONE",
	[TCP_CONNTRACK_SYN_SENT]	= "SYN_SENT",
	[TCP_CONNTRACK_SYN_RECV]	= "SYN_RECV",
	[TCP_CONNTRACK_ESTABLISHED]	= "ESTABLISHED",
	[TCP_CONNTRACK_FIN_WAIT]	= "FIN_WAIT",
	[TCP_CONNTRACK_CLOSE_WAIT]	= "CLOSE_WAIT",
	[TCP_CONNTRACK_LAST_ACK]	= "LAST_ACK",
	[TCP_CONNTRACK_TIME_WAIT]	= "TIME_WAIT",
	[TCP_CONNTRACK_CLOSE]		= "CLOSE",
	[TCP_CONNTRACK_SYN_SENT2]	= "SYN_SENT2",
};

static const char *const status_names[] = {
	[IPS_EXPECTED_BIT]		= "EXPECTED",
	[IPS_SEEN_REPLY_BIT]		= "SEEN_REPLY",
	[IPS_ASSURED_BIT]		= "ASSURED",
	[IPS_CONFIRMED_BIT]		= "CONFIRMED",
	[IPS_SRC_NAT_BIT]		= "SRC_NAT",
	[IPS_DST_NAT_BIT]		= "DST_NAT",
	[IPS_SEQ_ADJUST_BIT]		= "SEQ_ADJUST",
	[IPS_SRC_NAT_DONE_BIT]		= "SRC_NAT_DONE",
	[IPS_DST_NAT_DONE_BIT]		= "DST_NAT_DONE",
	[IPS_DYING_BIT]			= "DYING",
	[IPS_FIXED_TIMEOUT_BIT]		= "FIXED_TIMEOUT",
	[IPS_TEMPLATE_BIT]		= "TEMPLATE",
	[IPS_UNTRACKED_BIT]		= "UNTRACKED",
	[IPS_HELPER_BIT]		= "HELPER",
	[IPS_OFFLOAD_BIT]		= "OFFLOAD",
	[IPS_HW_OFFLOAD_BIT]		= "HW_OFFLOAD",
};

const char *vpcsw_ct_tcp_state_name(unsigned int state)
{
	return state < ARRAY_SIZE(tcp_state_names) ? tcp_state_names[state] :
						     NULL;
}

const char *vpcsw_ct_status_name(unsigned int bit)
{
	return bit < ARRAY_SIZE(status_names) ? status_names[bit] : NULL;
}

/* A big-endian integer attribute of SIZE bytes; false if absent or not. */
static bool get_be(const struct nlattr *attr, unsigned int size,
		   uint32_t *v)
{
	if (!attr || mnl_attr_get_payload_len(attr) != size)
		return false;
	if (size == 1)
		*v = mnl_attr_get_u8(attr);
	else if (size == 2)
		*v = ntohs(mnl_attr_get_u16(attr));
	else
		*v = ntohl(mnl_attr_get_u32(attr));
	return true;
}

/* The ports, or ICMP type, code and id, of CTA_TUPLE_PROTO. */
static void parse_l4(const struct nlattr **l4, struct vpcsw_ct_tuple *t)
{
	bool v6 = t->proto == IPPROTO_ICMPV6;
	uint32_t v;

	if (get_be(l4[CTA_PROTO_SRC_PORT], 2, &v)) {
		t->has_ports = true;
		t->sport = v;
		if (get_be(l4[CTA_PROTO_DST_PORT], 2, &v))
			t->dport = v;
	}
	if (get_be(l4[v6 ? CTA_PROTO_ICMPV6_TYPE : CTA_PROTO_ICMP_TYPE], 1,
		   &v)) {
		t->has_icmp = true;
		t->icmp_type = v;
		if (get_be(l4[v6 ? CTA_PROTO_ICMPV6_CODE : CTA_PROTO_ICMP_CODE],
			   1, &v))
			t->icmp_code = v;
		if (get_be(l4[v6 ? CTA_PROTO_ICMPV6_ID : CTA_PROTO_ICMP_ID],
			   2, &v))
			t->icmp_id = v;
	}
}

/* CTA_TUPLE_ORIG or CTA_TUPLE_REPLY. */
static int parse_tuple(const struct nlattr *nest, struct vpcsw_ct_tuple *t)
{
	const struct nlattr *tb[CTA_TUPLE_MAX + 1];
	const struct nlattr *ip[CTA_IP_MAX + 1];
	const struct nlattr *l4[CTA_PROTO_MAX + 1];
	const struct nlattr *src, *dst;
	uint32_t proto;

	memset(t, 0, sizeof(*t));
	if (!nest || vpcsw_attr_parse_nested(nest, tb, CTA_TUPLE_MAX) ||
	    !tb[CTA_TUPLE_IP] || !tb[CTA_TUPLE_PROTO] ||
	    vpcsw_attr_parse_nested(tb[CTA_TUPLE_IP], ip, CTA_IP_MAX) ||
	    vpcsw_attr_parse_nested(tb[CTA_TUPLE_PROTO], l4, CTA_PROTO_MAX))
		return -EBADMSG;
	src = ip[CTA_IP_V6_SRC] ? ip[CTA_IP_V6_SRC] : ip[CTA_IP_V4_SRC];
	dst = ip[CTA_IP_V6_DST] ? ip[CTA_IP_V6_DST] : ip[CTA_IP_V4_DST];
	if (!src || !dst || vpcsw_get_ip(src, &t->src) ||
	    vpcsw_get_ip(dst, &t->dst) || !get_be(l4[CTA_PROTO_NUM], 1, &proto))
		return -EBADMSG;
	t->proto = proto;
	parse_l4(l4, t);
	return 0;
}

/* The TCP state in CTA_PROTOINFO, or -1. */
static int tcp_state(const struct nlattr *protoinfo)
{
	const struct nlattr *tb[CTA_PROTOINFO_MAX + 1];
	const struct nlattr *tcp[CTA_PROTOINFO_TCP_MAX + 1];
	uint32_t v;

	if (!protoinfo ||
	    vpcsw_attr_parse_nested(protoinfo, tb, CTA_PROTOINFO_MAX) ||
	    !tb[CTA_PROTOINFO_TCP] ||
	    vpcsw_attr_parse_nested(tb[CTA_PROTOINFO_TCP], tcp,
				    CTA_PROTOINFO_TCP_MAX) ||
	    !get_be(tcp[CTA_PROTOINFO_TCP_STATE], 1, &v))
		return -1;
	return v;
}

struct dump_ctx {
	uint16_t zone;
	int (*cb)(const struct vpcsw_ct *ct, void *data);
	void *data;
};

static int top_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	unsigned int type = mnl_attr_get_type(attr);

	if (type <= CTA_MAX)
		tb[type] = attr;
	return MNL_CB_OK;
}

static int ct_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTA_MAX + 1] = { NULL };
	struct dump_ctx *ctx = data;
	struct vpcsw_ct ct;
	uint32_t v = 0;

	if (NFNL_MSG_TYPE(nlh->nlmsg_type) != IPCTNL_MSG_CT_NEW)
		return MNL_CB_OK;
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(struct nfgenmsg) ||
	    mnl_attr_parse(nlh, sizeof(struct nfgenmsg), top_attr_cb,
			   tb) == MNL_CB_ERROR)
		goto bad;

	memset(&ct, 0, sizeof(ct));
	if (tb[CTA_ZONE] && !get_be(tb[CTA_ZONE], 2, &v))
		goto bad;
	ct.zone = v;	/* absent: the default zone, 0 */
	if (ct.zone != ctx->zone)
		return MNL_CB_OK;
	if (parse_tuple(tb[CTA_TUPLE_ORIG], &ct.orig) ||
	    parse_tuple(tb[CTA_TUPLE_REPLY], &ct.reply))
		goto bad;
	if (get_be(tb[CTA_STATUS], 4, &v))
		ct.status = v;
	if (get_be(tb[CTA_TIMEOUT], 4, &v))
		ct.timeout = v;
	ct.tcp_state = tcp_state(tb[CTA_PROTOINFO]);
	return ctx->cb(&ct, ctx->data);
bad:
	errno = EBADMSG;
	return MNL_CB_ERROR;
}

int vpcsw_ct_dump(struct vpcsw_nl *nl, uint16_t zone,
		  int (*cb)(const struct vpcsw_ct *ct, void *data), void *data)
{
	char buf[MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct nfgenmsg))]
		__attribute__((aligned(8)));
	struct dump_ctx ctx = { zone, cb, data };
	struct nlmsghdr *nlh;
	struct nfgenmsg *nfg;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_GET;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = ++nl->seq;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = AF_UNSPEC;	/* IPv4 and IPv6 */
	nfg->version = NFNETLINK_V0;
	nfg->res_id = 0;
	return vpcsw_nl_talk(nl, nlh, ct_cb, &ctx);
}
