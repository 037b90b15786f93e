
/**
 *	skb_copy_datagram_from_iter - Copy a datagram from an iov_iter.
 *	@skb: buffer to copy
 *	@offset: offset in the buffer to start copying to
 *	@from: the source; it is advanced past what was copied
 *	@len: amount of data to copy to buffer from iterator
 *
 *	Returns 0 or -EFAULT.  Unlike skb_copy_datagram_from_iovec(), this
 *	takes the data from where the iterator stands and leaves the iovec
 *	array alone: the caller's position is kept in the iterator, not
 *	given as an offset into the array.
 */
int skb_copy_datagram_from_iter(struct sk_buff *skb, int offset,
				struct iov_iter *from, int len)
{
	int start = skb_headlen(skb);
	int copy = start - offset;
	struct sk_buff *frag_iter;
	int i;

	/* The linear part. */
	if (copy > 0) {
		if (copy > len)
			copy = len;
		if (copy_from_iter(skb->data + offset, copy, from) != copy)
			goto fault;
		len -= copy;
		if (!len)
			return 0;
		offset += copy;
	}

	/* The page fragments: copy_page_from_iter() maps them. */
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		const skb_frag_t *frag = &skb_shinfo(skb)->frags[i];
		int end = start + skb_frag_size(frag);

		WARN_ON(start > offset + len);
		copy = end - offset;
		if (copy > 0) {
			int frag_off = frag->page_offset + offset - start;

			if (copy > len)
				copy = len;
			if (copy_page_from_iter(skb_frag_page(frag), frag_off,
						copy, from) != copy)
				goto fault;
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
			if (skb_copy_datagram_from_iter(frag_iter,
							offset - start,
							from, copy))
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
}
EXPORT_SYMBOL(skb_copy_datagram_from_iter);
