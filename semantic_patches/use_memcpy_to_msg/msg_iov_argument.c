static int foo_recvmsg(struct kiocb *iocb, struct socket *sock,
		       struct msghdr *msg, size_t len, int flags)
{
	struct foo_sock *fs = foo_sk(sock->sk);
	char c = fs->urg;
	int err;

	if (flags & MSG_OOB) {
		err = memcpy_toiovec(msg->msg_iov, &c,
				     1);
		return err;
	}
	if (memcpy_toiovec(msg->msg_iov, fs->hdr,
			   sizeof(fs->hdr)))
		return -EFAULT;
	memcpy_toiovec(msg->msg_iov, fs->data, len);
	return memcpy_toiovec(msg->msg_iov, fs->tail, fs->tail_len);
}

static int foo_deliver(struct foo_sock *fs, void *data, int len)
{
	struct msghdr m;
	int ret;

	m.msg_iov = fs->iov;
	ret = memcpy_toiovec(m.msg_iov, data, len);
	return ret;
}
