#ifndef _LINUX_TCP_H
#define _LINUX_TCP_H

#include <net/sock.h>

struct task_struct;

struct tcp_sock {
	struct sock	sk;
	u32	rcv_nxt;	/* What we want to receive next */
	u32	copied_seq;	/* Head of yet unread data */
	u32	urg_data;	/* Saved octet of OOB data and control flags */

	/* Data for direct copy to user */
	struct {
		struct task_struct	*task;
		struct iovec		*iov;
		int			memory;
		int			len;
	} ucopy;
};

static inline struct tcp_sock *tcp_sk(const struct sock *sk)
{
	return (struct tcp_sock *)sk;
}

#endif	/* _LINUX_TCP_H */
