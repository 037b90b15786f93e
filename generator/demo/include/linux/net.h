#ifndef _LINUX_NET_H
#define _LINUX_NET_H

#include <linux/socket.h>
#include <linux/fs.h>

struct sock;
struct msghdr;

struct socket {
	short			type;
	struct file		*file;
	struct sock		*sk;
	const struct proto_ops	*ops;
};

struct proto_ops {
	int		family;
	int		(*sendmsg)(struct kiocb *iocb, struct socket *sock,
				   struct msghdr *m, size_t total_len);
	int		(*recvmsg)(struct kiocb *iocb, struct socket *sock,
				   struct msghdr *m, size_t total_len,
				   int flags);
};

int sock_sendmsg(struct socket *sock, struct msghdr *msg, size_t len);
int sock_recvmsg(struct socket *sock, struct msghdr *msg, size_t size,
		 int flags);
int kernel_sendmsg(struct socket *sock, struct msghdr *msg, struct kvec *vec,
		   size_t num, size_t len);
int kernel_recvmsg(struct socket *sock, struct msghdr *msg, struct kvec *vec,
		   size_t num, size_t len, int flags);

#endif /* _LINUX_NET_H */
