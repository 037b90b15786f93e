struct sk_buff { int len; };
struct iovec { void *iov_base; unsigned long iov_len; };
struct iov_iter { unsigned long count; };
#define EXPORT_SYMBOL(sym) extern int __export_##sym

int skb_copy_datagram_from_iovec(struct sk_buff *skb, int offset,
				 const struct iovec *from, int from_offset,
				 int len);

/**
 *	skb_copy_datagram_from_iovec - Copy a datagram from an iovec.
 *	@skb: buffer to copy
 */
int skb_copy_datagram_from_iovec(struct sk_buff *skb, int offset,
				 const struct iovec *from, int from_offset,
				 int len)
{
	if (len > skb->len - offset)
		return -14;
	return skb_copy_datagram_from_iovec(skb, offset, from + 1, 0, len);
}
EXPORT_SYMBOL(skb_copy_datagram_from_iovec);

/* skb_copy_datagram_from_iter() stays. */
int skb_copy_datagram_from_iter(struct sk_buff *skb, int offset,
				struct iov_iter *from, int len);

int skb_copy_datagram_from_iter(struct sk_buff *skb, int offset,
				struct iov_iter *from, int len)
{
	return len > from->count ? -14 : offset;
}
EXPORT_SYMBOL(skb_copy_datagram_from_iter);
