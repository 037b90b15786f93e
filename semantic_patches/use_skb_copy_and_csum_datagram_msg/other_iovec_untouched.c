struct foo_sock {
	struct {
		struct iovec *iov;
		int len;
	} ucopy;
};

static int foo_copy_to_user(struct foo_sock *tp, struct sk_buff *skb,
			    int hlen)
{
	return skb_copy_and_csum_datagram_iovec(skb, hlen, tp->ucopy.iov);
}

static int foo_read(struct sk_buff *skb, struct iovec *iov)
{
	return skb_copy_and_csum_datagram_iovec(skb, 0, iov);
}

static int foo_recv_plain(struct sk_buff *skb, struct msghdr *msg, int len)
{
	/* another helper: converted by its own rule */
	return skb_copy_datagram_iovec(skb, 0, msg->msg_iov, len);
}
