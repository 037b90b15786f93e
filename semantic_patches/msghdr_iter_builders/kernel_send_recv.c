struct kvec { void *iov_base; unsigned long iov_len; };
struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { struct iovec *msg_iov; unsigned long msg_iovlen; };
struct socket;

int sock_sendmsg(struct socket *sock, struct msghdr *msg, unsigned long len);
int sock_recvmsg(struct socket *sock, struct msghdr *msg, unsigned long len,
		 int flags);

int kernel_sendmsg(struct socket *sock, struct msghdr *msg,
		   struct kvec *vec, unsigned long num, unsigned long size)
{
	int result;

	msg->msg_iov = (struct iovec *)vec;
	msg->msg_iovlen = num;
	result = sock_sendmsg(sock, msg, size);
	return result;
}

int kernel_recvmsg(struct socket *sock, struct msghdr *msg,
		   struct kvec *vec, unsigned long num, unsigned long size,
		   int flags)
{
	int result;

	msg->msg_iov = (struct iovec *)vec, msg->msg_iovlen = num;
	result = sock_recvmsg(sock, msg, size, flags);
	return result;
}
