struct sk_buff { int len; };
struct iovec { void *iov_base; unsigned long iov_len; };
struct iov_iter { unsigned long count; };
#define EXPORT_SYMBOL(sym) extern int __export_##sym

int skb_copy_datagram_const_iovec(const struct sk_buff *from, int offset,
				  const struct iovec *to, int to_offset,
				  int size);

/**
 *	skb_copy_datagram_const_iovec - Copy a datagram to an iovec.
 *	@skb: buffer to copy
 *
 *	Note: the iovec is not modified during the copy.
 */
int skb_copy_datagram_const_iovec(const struct sk_buff *skb, int offset,
				  const struct iovec *to, int to_offset,
				  int len)
{
	return len > skb->len - offset ? -14 : 0;
}
EXPORT_SYMBOL(skb_copy_datagram_const_iovec);

/* skb_copy_datagram_iter() stays. */
int skb_copy_datagram_iter(const struct sk_buff *from, int offset,
			   struct iov_iter *to, int size);

int skb_copy_datagram_iter(const struct sk_buff *from, int offset,
			   struct iov_iter *to, int size)
{
	return size > from->len - offset ? -14 : 0;
}
EXPORT_SYMBOL(skb_copy_datagram_iter);
