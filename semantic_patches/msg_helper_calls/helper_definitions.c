struct sk_buff;
struct msghdr;
struct iov_iter;

int skb_copy_datagram_iter(const struct sk_buff *from, int offset,
			   struct iov_iter *to, int size);
struct iov_iter *msg_iter(struct msghdr *msg);

/* Definitions and prototypes are not calls. */
static inline int skb_copy_datagram_msg(const struct sk_buff *from,
					int offset, struct msghdr *msg,
					int size)
{
	return skb_copy_datagram_iter(from, offset, msg_iter(msg), size);
}

int skb_copy_and_csum_datagram_msg(struct sk_buff *skb, int hlen,
				   struct msghdr *msg);

/* A helper built on another is plumbing: in_helpers, not a user. */
int skb_copy_and_csum_datagram_msg(struct sk_buff *skb, int hlen,
				   struct msghdr *msg)
{
	if (hlen < 0)
		return -22;
	return skb_copy_datagram_msg(skb, hlen, msg, 4);
}
EXPORT_SYMBOL(skb_copy_and_csum_datagram_msg);

int user(struct sk_buff *skb, struct msghdr *msg)
{
	return skb_copy_and_csum_datagram_msg(skb, 0, msg);
}
