/*
 * Demo tree: the iov_iter constructor of Linux 3.18.  Under KERNEL_DS the
 * iterator is tagged ITER_KVEC; the copy routines still treat it as iovecs.
 */
#include <linux/uio.h>
#include <linux/uaccess.h>

void iov_iter_init(struct iov_iter *i, int direction,
			const struct iovec *iov, unsigned long nr_segs,
			size_t count)
{
	/* It will get better.  Eventually... */
	if (segment_eq(get_fs(), KERNEL_DS))
		direction |= ITER_KVEC;
	i->type = direction;
	i->iov = iov;
	i->nr_segs = nr_segs;
	i->iov_offset = 0;
	i->count = count;
}
EXPORT_SYMBOL(iov_iter_init);
