/*
 * Demo tree: copying datagrams between socket buffers and iovecs.  An skb
 * holds a linear part, then page fragments, then a list of chained skbs.
 */
#include <linux/skbuff.h>
#include <linux/uaccess.h>
#include <linux/uio.h>

__wsum csum_and_copy_to_user(const void *src, void __user *dst, int len,
			     __wsum sum, int *errp);

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
	int start = skb_headlen(skb);
	int copy = start - offset;
	struct sk_buff *frag_iter;
	int i;

	if (copy > 0) {
		copy = min(copy, len);
		if (memcpy_toiovec(to, skb->data + offset, copy))
			return -EFAULT;
		len -= copy;
		offset += copy;
	}
	for (i = 0; len && i < skb_shinfo(skb)->nr_frags; i++) {
		const skb_frag_t *frag = &skb_shinfo(skb)->frags[i];
		int end = start + skb_frag_size(frag);
		unsigned char *vaddr;
		int err;

		copy = min(end - offset, len);
		if (copy > 0) {
			vaddr = kmap(skb_frag_page(frag));
			err = memcpy_toiovec(to, vaddr + frag->page_offset +
					     offset - start, copy);
			kunmap(skb_frag_page(frag));
			if (err)
				return -EFAULT;
			len -= copy;
			offset += copy;
		}
		start = end;
	}
	skb_walk_frags(skb, frag_iter) {
		int end = start + frag_iter->len;

		copy = min(end - offset, len);
		if (copy > 0) {
			if (skb_copy_datagram_iovec(frag_iter, offset - start,
						    to, copy))
				return -EFAULT;
			len -= copy;
			offset += copy;
		}
		start = end;
	}
	return len ? -EFAULT : 0;
}
EXPORT_SYMBOL(skb_copy_datagram_iovec);

/**
 *	skb_copy_datagram_from_iovec - Copy a datagram from an iovec.
 *	@skb: buffer to copy
 *	@offset: offset in the buffer to start copying to
 *	@from: io vector to copy from; it is left alone
 *	@from_offset: offset in the io vector to start copying from
 *	@len: amount of data to copy to buffer from iovec
 *
 *	The demo only fills the linear part.
 */
int skb_copy_datagram_from_iovec(struct sk_buff *skb, int offset,
				 const struct iovec *from, int from_offset,
				 int len)
{
	if (offset + len > (int)skb_headlen(skb))
		return -EFAULT;
	return memcpy_fromiovecend(skb->data + offset, from, from_offset, len);
}
EXPORT_SYMBOL(skb_copy_datagram_from_iovec);

/* Copy the linear part to a user buffer, summing what was copied. */
static int skb_copy_and_csum_datagram(const struct sk_buff *skb, int offset,
				      u8 __user *to, int len, __wsum *csump)
{
	int err = 0;

	if (offset + len > (int)skb_headlen(skb))
		return -EFAULT;
	*csump = csum_and_copy_to_user(skb->data + offset, to, len, *csump,
				       &err);
	return err;
}

/**
 *	skb_copy_and_csum_datagram_iovec - Copy and checksum skb to user iovec.
 *	@skb: skbuff
 *	@hlen: hardware length
 *	@iov: io vector
 *
 *	Checks the checksum of the data it copies: -EINVAL if it is wrong.
 *	The copy and the sum go in one pass when the first non-empty
 *	segment can take the whole chunk.
 */
int skb_copy_and_csum_datagram_iovec(struct sk_buff *skb, int hlen,
				     struct iovec *iov)
{
	int chunk = skb->len - hlen;
	__wsum csum;

	if (!chunk)
		return 0;
	while (!iov->iov_len)
		iov++;
	if (iov->iov_len < chunk) {
		if (__skb_checksum_complete(skb))
			return -EINVAL;
		return skb_copy_datagram_iovec(skb, hlen, iov, chunk) ? -EFAULT : 0;
	}
	csum = csum_partial(skb->data, hlen, skb->csum);
	if (skb_copy_and_csum_datagram(skb, hlen, iov->iov_base, chunk, &csum))
		return -EFAULT;
	if (csum_fold(csum))
		return -EINVAL;
	if (unlikely(skb->ip_summed == CHECKSUM_COMPLETE))
		netdev_rx_csum_fault(skb->dev);
	iov->iov_len -= chunk;
	iov->iov_base += chunk;
	return 0;
}
EXPORT_SYMBOL(skb_copy_and_csum_datagram_iovec);
