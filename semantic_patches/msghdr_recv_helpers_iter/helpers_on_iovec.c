struct iovec;
struct msghdr;
struct sk_buff;

static inline int skb_copy_datagram_msg(const struct sk_buff *from,
					int offset, struct msghdr *msg,
					int size)
{
	return skb_copy_datagram_iovec(from, offset,
				       (struct iovec *)msg->msg_iter.iov,
				       size);
}

static inline int memcpy_from_msg(void *data, struct msghdr *msg, int len)
{
	return memcpy_fromiovec(data, (struct iovec *)msg->msg_iter.iov, len);
}

static inline int memcpy_to_msg(struct msghdr *msg, void *data, int len)
{
	return memcpy_toiovec((struct iovec *)msg->msg_iter.iov, data, len);
}

static inline int skb_copy_and_csum_datagram_msg(struct sk_buff *skb,
						 int hlen, struct msghdr *msg)
{
	return skb_copy_and_csum_datagram_iovec(skb, hlen,
						(struct iovec *)msg->msg_iter.iov);
}

struct skb_checksum_ops;
