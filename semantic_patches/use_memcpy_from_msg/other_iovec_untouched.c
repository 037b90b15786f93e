struct foo_chan_ops {
	int (*memcpy_fromiovec)(struct foo_chan *chan, unsigned char *kdata,
				struct iovec *iov, int len);
};

static int foo_route(struct sk_buff *skb, struct iovec *iov, int len)
{
	return memcpy_fromiovec(skb_put(skb, len), iov, len);
}

static int foo_chan_send(struct foo_chan *chan, struct msghdr *msg, int len)
{
	struct sk_buff *skb = foo_alloc(chan, len);

	/* an op of the same name, not the helper */
	if (chan->ops->memcpy_fromiovec(chan, skb_put(skb, len),
					msg->msg_iov, len))
		return -EFAULT;
	/* offset-based copy: not this rule */
	return memcpy_fromiovecend(skb->data, msg->msg_iov, 0, len);
}
