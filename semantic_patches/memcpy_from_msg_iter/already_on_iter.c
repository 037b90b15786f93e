struct msghdr;
struct sk_buff;

/* A tree where the helpers copy through msg_iter already: nothing to do. */
static inline int skb_copy_datagram_msg(const struct sk_buff *from,
					int offset, struct msghdr *msg,
					int size)
{
	return skb_copy_datagram_iter(from, offset, &msg->msg_iter, size);
}

static inline int memcpy_from_msg(void *data, struct msghdr *msg, int len)
{
	return copy_from_iter(data, len, &msg->msg_iter) == len ? 0 : -EFAULT;
}

static inline int memcpy_to_msg(struct msghdr *msg, void *data, int len)
{
	return copy_to_iter(data, len, &msg->msg_iter) == len ? 0 : -EFAULT;
}

/* Other iovec copies are not the helper's. */
static inline int memcpy_from_kvec(void *data, struct msghdr *msg, int len)
{
	return memcpy_fromiovec(data, (struct iovec *)msg->msg_iter.iov, len);
}
