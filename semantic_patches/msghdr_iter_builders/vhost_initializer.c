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
struct vq { struct iovec iov[64]; };

unsigned long iov_length(const struct iovec *iov, unsigned long n);

int handle_tx(struct vq *vq, struct socket *sock, unsigned int out)
{
	struct msghdr msg = {
		.msg_name = 0,
		.msg_iov = vq->iov,
	};
	unsigned long len;
	int err;

	msg.msg_iovlen = out;
	len = iov_length(vq->iov, out);
	err = sock->ops->sendmsg(0, sock, &msg, len);
	return err;
}

int handle_rx(struct vq *vq, struct socket *sock, unsigned int in,
	      unsigned long sock_len)
{
	struct msghdr msg = {
		.msg_name = 0,
		.msg_iov = vq->iov,
	};
	int err;

	msg.msg_iovlen = in;
	err = sock->ops->recvmsg(0, sock, &msg, sock_len, 0);
	return err;
}
