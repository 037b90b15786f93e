struct iovec;
struct msghdr;
struct sk_buff;
struct icmphdr { int type; };

struct pingfakehdr {
	struct icmphdr icmph;
	const struct iovec *iov;
	sa_family_t family;
	__wsum wcheck;
};

int ping_getfrag(void *from, char *to,
		 int offset, int fraglen, int odd, struct sk_buff *skb)
{
	struct pingfakehdr *pfh = (struct pingfakehdr *)from;

	if (offset == 0) {
		if (fraglen < sizeof(struct icmphdr))
			BUG();
		if (csum_partial_copy_fromiovecend(to + sizeof(struct icmphdr),
			    pfh->iov, 0, fraglen - sizeof(struct icmphdr),
			    &pfh->wcheck))
			return -EFAULT;
	} else if (offset < sizeof(struct icmphdr)) {
			BUG();
	} else {
		if (csum_partial_copy_fromiovecend
				(to, pfh->iov, offset - sizeof(struct icmphdr),
				 fraglen, &pfh->wcheck))
			return -EFAULT;
	}
	return 0;
}

static int ping_v4_sendmsg(struct kiocb *iocb, struct sock *sk,
			   struct msghdr *msg, size_t len)
{
	struct pingfakehdr pfh;
	int err;

	pfh.icmph.type = 8;
	pfh.iov = msg->msg_iter.iov;
	pfh.wcheck = 0;
	err = ip_append_data(sk, ping_getfrag, &pfh, len, 0);
	return err;
}
