
/**
 *	skb_copy_datagram_iter - Copy a datagram to an iov_iter.
 *	@skb: buffer to copy
 *	@offset: offset in the buffer to start copying from
 *	@to: iov_iter to copy to; it is advanced past what was copied
 *	@len: amount of data to copy from buffer to iterator
 *
 *	Unlike skb_copy_datagram_iovec(), this leaves the iovec array
 *	alone: the position is kept in the iterator.  When the iterator
 *	fills up before @len bytes, what fits is copied and 0 returned;
 *	only a copy that stops short of a non-empty iterator faults.
 */
int skb_copy_datagram_iter(const struct sk_buff *skb, int offset,
			   struct iov_iter *to, int len)
{
	int start = skb_headlen(skb);
	int copy = start - offset;
	int i;
	struct sk_buff *frag_iter;

	trace_skb_copy_datagram_iovec(skb, len);

	/* The linear part. */
	if (copy > 0) {
		if (copy > len)
			copy = len;
		if (copy_to_iter(skb->data + offset, copy, to) != copy)
			goto short_copy;
		len -= copy;
		if (!len)
			return 0;
		offset += copy;
	}

	/* The page fragments: copy_page_to_iter() maps them. */
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		const skb_frag_t *frag = &skb_shinfo(skb)->frags[i];
		int end = start + skb_frag_size(frag);

		WARN_ON(start > offset + len);
		copy = end - offset;
		if (copy > 0) {
			int frag_off = frag->page_offset + offset - start;

			if (copy > len)
				copy = len;
			if (copy_page_to_iter(skb_frag_page(frag), frag_off,
					      copy, to) != copy)
				goto short_copy;
			len -= copy;
			if (!len)
				return 0;
			offset += copy;
		}
		start = end;
	}

	/* The skbs chained on the frag list. */
	skb_walk_frags(skb, frag_iter) {
		int end = start + frag_iter->len;

		WARN_ON(start > offset + len);
		copy = end - offset;
		if (copy > 0) {
			if (copy > len)
				copy = len;
			if (skb_copy_datagram_iter(frag_iter, offset - start,
						   to, copy))
				goto fault;
			len -= copy;
			if (!len)
				return 0;
			offset += copy;
		}
		start = end;
	}
	if (!len)
		return 0;

fault:
	return -EFAULT;

short_copy:
	return iov_iter_count(to) ? -EFAULT : 0;
}
EXPORT_SYMBOL(skb_copy_datagram_iter);
