struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { struct iovec *msg_iov; unsigned long msg_iovlen; };

int update(void *ctx, void *from, unsigned long len);

int hash_segments(void *ctx, struct msghdr *msg)
{
	unsigned long iovlen;
	struct iovec *iov;
	int err = 0;

	for (iov = msg->msg_iov, iovlen = msg->msg_iovlen; iovlen > 0;
	     iovlen--, iov++) {
		err = update(ctx, iov->iov_base, iov->iov_len);
		if (err)
			break;
	}
	return err;
}

int peek_segment(struct msghdr *msg, int i)
{
	struct iovec *iov;

	iov = &msg->msg_iov[i];
	return iov->iov_len != 0;
}

int getfrag(void *from, char *to, int offset, int len)
{
	struct msghdr *msg = from;
	struct iovec *iov = msg->msg_iov;

	return memcpy_fromiovecend(to, iov, offset, len);
}
