/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VPCSW_NETLINK_H
#define _VPCSW_NETLINK_H

int vpcsw_genl_init(void);
void vpcsw_genl_exit(void);

#endif /* _VPCSW_NETLINK_H */
