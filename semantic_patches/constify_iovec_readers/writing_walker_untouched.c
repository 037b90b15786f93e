struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { struct iovec *msg_iov; unsigned long msg_iovlen; };

int send_more(struct iovec *iov, int n);

/* Consumes the first segment: the iovec is written, it stays non-const. */
int skip_header(struct msghdr *msg, unsigned long hlen)
{
	struct iovec *iov;

	iov = msg->msg_iov;
	iov->iov_base += hlen;
	iov->iov_len -= hlen;
	return 0;
}

/* Hands the iovec to a function that takes a non-const one. */
int multicast(struct msghdr *m)
{
	struct iovec *iov = m->msg_iov;

	return send_more(iov, m->msg_iovlen);
}

/* Not a msghdr's iovec at all. */
int other(struct iovec *vec)
{
	struct iovec *iov;

	iov = vec;
	return iov->iov_len;
}
