
/*
 * An iterator over kernel memory, without changing the address limit
 * just to get the ITER_KVEC tag: DIRECTION must include ITER_KVEC.
 * Readers of ->iov see the same array (struct kvec has the layout of
 * struct iovec); the copy routines here still go through
 * __copy_{to,from}_user(), so a copy through it needs KERNEL_DS.
 */
void iov_iter_kvec(struct iov_iter *i, int direction,
			const struct kvec *kvec, unsigned long nr_segs,
			size_t count)
{
	BUG_ON(!(direction & ITER_KVEC));
	i->type = direction;
	i->kvec = kvec;
	i->nr_segs = nr_segs;
	i->iov_offset = 0;
	i->count = count;
}
EXPORT_SYMBOL(iov_iter_kvec);
