/* Builders the rule cannot convert whole: left as they are, for the
 * census to name. */
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

void prep(struct msghdr *m);
int my_send(struct socket *sock, struct msghdr *m, unsigned long len);

int used_before_send(struct socket *sock, struct iovec *v, unsigned long len)
{
	struct msghdr msg;

	msg.msg_iov = v;
	msg.msg_iovlen = 1;
	prep(&msg);
	return sock_sendmsg(sock, &msg, len);
}

int handed_to_helper(struct socket *sock, struct iovec *v, unsigned long len)
{
	struct msghdr msg = { .msg_iov = v, .msg_iovlen = 1 };

	return my_send(sock, &msg, len);
}

int one_path_unknown(struct socket *sock, struct iovec *v, unsigned long len,
		     int x)
{
	struct msghdr msg = { .msg_iov = v, .msg_iovlen = 1 };
	int err;

	if (x)
		err = sock_sendmsg(sock, &msg, len);
	else
		err = my_send(sock, &msg, len);
	return err;
}

int recv_in_condition(struct socket *sock, struct iovec *v, unsigned long size)
{
	struct msghdr msg;
	int n, total = 0;

	msg.msg_iov = v;
	msg.msg_iovlen = 1;
	while ((n = sock_recvmsg(sock, &msg, size, 0)) > 0)
		total += n;
	return total;
}

int pointer_literal(struct socket *sock, struct msghdr *m, struct iovec *v,
		    unsigned long len)
{
	*m = (struct msghdr){ .msg_iov = v, .msg_iovlen = 1 };
	return sock_sendmsg(sock, m, len);
}

int used_before_iovlen(struct socket *sock, struct iovec *v, unsigned long len)
{
	struct msghdr msg = { .msg_iov = v };

	prep(&msg);
	msg.msg_iovlen = 1;
	return sock_sendmsg(sock, &msg, len);
}

int iovlen_without_call(struct socket *sock, struct iovec *v, unsigned long len)
{
	struct msghdr msg = { .msg_iov = v };

	msg.msg_iovlen = 1;
	if (len)
		return sock_sendmsg(sock, &msg, len);
	msg.msg_iovlen = 2;
	return my_send(sock, &msg, len);
}
