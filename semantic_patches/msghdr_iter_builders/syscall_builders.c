struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { void *msg_name; struct iovec *msg_iov; unsigned long msg_iovlen; };
struct socket;

int sock_sendmsg(struct socket *sock, struct msghdr *msg, unsigned long len);
int sock_recvmsg(struct socket *sock, struct msghdr *msg, unsigned long len,
		 int flags);

long send_to(struct socket *sock, void *buff, unsigned long len)
{
	struct msghdr msg;
	struct iovec iov;

	iov.iov_base = buff;
	iov.iov_len = len;
	msg.msg_name = 0;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	return sock_sendmsg(sock, &msg, len);
}

long recv_from(struct socket *sock, void *ubuf, unsigned long size)
{
	struct msghdr msg;
	struct iovec iov;
	int err;

	msg.msg_iovlen = 1;
	msg.msg_iov = &iov;
	iov.iov_len = size;
	iov.iov_base = ubuf;
	msg.msg_name = 0;
	err = sock_recvmsg(sock, &msg, size, 0);
	return err;
}
