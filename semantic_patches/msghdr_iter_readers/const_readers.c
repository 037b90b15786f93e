struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { struct iovec *msg_iov; unsigned long msg_iovlen; };

int memcpy_fromiovecend(unsigned char *kdata, const struct iovec *iov,
			int offset, int len);

int peek(struct msghdr *msg)
{
	if (msg->msg_iovlen == 0 || msg->msg_iov->iov_base == 0)
		return -1;
	return msg->msg_iov[0].iov_len;
}

int walk(struct msghdr *msg)
{
	const struct iovec *iov;
	unsigned long iovlen;
	int n = 0;

	for (iov = msg->msg_iov, iovlen = msg->msg_iovlen; iovlen > 0;
	     iovlen--, iov++)
		n += iov->iov_len;
	return n;
}

int getfrag(void *from, unsigned char *to, int offset, int len)
{
	return memcpy_fromiovecend(to, ((struct msghdr *)from)->msg_iov,
				   offset, len);
}
