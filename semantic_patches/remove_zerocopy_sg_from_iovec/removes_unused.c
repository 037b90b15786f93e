struct sk_buff { int len; };
struct iovec { void *iov_base; unsigned long iov_len; };
struct iov_iter { unsigned long count; };
#define EXPORT_SYMBOL(sym) extern int __export_##sym

int zerocopy_sg_from_iovec(struct sk_buff *skb, const struct iovec *frm,
			   int offset, size_t count);
int zerocopy_sg_from_iter(struct sk_buff *skb, struct iov_iter *from);

/**
 *	zerocopy_sg_from_iovec - Build a zerocopy datagram from an iovec
 *	@skb: buffer to copy
 */
int zerocopy_sg_from_iovec(struct sk_buff *skb, const struct iovec *from,
				  int offset, size_t count)
{
	int len = from->iov_len - offset;

	return len < 0 ? -14 : 0;
}
EXPORT_SYMBOL(zerocopy_sg_from_iovec);

/* zerocopy_sg_from_iter() stays. */
int zerocopy_sg_from_iter(struct sk_buff *skb, struct iov_iter *from);

int zerocopy_sg_from_iter(struct sk_buff *skb, struct iov_iter *from)
{
	return from->count ? 0 : -14;
}
EXPORT_SYMBOL(zerocopy_sg_from_iter);
