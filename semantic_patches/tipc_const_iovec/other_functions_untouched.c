struct iovec;
struct msghdr;

/* Not tipc_sendmsg(): a local that a consuming callee writes through. */
static int other_sendmsg(struct kiocb *iocb, struct socket *sock,
			 struct msghdr *m, size_t dsz)
{
	/* XXX: stripping const */
	struct iovec *iov = (struct iovec *)m->msg_iter.iov;

	return memcpy_fromiovec(buf, iov, dsz);
}
