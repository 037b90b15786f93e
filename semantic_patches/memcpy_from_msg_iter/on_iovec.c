struct msghdr;
struct sk_buff;

static inline int skb_copy_datagram_msg(const struct sk_buff *from,
					int offset, struct msghdr *msg,
					int size)
{
	/* XXX: stripping const */
	return skb_copy_datagram_iter(from, offset, &msg->msg_iter, size);
}

static inline int memcpy_from_msg(void *data, struct msghdr *msg, int len)
{
	/* XXX: stripping const */
	return memcpy_fromiovec(data, (struct iovec *)msg->msg_iter.iov, len);
}

static inline int memcpy_to_msg(struct msghdr *msg, void *data, int len)
{
	/* XXX: stripping const */
	return copy_to_iter(data, len, &msg->msg_iter) == len ? 0 : -EFAULT;
}
