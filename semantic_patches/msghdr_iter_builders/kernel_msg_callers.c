/* kernel_sendmsg() and kernel_recvmsg() set the fields themselves. */
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

int kernel_sendmsg(struct socket *sock, struct msghdr *msg, struct kvec *vec,
		   unsigned long num, unsigned long len);

int send_kvec(struct socket *sock, struct kvec *vec, unsigned long len)
{
	struct msghdr msg;

	msg.msg_name = 0;
	msg.msg_iov = (struct iovec *)vec;
	msg.msg_iovlen = 1;
	msg.msg_flags = 0;
	return kernel_sendmsg(sock, &msg, vec, 1, len);
}
