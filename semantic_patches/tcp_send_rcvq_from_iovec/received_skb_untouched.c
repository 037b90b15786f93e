/* A receive path copies a queued skb to the user: that is correct. */
int foo_recvmsg(struct sock *sk, struct msghdr *msg, size_t size, int flags)
{
	struct sk_buff *skb;
	int err;

	skb = skb_recv_datagram(sk, flags, flags & MSG_DONTWAIT, &err);
	if (!skb)
		return err;

	err = skb_copy_datagram_iovec(skb, 0, msg->msg_iov, size);
	skb_free_datagram(sk, skb);
	return err ? err : size;
}

/* An skb that is filled before it is copied out is not touched either. */
int foo_reply(struct sock *sk, struct msghdr *msg, const void *data, int len)
{
	struct sk_buff *skb;
	int err;

	skb = alloc_skb(len, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	memcpy(skb_put(skb, len), data, len);
	err = skb_copy_datagram_iovec(skb, 0, msg->msg_iov, len);
	kfree_skb(skb);
	return err;
}

/* Another iovec than the msghdr's is not touched. */
int foo_fill(struct sk_buff *skb_unused, struct iovec *iov, int len)
{
	struct sk_buff *skb = alloc_skb(len, GFP_KERNEL);

	if (!skb)
		return -ENOMEM;
	return skb_copy_datagram_iovec(skb, 0, iov, len);
}
