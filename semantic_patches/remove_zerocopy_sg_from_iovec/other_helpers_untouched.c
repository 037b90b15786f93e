struct sk_buff { int len; };
struct iovec { void *iov_base; unsigned long iov_len; };
struct iov_iter { unsigned long count; };
#define EXPORT_SYMBOL(sym) extern int __export_##sym

/* zerocopy_sg_from_iter() stays. */
int zerocopy_sg_from_iter(struct sk_buff *skb, struct iov_iter *from);

int zerocopy_sg_from_iter(struct sk_buff *skb, struct iov_iter *from)
{
	return from->count ? 0 : -14;
}
EXPORT_SYMBOL(zerocopy_sg_from_iter);
