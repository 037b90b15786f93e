/* do_sock_read(): the caller's iovec is const; the cast that stripped
 * it for msg_iov goes. */
struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { void *msg_name; struct iovec *msg_iov; unsigned long msg_iovlen; };
struct socket;
int __sock_recvmsg(void *iocb, struct socket *sock, struct msghdr *m,
		   unsigned long size, int flags);

int do_sock_read(struct msghdr *msg, void *iocb, struct socket *sock,
		 const struct iovec *iov, unsigned long nr_segs, unsigned long size)
{
	msg->msg_name = 0;
	msg->msg_iov = (struct iovec *)iov;
	msg->msg_iovlen = nr_segs;

	return __sock_recvmsg(iocb, sock, msg, size, 0);
}
