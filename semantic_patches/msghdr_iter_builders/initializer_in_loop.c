/* A vendor driver: the msghdr is built by an initializer in a loop and
 * sent through ->sk_prot->sendmsg(). */
struct iovec { void *iov_base; unsigned long iov_len; };
struct kvec { void *iov_base; unsigned long iov_len; };
struct msghdr { void *msg_name; struct iovec *msg_iov; unsigned long msg_iovlen;
		unsigned int msg_flags; };
struct socket;
struct sock;
struct proto_ops {
	int (*sendmsg)(void *iocb, struct socket *sock, struct msghdr *m,
		       unsigned long len);
	int (*recvmsg)(void *iocb, struct socket *sock, struct msghdr *m,
		       unsigned long len, int flags);
};
struct proto {
	int (*sendmsg)(void *iocb, struct sock *sk, struct msghdr *m,
		       unsigned long len);
	int (*recvmsg)(void *iocb, struct sock *sk, struct msghdr *m,
		       unsigned long len, int noblock, int flags, int *addr_len);
};
struct socket { const struct proto_ops *ops; struct sock *sk; };
struct sock { struct proto *sk_prot; };
int sock_sendmsg(struct socket *sock, struct msghdr *m, unsigned long len);
int sock_recvmsg(struct socket *sock, struct msghdr *m, unsigned long len,
		 int flags);

int vendor_send_all(struct sock *sk, char **bufs, int n, unsigned long len)
{
	int i, err = 0;

	for (i = 0; i < n; i++) {
		struct iovec iov = { bufs[i], len };
		struct msghdr msg = {
			.msg_iovlen = 1,
			.msg_flags = 0,
			.msg_iov = &iov,
		};

		err = sk->sk_prot->sendmsg(0, sk, &msg, len);
		if (err < 0)
			break;
	}
	return err;
}

int vendor_recv_one(struct socket *sock, struct iovec *iov, unsigned long size)
{
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 1 };

	if (sock->ops->recvmsg(0, sock, &msg, size, 0) < 0)
		return -1;
	return 0;
}
