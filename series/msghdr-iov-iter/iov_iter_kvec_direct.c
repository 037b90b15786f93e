
/*
 * Walk the next BYTES of an iterator whose segments have the layout of
 * struct iovec (ITER_KVEC: struct kvec has that layout), calling STEP on
 * each piece with its address, its length, how far the walk has come
 * and PRIV.  STEP returns how much of the piece it did; the walk stops
 * at a piece not done in full.  The iterator is advanced past what was
 * done, and that is returned.
 */
typedef size_t (*seg_step_t)(void *seg, size_t len, size_t done, void *priv);

static size_t seg_walk(struct iov_iter *i, size_t bytes, seg_step_t step,
		       void *priv)
{
	const struct iovec *iov = i->iov;
	size_t skip = i->iov_offset;
	size_t done = 0;

	bytes = min(bytes, i->count);
	while (done < bytes) {
		size_t len = min(bytes - done, iov->iov_len - skip);
		size_t did = step((void __force *)iov->iov_base + skip, len,
				  done, priv);

		done += did;
		skip += did;
		if (skip == iov->iov_len) {
			iov++;
			skip = 0;
		}
		if (did < len)
			break;
	}
	i->count -= done;
	i->nr_segs -= iov - i->iov;
	i->iov = iov;
	i->iov_offset = skip;
	return done;
}

/*
 * ITER_KVEC: the segments are kernel memory, copied with memcpy()
 * whatever the address limit.  Advancing such an iterator, its
 * alignment, page count and current segment length are those of the
 * iovec code, which only reads the segments' addresses and lengths.
 */
static size_t kvec_to(void *seg, size_t len, size_t done, void *from)
{
	memcpy(seg, from + done, len);
	return len;
}

static size_t kvec_from(void *seg, size_t len, size_t done, void *to)
{
	memcpy(to + done, seg, len);
	return len;
}

static size_t kvec_zero(void *seg, size_t len, size_t done, void *unused)
{
	memset(seg, 0, len);
	return len;
}

static size_t copy_page_to_iter_kvec(struct page *page, size_t offset,
				     size_t bytes, struct iov_iter *i)
{
	void *kaddr = kmap_atomic(page);
	size_t copied = seg_walk(i, bytes, kvec_to, kaddr + offset);

	kunmap_atomic(kaddr);
	return copied;
}

static size_t copy_page_from_iter_kvec(struct page *page, size_t offset,
				       size_t bytes, struct iov_iter *i)
{
	void *kaddr = kmap_atomic(page);
	size_t copied = seg_walk(i, bytes, kvec_from, kaddr + offset);

	kunmap_atomic(kaddr);
	return copied;
}

/* Like the iovec version, this one leaves the iterator alone. */
static size_t copy_from_user_atomic_kvec(struct page *page,
		struct iov_iter *i, unsigned long offset, size_t bytes)
{
	struct iov_iter from = *i;

	return copy_page_from_iter_kvec(page, offset, bytes, &from);
}
