/* The fields set in one block, the call in a branch, a loop or a
 * condition, through any ->sendmsg()/->recvmsg(). */
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

int send_in_branch(struct socket *sock, struct iovec *v, int n,
		   unsigned long len, int nonblock)
{
	struct msghdr msg;
	int err;

	msg.msg_flags = 0;
	msg.msg_iov = v;
	msg.msg_iovlen = n;
	if (nonblock)
		err = sock->ops->sendmsg(0, sock, &msg, len);
	else
		err = sock->sk->sk_prot->sendmsg(0, sock->sk, &msg, len);
	return err;
}

int recv_in_loop(struct socket *sock, struct iovec *v, unsigned long size)
{
	struct msghdr msg;
	int got = 0;

	while (got == 0) {
		msg.msg_iov = v;
		msg.msg_iovlen = 1;
		got = sock_recvmsg(sock, &msg, size, 0);
	}
	return got;
}

int recv_sk_prot(struct sock *sk, struct msghdr *msg, struct iovec *v,
		 unsigned long size)
{
	int addr_len;

	msg->msg_iovlen = 1;
	msg->msg_iov = v;
	if (sk->sk_prot->recvmsg(0, sk, msg, size, 1, 0, &addr_len) < 0)
		return -1;
	return 0;
}
