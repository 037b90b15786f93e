struct iovec;
struct msghdr;

static int tipc_sendmsg(struct kiocb *iocb, struct socket *sock,
			struct msghdr *m, size_t dsz)
{
	struct tipc_msg *mhdr = &tsk->phdr;
	/* XXX: stripping const */
	struct iovec *iov = (struct iovec *)m->msg_iter.iov;
	u32 dnode, dport;
	int rc;

	if (dest->addrtype == TIPC_ADDR_MCAST)
		return tipc_sendmcast(sock, seq, iov, dsz, timeo);
	rc = tipc_msg_build(mhdr, iov, 0, dsz, mtu, &buf);
	return rc;
}
