/* Bluetooth-style builders over kernel memory: a cast kvec array. */
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

struct l2cap_chan;
int l2cap_chan_send(struct l2cap_chan *chan, struct msghdr *msg,
		    unsigned long len, unsigned int priority);

void smp_send_cmd(struct l2cap_chan *chan, void *data, unsigned long len)
{
	struct kvec iv[1];
	struct msghdr msg;

	iv[0].iov_base = data;
	iv[0].iov_len = len;
	msg.msg_name = 0;
	msg.msg_iov = (struct iovec *)&iv;
	msg.msg_iovlen = 1;

	l2cap_chan_send(chan, &msg, len, 0);
}

/* AFS: a kvec array that decays in the cast. */
struct rxrpc_call;
int rxrpc_kernel_send_data(struct rxrpc_call *call, struct msghdr *msg,
			   unsigned long len);

int afs_make_call(struct rxrpc_call *rxcall, void *request, unsigned long size)
{
	struct kvec iov[1];
	struct msghdr msg;

	iov[0].iov_base = request;
	iov[0].iov_len = size;
	msg.msg_name = 0;
	msg.msg_iov = (struct iovec *) iov;
	msg.msg_iovlen = 1;
	return rxrpc_kernel_send_data(rxcall, &msg, size);
}
