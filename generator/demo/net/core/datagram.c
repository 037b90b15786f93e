/*
 * Demo tree: copying datagrams between socket buffers and iovecs.
 */
#include <linux/skbuff.h>
#include <linux/uio.h>

/**
 *	skb_copy_datagram_iovec - Copy a datagram to an iovec.
 *	@skb: buffer to copy
 *	@offset: offset in the buffer to start copying from
 *	@to: io vector to copy to; it is consumed
 *	@len: amount of data to copy from buffer to iovec
 */
int skb_copy_datagram_iovec(const struct sk_buff *skb, int offset,
			    struct iovec *to, int len)
{
	if (offset + len > (int)skb->len)
		return -EFAULT;
	return memcpy_toiovec(to, skb->data + offset, len);
}
EXPORT_SYMBOL(skb_copy_datagram_iovec);

/**
 *	skb_copy_datagram_from_iovec - Copy a datagram from an iovec.
 *	@skb: buffer to copy
 *	@offset: offset in the buffer to start copying to
 *	@from: io vector to copy from; it is left alone
 *	@from_offset: offset in the io vector to start copying from
 *	@len: amount of data to copy to buffer from iovec
 */
int skb_copy_datagram_from_iovec(struct sk_buff *skb, int offset,
				 const struct iovec *from, int from_offset,
				 int len)
{
	if (offset + len > (int)skb->len)
		return -EFAULT;
	return memcpy_fromiovecend(skb->data + offset, from, from_offset, len);
}
EXPORT_SYMBOL(skb_copy_datagram_from_iovec);

/**
 *	skb_copy_and_csum_datagram_iovec - Copy and checksum skb to user iovec.
 *	@skb: skbuff
 *	@hlen: hardware length
 *	@iov: io vector
 *
 *	Checks the checksum of the data it copies: -EINVAL if it is wrong.
 */
int skb_copy_and_csum_datagram_iovec(struct sk_buff *skb, int hlen,
				     struct iovec *iov)
{
	int chunk = skb->len - hlen;

	if (!chunk)
		return 0;
	if (__skb_checksum_complete(skb))
		return -EINVAL;
	return skb_copy_datagram_iovec(skb, hlen, iov, chunk);
}
EXPORT_SYMBOL(skb_copy_and_csum_datagram_iovec);
