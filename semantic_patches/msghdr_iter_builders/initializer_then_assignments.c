/* vhost-net's shape: msg_iov in the initializer, msg_iovlen set before
 * each call in a loop that breaks out on errors. */
struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { void *msg_name; struct iovec *msg_iov; unsigned long msg_iovlen; };
struct socket;
struct proto_ops {
	int (*sendmsg)(void *iocb, struct socket *sock, struct msghdr *m,
		       unsigned long len);
	int (*recvmsg)(void *iocb, struct socket *sock, struct msghdr *m,
		       unsigned long len, int flags);
};
struct socket { const struct proto_ops *ops; };
unsigned long iov_length(const struct iovec *iov, unsigned long n);
int get_desc(unsigned int *out);

void handle_tx(struct socket *sock, struct iovec *vq_iov)
{
	struct msghdr msg = {
		.msg_name = 0,
		.msg_iov = vq_iov,
	};
	unsigned int out;
	unsigned long len;
	int err;

	for (;;) {
		if (get_desc(&out) < 0)
			break;
		msg.msg_iovlen = out;
		len = iov_length(vq_iov, out);
		if (!len)
			break;
		err = sock->ops->sendmsg(0, sock, &msg, len);
		if (err < 0)
			break;
	}
}

void handle_rx(struct socket *sock, struct iovec *vq_iov, unsigned int in,
	       unsigned long sock_len, int too_many)
{
	struct msghdr msg = {
		.msg_name = 0,
		.msg_iov = vq_iov,
	};
	int err;

	while (get_desc(&in) >= 0) {
		if (too_many) {
			msg.msg_iovlen = 1;
			err = sock->ops->recvmsg(0, sock, &msg, 1, 0);
			continue;
		}
		msg.msg_iovlen = in;
		err = sock->ops->recvmsg(0, sock, &msg, sock_len, 0);
		if (err != sock_len)
			continue;
	}
}
