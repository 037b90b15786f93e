struct sk_buff { int len; };
struct iovec { void *iov_base; unsigned long iov_len; };
struct iov_iter { unsigned long count; };
#define EXPORT_SYMBOL(sym) extern int __export_##sym

/* skb_copy_datagram_from_iter() stays. */
int skb_copy_datagram_from_iter(struct sk_buff *skb, int offset,
				struct iov_iter *from, int len);

int skb_copy_datagram_from_iter(struct sk_buff *skb, int offset,
				struct iov_iter *from, int len)
{
	return len > from->count ? -14 : offset;
}
EXPORT_SYMBOL(skb_copy_datagram_from_iter);
