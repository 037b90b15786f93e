
/*
 * The checksumming copy from an iterator.  CSUM takes in the checksum of
 * the bytes copied, as csum_block_add() adds a block that starts at an
 * even offset.  A copy from user memory stops at the segment that
 * faults; what was copied before it is returned, and *CSUM covers that.
 */
struct csum_state {
	void *buf;
	__wsum sum;
};

static size_t csum_from_user(void *seg, size_t len, size_t done, void *priv)
{
	struct csum_state *s = priv;
	int err = 0;
	__wsum next;

	next = csum_and_copy_from_user((const void __force __user *)seg,
				       s->buf + done, len, 0, &err);
	if (err)
		return 0;
	s->sum = csum_block_add(s->sum, next, done);
	return len;
}

static size_t csum_from_kvec(void *seg, size_t len, size_t done, void *priv)
{
	struct csum_state *s = priv;
	__wsum next = csum_partial_copy_nocheck(seg, s->buf + done, len, 0);

	s->sum = csum_block_add(s->sum, next, done);
	return len;
}

/**
 * csum_and_copy_from_iter - copy from an iterator and checksum the copy
 * @addr: where to copy to
 * @bytes: how much to copy, at most
 * @csum: takes in the checksum of what was copied
 * @i: the iterator, advanced past what was copied
 *
 * User memory is copied with csum_and_copy_from_user(), which checks the
 * range itself; kernel memory (ITER_KVEC) with
 * csum_partial_copy_nocheck(); pages (ITER_BVEC) are copied, then
 * checksummed.  Returns the number of bytes copied.
 */
size_t csum_and_copy_from_iter(void *addr, size_t bytes, __wsum *csum,
			       struct iov_iter *i)
{
	struct csum_state s = { .buf = addr, .sum = *csum };
	size_t copied;

	if (i->type & ITER_BVEC) {
		copied = copy_from_iter_bvec(addr, bytes, i);
		s.sum = csum_partial(addr, copied, s.sum);
	} else if (i->type & ITER_KVEC) {
		copied = seg_walk(i, bytes, csum_from_kvec, &s);
	} else {
		copied = seg_walk(i, bytes, csum_from_user, &s);
	}
	*csum = s.sum;
	return copied;
}
EXPORT_SYMBOL(csum_and_copy_from_iter);
