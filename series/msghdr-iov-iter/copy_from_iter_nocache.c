
/*
 * copy_from_iter() for data the CPU will not read again soon: user
 * memory is copied with __copy_from_user_nocache(), which on x86 keeps
 * the data out of the CPU caches where it can.  Like copy_from_iter(),
 * it checks nothing with access_ok(): an iovec-backed iterator must hold
 * checked segments (the syscalls check them).  Kernel memory (ITER_KVEC)
 * and pages (ITER_BVEC) are copied as copy_from_iter() copies them.  A
 * copy from user memory stops where it faults; the iterator is advanced
 * past what was copied, and that is returned.
 */
static size_t nocache_from_user(void *seg, size_t len, size_t done, void *to)
{
	return len - __copy_from_user_nocache(to + done,
					      (const void __force __user *)seg,
					      len);
}

size_t copy_from_iter_nocache(void *addr, size_t bytes, struct iov_iter *i)
{
	if (i->type & ITER_BVEC)
		return copy_from_iter_bvec(addr, bytes, i);
	else if (i->type & ITER_KVEC)
		return seg_walk(i, bytes, kvec_from, addr);
	else
		return seg_walk(i, bytes, nocache_from_user, addr);
}
EXPORT_SYMBOL(copy_from_iter_nocache);
