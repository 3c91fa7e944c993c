// SPDX-License-Identifier: GPL-2.0
/*
 * libvpcsw: sockets, family resolution, request/ack with extack, dumps,
 * multicast, pipelined requests.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "libvpcsw.h"

#define RECV_BUF_SIZE	(1 << 16)
#define DUMP_TRIES	10

static void mcast_groups(const struct nlattr *nest, struct vpcsw_nl *nl)
{
	const struct nlattr *grp, *attr;

	mnl_attr_for_each_nested(grp, nest) {
		const char *name = NULL;
		uint32_t id = 0;

		mnl_attr_for_each_nested(attr, grp) {
			if (mnl_attr_get_type(attr) == CTRL_ATTR_MCAST_GRP_NAME &&
			    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
				name = mnl_attr_get_str(attr);
			if (mnl_attr_get_type(attr) == CTRL_ATTR_MCAST_GRP_ID &&
			    mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
				id = mnl_attr_get_u32(attr);
		}
		if (!name)
			continue;
		if (!strcmp(name, VPCSW_MCGRP_EVENTS))
			nl->mcgrp_events = id;
		else if (!strcmp(name, VPCSW_MCGRP_MISS))
			nl->mcgrp_miss = id;
	}
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct vpcsw_nl *nl = data;
	struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(attr)) {
		case CTRL_ATTR_FAMILY_ID:
			if (mnl_attr_validate(attr, MNL_TYPE_U16) == 0)
				nl->family = mnl_attr_get_u16(attr);
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			mcast_groups(attr, nl);
			break;
		}
	}
	return MNL_CB_OK;
}

/* Extack attributes from OFFSET of an NLMSG_ERROR or NLMSG_DONE message. */
static void extack(struct vpcsw_nl *nl, const struct nlmsghdr *nlh,
		   unsigned int offset)
{
	struct nlattr *attr;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	mnl_attr_for_each(attr, nlh, offset) {
		if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
		    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
			snprintf(nl->errmsg, sizeof(nl->errmsg), "%s",
				 mnl_attr_get_str(attr));
		if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_OFFS &&
		    mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
			nl->err_attr_offs = mnl_attr_get_u32(attr);
	}
}

/* An ack: MNL_CB_STOP for success, MNL_CB_ERROR with errno set. */
static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	struct vpcsw_nl *nl = data;
	unsigned int offset = sizeof(*err);

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*err))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (err->error == 0)
		return MNL_CB_STOP;
	/* with NETLINK_CAP_ACK the request is not echoed */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		offset += mnl_nlmsg_get_payload_len(&err->msg);
	extack(nl, nlh, offset);
	errno = err->error < 0 ? -err->error : EPROTO;
	return MNL_CB_ERROR;
}

struct talk_ctx {
	struct vpcsw_nl *nl;
	mnl_cb_t cb;
	void *data;
	bool interrupted;
};

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct talk_ctx *ctx = data;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		ctx->interrupted = true;
	return ctx->cb ? ctx->cb(nlh, ctx->data) : MNL_CB_OK;
}

static int ctl_error_cb(const struct nlmsghdr *nlh, void *data)
{
	return error_cb(nlh, ((struct talk_ctx *)data)->nl);
}

static int ctl_done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct talk_ctx *ctx = data;
	int err;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		ctx->interrupted = true;
	/* NLMSG_DONE carries the dump's final error, if any */
	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int)) {
		memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
		if (err < 0) {
			extack(ctx->nl, nlh, sizeof(int));
			errno = -err;
			return MNL_CB_ERROR;
		}
	}
	return MNL_CB_STOP;
}

static int ctl_noop_cb(const struct nlmsghdr *nlh, void *data)
{
	return MNL_CB_OK;
}

static mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
	[NLMSG_NOOP]	= ctl_noop_cb,
	[NLMSG_ERROR]	= ctl_error_cb,
	[NLMSG_DONE]	= ctl_done_cb,
	[NLMSG_OVERRUN]	= ctl_noop_cb,
};

int vpcsw_nl_talk(struct vpcsw_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		  void *data)
{
	struct talk_ctx ctx = { .nl = nl, .cb = cb, .data = data };
	uint32_t seq = nlh->nlmsg_seq;
	ssize_t len;
	int ret;

	nl->errmsg[0] = '\0';
	nl->err_attr_offs = 0;
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	do {
		len = mnl_socket_recvfrom(nl->sock, nl->buf, nl->buf_size);
		if (len < 0)
			return -errno;
		ret = mnl_cb_run2(nl->buf, len, seq, nl->portid, data_cb, &ctx,
				  ctl_cbs, NLMSG_MIN_TYPE);
	} while (ret == MNL_CB_OK);
	if (ret == MNL_CB_ERROR)
		return errno ? -errno : -EPROTO;
	return ctx.interrupted ? -EINTR : 0;
}

/* The messages of a dump, kept until it is known to be complete. */
struct collect {
	char *data;
	size_t len;
	size_t size;
};

static int collect_cb(const struct nlmsghdr *nlh, void *data)
{
	size_t need = MNL_ALIGN(nlh->nlmsg_len);
	struct collect *c = data;

	if (c->len + need > c->size) {
		size_t size = c->size ? c->size : RECV_BUF_SIZE;
		char *p;

		while (size < c->len + need)
			size *= 2;
		p = realloc(c->data, size);
		if (!p) {
			errno = ENOMEM;
			return MNL_CB_ERROR;
		}
		c->data = p;
		c->size = size;
	}
	memcpy(c->data + c->len, nlh, nlh->nlmsg_len);
	memset(c->data + c->len + nlh->nlmsg_len, 0, need - nlh->nlmsg_len);
	c->len += need;
	return MNL_CB_OK;
}

int vpcsw_nl_dump(struct vpcsw_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		  void *data)
{
	struct collect c = { NULL, 0, 0 };
	const struct nlmsghdr *msg;
	int tries = 0, ret = MNL_CB_OK, err, len;

	do {
		c.len = 0;
		nlh->nlmsg_seq = ++nl->seq;
		err = vpcsw_nl_talk(nl, nlh, collect_cb, &c);
	} while (err == -EINTR && ++tries < DUMP_TRIES);
	if (err == -EINTR)
		snprintf(nl->errmsg, sizeof(nl->errmsg),
			 "the tables changed during each of %d dumps; try again",
			 DUMP_TRIES);
	if (err)
		goto out;

	len = c.len;
	msg = (const struct nlmsghdr *)c.data;
	while (cb && mnl_nlmsg_ok(msg, len)) {
		ret = cb(msg, data);
		if (ret <= MNL_CB_STOP)
			break;
		msg = mnl_nlmsg_next(msg, &len);
	}
	if (ret == MNL_CB_ERROR)
		err = errno ? -errno : -EPROTO;
out:
	free(c.data);
	return err;
}

struct nlmsghdr *vpcsw_msg_start(struct vpcsw_nl *nl, void *buf, uint8_t cmd,
				 uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = nl->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = VPCSW_GENL_VERSION;
	return nlh;
}

uint8_t vpcsw_msg_cmd(const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*genl))
		return VPCSW_CMD_UNSPEC;
	return genl->cmd;
}

/* Is the attribute's payload the size its kind says? */
static bool attr_size_ok(const struct nlattr *attr, unsigned int type)
{
	uint16_t len = mnl_attr_get_payload_len(attr);
	const char *s = mnl_attr_get_payload(attr);
	size_t max_str = type == VPCSW_A_SG_NAME ? VPCSW_SG_NAME_SIZE : IFNAMSIZ;

	switch (vpcsw_attr_kind(type)) {
	case VPCSW_KIND_U8:
		return len == 1;
	case VPCSW_KIND_U16:
		return len == 2;
	case VPCSW_KIND_U32:
		return len == 4;
	case VPCSW_KIND_U64:
		return len == 8;
	case VPCSW_KIND_IP:
		return len == 4 || len == 16;
	case VPCSW_KIND_MAC:
		return len == 6;
	case VPCSW_KIND_FLAG:
		return len == 0;
	case VPCSW_KIND_STRING:
		return len > 0 && len <= max_str && s[len - 1] == '\0';
	default:
		return true;
	}
}

static int parse_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	unsigned int type = mnl_attr_get_type(attr);

	/* unknown (newer) attributes are skipped, not fatal */
	if (type == 0 || type > VPCSW_A_MAX)
		return MNL_CB_OK;
	if (!attr_size_ok(attr, type)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	tb[type] = attr;
	return MNL_CB_OK;
}

int vpcsw_msg_parse(const struct nlmsghdr *nlh, const struct nlattr **tb)
{
	memset(tb, 0, sizeof(*tb) * (VPCSW_A_MAX + 1));
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(struct genlmsghdr))
		return -EBADMSG;
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), parse_attr_cb,
			      tb) == MNL_CB_ERROR ? -EBADMSG : 0;
}

struct nested_ctx {
	const struct nlattr **tb;
	unsigned int max;
};

static int parse_nested_cb(const struct nlattr *attr, void *data)
{
	struct nested_ctx *ctx = data;
	unsigned int type = mnl_attr_get_type(attr);

	if (type > 0 && type <= ctx->max)
		ctx->tb[type] = attr;
	return MNL_CB_OK;
}

int vpcsw_attr_parse_nested(const struct nlattr *nest,
			    const struct nlattr **tb, unsigned int max)
{
	struct nested_ctx ctx = { tb, max };

	memset(tb, 0, sizeof(*tb) * (max + 1));
	return mnl_attr_parse_nested(nest, parse_nested_cb, &ctx) ==
	       MNL_CB_ERROR ? -EBADMSG : 0;
}

void vpcsw_attr_put(struct nlmsghdr *nlh, uint16_t type, size_t len,
		    const void *data)
{
	char *payload = mnl_attr_get_payload(mnl_nlmsg_get_payload_tail(nlh));

	mnl_attr_put(nlh, type, len, data);
	memset(payload + len, 0, MNL_ALIGN(len) - len);
}

void vpcsw_put_switch(struct nlmsghdr *nlh, const char *ifname)
{
	vpcsw_attr_put_strz(nlh, VPCSW_A_SWITCH_IFNAME, ifname);
}

static int socket_open(struct vpcsw_nl *nl, int protocol)
{
	int one = 1, err;

	memset(nl, 0, sizeof(*nl));
	nl->buf_size = RECV_BUF_SIZE;
	nl->buf = malloc(nl->buf_size);
	if (!nl->buf)
		return -ENOMEM;
	nl->sock = mnl_socket_open(protocol);
	if (!nl->sock)
		goto err;
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0)
		goto err;
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = time(NULL);
	return 0;
err:
	err = -errno;
	vpcsw_nl_close(nl);
	return err;
}

int vpcsw_nl_open(struct vpcsw_nl *nl)
{
	char buf[VPCSW_MSG_SIZE] __attribute__((aligned(8)));
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;
	int err;

	err = socket_open(nl, NETLINK_GENERIC);
	if (err)
		return err;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = CTRL_CMD_GETFAMILY;
	genl->version = 1;
	vpcsw_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, VPCSW_GENL_NAME);
	err = vpcsw_nl_talk(nl, nlh, family_cb, nl);
	if (!err && !nl->family)
		err = -ENOENT;
	if (err) {
		if (err == -ENOENT)
			snprintf(nl->errmsg, sizeof(nl->errmsg),
				 "the vpcsw kernel module is not loaded (modprobe vpcsw)");
		vpcsw_nl_close(nl);
		return err;
	}
	return 0;
}

int vpcsw_rtnl_open(struct vpcsw_nl *nl)
{
	return socket_open(nl, NETLINK_ROUTE);
}

int vpcsw_ctnl_open(struct vpcsw_nl *nl)
{
	return socket_open(nl, NETLINK_NETFILTER);
}

void vpcsw_nl_close(struct vpcsw_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
	free(nl->buf);
	nl->buf = NULL;
}

/* A large receive buffer, beyond rmem_max if we may (CAP_NET_ADMIN). */
static void set_rcvbuf(struct vpcsw_nl *nl, int size)
{
	int fd = mnl_socket_get_fd(nl->sock);

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
}

int vpcsw_nl_join(struct vpcsw_nl *nl, const char *group)
{
	uint32_t id = 0;
	int grp;

	if (!strcmp(group, VPCSW_MCGRP_EVENTS))
		id = nl->mcgrp_events;
	else if (!strcmp(group, VPCSW_MCGRP_MISS))
		id = nl->mcgrp_miss;
	if (!id) {
		snprintf(nl->errmsg, sizeof(nl->errmsg),
			 "the vpcsw kernel module has no \"%s\" multicast group",
			 group);
		return -ENOENT;
	}
	grp = id;
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp)) < 0)
		return -errno;
	set_rcvbuf(nl, 4 << 20);
	return 0;
}

struct listen_ctx {
	struct vpcsw_nl *nl;
	mnl_cb_t cb;
	void *data;
};

static int listen_cb(const struct nlmsghdr *nlh, void *data)
{
	struct listen_ctx *ctx = data;

	if (nlh->nlmsg_type != ctx->nl->family)
		return MNL_CB_OK;
	return ctx->cb(nlh, ctx->data);
}

int vpcsw_nl_listen(struct vpcsw_nl *nl, mnl_cb_t cb, void *data)
{
	struct listen_ctx ctx = { nl, cb, data };
	ssize_t len;
	int ret;

	for (;;) {
		len = mnl_socket_recvfrom(nl->sock, nl->buf, nl->buf_size);
		if (len < 0)
			return -errno;
		ret = mnl_cb_run(nl->buf, len, 0, 0, listen_cb, &ctx);
		if (ret == MNL_CB_ERROR)
			return errno ? -errno : -EPROTO;
		if (ret == MNL_CB_STOP)
			return 0;
	}
}

/*
 * Pipelined requests.  Requests are only sent by vpcsw_pipe_flush(),
 * which then reads every ack: the kernel handles a netlink send in the
 * sender's context, so they are all queued by then and the receive
 * buffer only has to hold VPCSW_PIPE_MAX of them.
 */
int vpcsw_pipe_init(struct vpcsw_pipe *p, struct vpcsw_nl *nl,
		    vpcsw_ack_cb_t ack_cb, void *data)
{
	memset(p, 0, sizeof(*p));
	p->buf = malloc(VPCSW_PIPE_BYTES + VPCSW_MSG_SIZE);
	if (!p->buf)
		return -ENOMEM;
	p->nl = nl;
	p->ack_cb = ack_cb;
	p->data = data;
	set_rcvbuf(nl, 8 << 20);
	return 0;
}

void vpcsw_pipe_free(struct vpcsw_pipe *p)
{
	free(p->buf);
	p->buf = NULL;
}

int vpcsw_pipe_add(struct vpcsw_pipe *p, const struct nlmsghdr *nlh,
		   uintptr_t cookie)
{
	size_t len = MNL_ALIGN(nlh->nlmsg_len);
	struct nlmsghdr *copy;

	if (p->error)
		return p->error;
	if (len > VPCSW_MSG_SIZE)
		return -EMSGSIZE;
	copy = (struct nlmsghdr *)(p->buf + p->len);
	memcpy(copy, nlh, nlh->nlmsg_len);
	memset((char *)copy + nlh->nlmsg_len, 0, len - nlh->nlmsg_len);
	copy->nlmsg_flags |= NLM_F_ACK;
	p->seq[p->queued] = nlh->nlmsg_seq;
	p->cookie[p->queued] = cookie;
	p->queued++;
	p->len += len;
	if (p->len >= VPCSW_PIPE_BYTES || p->queued == VPCSW_PIPE_MAX)
		return vpcsw_pipe_flush(p);
	return 0;
}

/* Acks arrive in request order; find the request NLH answers. */
static void pipe_ack(struct vpcsw_pipe *p, const struct nlmsghdr *nlh)
{
	struct vpcsw_nl *nl = p->nl;
	unsigned int i;
	int err = 0;

	for (i = p->queued - p->inflight; i < p->queued; i++)
		if (p->seq[i] == nlh->nlmsg_seq)
			break;
	if (i == p->queued)
		return;		/* not one of ours */
	nl->errmsg[0] = '\0';
	nl->err_attr_offs = 0;
	if (error_cb(nlh, nl) == MNL_CB_ERROR)
		err = -errno;
	p->inflight = p->queued - i - 1;
	p->ack_cb(p->data, p->cookie[i], err);
}

int vpcsw_pipe_flush(struct vpcsw_pipe *p)
{
	struct vpcsw_nl *nl = p->nl;
	const struct nlmsghdr *nlh;
	ssize_t len;
	int rest;

	if (p->error)
		return p->error;
	if (!p->queued)
		return 0;
	if (mnl_socket_sendto(nl->sock, p->buf, p->len) < 0)
		return p->error = -errno;
	p->inflight = p->queued;
	while (p->inflight) {
		len = mnl_socket_recvfrom(nl->sock, nl->buf, nl->buf_size);
		if (len < 0)
			return p->error = -errno;
		rest = len;
		nlh = (const struct nlmsghdr *)nl->buf;
		for (; mnl_nlmsg_ok(nlh, rest); nlh = mnl_nlmsg_next(nlh, &rest))
			if (nlh->nlmsg_type == NLMSG_ERROR)
				pipe_ack(p, nlh);
	}
	p->queued = 0;
	p->len = 0;
	return 0;
}

uintptr_t vpcsw_pipe_oldest(const struct vpcsw_pipe *p)
{
	if (!p->queued)
		return 0;
	return p->cookie[p->inflight ? p->queued - p->inflight : 0];
}
