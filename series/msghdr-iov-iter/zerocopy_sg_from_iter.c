
/**
 *	zerocopy_sg_from_iter - Build a zerocopy datagram from an iov_iter
 *	@skb: buffer to copy
 *	@from: the source; it is advanced past what was copied or mapped
 *
 *	Copies what fits in the linear part of @skb, then pins the user
 *	pages behind the rest of @from and attaches them as page fragments.
 *	Returns 0, -EFAULT, or -EMSGSIZE when the pages do not fit in
 *	MAX_SKB_FRAGS fragments.  It starts where the iterator stands: the
 *	caller's position is kept in the iterator, not given as an offset
 *	into an iovec array.  Only an iterator over user memory can be
 *	mapped (a kvec one gives -EFAULT).
 */
int zerocopy_sg_from_iter(struct sk_buff *skb, struct iov_iter *from)
{
	int copy = min_t(int, skb_headlen(skb), iov_iter_count(from));
	int frag = 0;

	/* The linear part: copied. */
	if (skb_copy_datagram_from_iter(skb, 0, from, copy))
		return -EFAULT;

	/* The rest: the user's pages, mapped as fragments. */
	while (iov_iter_count(from)) {
		struct page *pages[MAX_SKB_FRAGS];
		unsigned long truesize;
		size_t start;
		ssize_t len;
		int n;

		if (frag == MAX_SKB_FRAGS)
			return -EMSGSIZE;
		len = iov_iter_get_pages(from, pages, ~0U,
					 MAX_SKB_FRAGS - frag, &start);
		if (len <= 0)
			return -EFAULT;
		iov_iter_advance(from, len);

		truesize = PAGE_ALIGN(start + len);
		skb->data_len += len;
		skb->len += len;
		skb->truesize += truesize;
		atomic_add(truesize, &skb->sk->sk_wmem_alloc);
		for (n = 0; len; n++) {
			int size = min_t(int, len, PAGE_SIZE - start);

			skb_fill_page_desc(skb, frag++, pages[n], start, size);
			start = 0;
			len -= size;
		}
	}
	return 0;
}
EXPORT_SYMBOL(zerocopy_sg_from_iter);
