struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { struct iovec *msg_iov; unsigned long msg_iovlen; };
struct user_msghdr { struct iovec *msg_iov; unsigned long msg_iovlen; };
struct socket;

int sock_sendmsg(struct socket *sock, struct msghdr *msg, unsigned long len);
int put_user_msghdr(struct user_msghdr *umsg);

/* Fills a userland msghdr: not a kernel-side builder. */
int fill_user(struct iovec *vec)
{
	struct user_msghdr umsg;

	umsg.msg_iov = vec;
	umsg.msg_iovlen = 1;
	return put_user_msghdr(&umsg);
}

/* Reads the iovec of a msghdr it was given. */
int first_len(struct msghdr *msg)
{
	return msg->msg_iov[0].iov_len;
}
