#ifndef _SOCK_H
#define _SOCK_H

#include <linux/skbuff.h>

struct kiocb;
struct msghdr;
struct sock;

/* The transport of a socket (3.18's struct proto, its sendmsg only). */
struct proto {
	int			(*sendmsg)(struct kiocb *iocb, struct sock *sk,
					   struct msghdr *msg, size_t len);
};

struct sock {
	int			sk_err;
	unsigned int		sk_rcvbuf;
	struct socket		*sk_socket;
	struct proto		*sk_prot;
};

struct sk_buff *sock_alloc_send_skb(struct sock *sk, unsigned long size,
				    int noblock, int *errcode);
void kfree_skb(struct sk_buff *skb);
void lock_sock(struct sock *sk);
void release_sock(struct sock *sk);
int sk_stream_wait_memory(struct sock *sk, long *timeo);

#endif	/* _SOCK_H */
