// SPDX-License-Identifier: GPL-2.0
/* libvpcsw: socket, family resolution, request/ack with extack. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "libvpcsw.h"

#define RECV_BUF_SIZE (1 << 16)

static int family_id_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *attr;
	uint16_t *id = data;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID &&
		    mnl_attr_validate(attr, MNL_TYPE_U16) == 0)
			*id = mnl_attr_get_u16(attr);
	}
	return MNL_CB_OK;
}

static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	struct vpcsw_nl *nl = data;
	unsigned int offset = sizeof(*err);
	struct nlattr *attr;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*err))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (err->error == 0)
		return MNL_CB_STOP;
	/* With NETLINK_CAP_ACK the request is not echoed, unless... */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		offset += mnl_nlmsg_get_payload_len(&err->msg);
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
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
	errno = -err->error;
	return MNL_CB_ERROR;
}

static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct vpcsw_nl *nl = data;

	/* NLMSG_DONE carries the dump's final error, if any */
	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int)) {
		int err = *(int *)mnl_nlmsg_get_payload(nlh);

		if (err < 0) {
			errno = -err;
			nl->errmsg[0] = '\0';
			return MNL_CB_ERROR;
		}
	}
	return MNL_CB_STOP;
}

static int noop_cb(const struct nlmsghdr *nlh, void *data)
{
	return MNL_CB_OK;
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
	return done_cb(nlh, ((struct talk_ctx *)data)->nl);
}

static int ctl_noop_cb(const struct nlmsghdr *nlh, void *data)
{
	return noop_cb(nlh, data);
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
		return -errno;
	return ctx.interrupted ? -EINTR : 0;
}

int vpcsw_nl_dump(struct vpcsw_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		  void *data)
{
	int tries = 0, err;

	do {
		nlh->nlmsg_seq = ++nl->seq;
		err = vpcsw_nl_talk(nl, nlh, cb, data);
	} while (err == -EINTR && ++tries < 10);
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

static int parse_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	/* unknown (newer) attributes are skipped, not fatal */
	if (type > 0 && type <= VPCSW_A_MAX)
		tb[type] = attr;
	return MNL_CB_OK;
}

int vpcsw_msg_parse(const struct nlmsghdr *nlh, const struct nlattr **tb)
{
	memset(tb, 0, sizeof(*tb) * (VPCSW_A_MAX + 1));
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), parse_attr_cb,
			      tb) == MNL_CB_ERROR ? -EBADMSG : 0;
}

void vpcsw_put_switch(struct nlmsghdr *nlh, const char *ifname)
{
	mnl_attr_put_strz(nlh, VPCSW_A_SWITCH_IFNAME, ifname);
}

int vpcsw_nl_open(struct vpcsw_nl *nl)
{
	char req[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;
	int one = 1, err;

	memset(nl, 0, sizeof(*nl));
	nl->buf_size = RECV_BUF_SIZE;
	nl->buf = malloc(nl->buf_size);
	if (!nl->buf)
		return -ENOMEM;
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock)
		goto err;
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0)
		goto err;
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = time(NULL);

	nlh = mnl_nlmsg_put_header(req);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = CTRL_CMD_GETFAMILY;
	genl->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, VPCSW_GENL_NAME);
	err = vpcsw_nl_talk(nl, nlh, family_id_cb, &nl->family);
	if (err) {
		if (err == -ENOENT)
			snprintf(nl->errmsg, sizeof(nl->errmsg),
				 "the vpcsw kernel module is not loaded (modprobe vpcsw)");
		vpcsw_nl_close(nl);
		return err;
	}
	return 0;
err:
	err = -errno;
	vpcsw_nl_close(nl);
	return err;
}

void vpcsw_nl_close(struct vpcsw_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
	free(nl->buf);
	nl->buf = NULL;
}
