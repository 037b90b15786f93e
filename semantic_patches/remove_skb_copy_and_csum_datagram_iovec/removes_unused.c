struct sk_buff { int len; };
struct iovec { void *iov_base; unsigned long iov_len; };
#define EXPORT_SYMBOL(sym) extern int __export_##sym

int skb_copy_and_csum_datagram_iovec(struct sk_buff *skb, int hlen,
				     struct iovec *iov);

/**
 *	skb_copy_and_csum_datagram_iovec - Copy and checksum skb to user iovec.
 *	@skb: skbuff
 */
int skb_copy_and_csum_datagram_iovec(struct sk_buff *skb,
				     int hlen, struct iovec *iov)
{
	int chunk = skb->len - hlen;

	if (!chunk)
		return 0;
	iov->iov_len -= chunk;
	return 0;
}
EXPORT_SYMBOL(skb_copy_and_csum_datagram_iovec);

/**
 *	skb_copy_and_csum_datagram_msg - Copy and checksum skb to a msghdr
 */
int skb_copy_and_csum_datagram_msg(struct sk_buff *skb, int hlen, void *msg)
{
	return skb->len - hlen;
}
EXPORT_SYMBOL(skb_copy_and_csum_datagram_msg);
