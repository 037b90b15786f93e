struct iovec;
struct msghdr;
struct sk_buff;

/* Not ping's fake header: its iovec stays. */
struct rawfakehdr {
	const struct iovec *iov;
	__wsum wcheck;
};

/* Another callback that reads an iovec at an offset: not ping_getfrag(). */
static int raw_getfrag(void *from, char *to,
		       int offset, int fraglen, int odd, struct sk_buff *skb)
{
	struct rawfakehdr *rfh = (struct rawfakehdr *)from;

	if (offset == 0) {
		if (fraglen < 8)
			BUG();
		if (csum_partial_copy_fromiovecend(to + 8,
			    rfh->iov, 0, fraglen - 8, &rfh->wcheck))
			return -EFAULT;
	} else {
		if (csum_partial_copy_fromiovecend(to, rfh->iov, offset - 8,
						   fraglen, &rfh->wcheck))
			return -EFAULT;
	}
	return 0;
}

static int raw_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct rawfakehdr rfh;

	rfh.iov = msg->msg_iter.iov;
	return ip_append_data(sk, raw_getfrag, &rfh, len, 0);
}
