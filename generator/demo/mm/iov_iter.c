/*
 * Demo tree: the iov_iter primitives of Linux 3.18.  Each primitive picks
 * the bvec or the iovec version of its copy; the per-kind copies, static in
 * the kernel, are only declared here.  Under KERNEL_DS iov_iter_init() tags
 * the iterator ITER_KVEC; the copy routines still treat it as iovecs.
 */
#include <linux/uio.h>
#include <linux/pagemap.h>
#include <linux/uaccess.h>

size_t copy_to_iter_iovec(void *from, size_t bytes, struct iov_iter *i);
size_t copy_from_iter_iovec(void *to, size_t bytes, struct iov_iter *i);
size_t copy_page_to_iter_iovec(struct page *page, size_t offset,
			       size_t bytes, struct iov_iter *i);
size_t copy_page_from_iter_iovec(struct page *page, size_t offset,
				 size_t bytes, struct iov_iter *i);
size_t zero_iovec(size_t bytes, struct iov_iter *i);
size_t copy_from_user_atomic_iovec(struct page *page,
		struct iov_iter *i, unsigned long offset, size_t bytes);
ssize_t get_pages_iovec(struct iov_iter *i, struct page **pages,
			size_t maxsize, unsigned maxpages, size_t *start);
ssize_t get_pages_alloc_iovec(struct iov_iter *i, struct page ***pages,
			      size_t maxsize, size_t *start);

size_t copy_to_iter_bvec(void *from, size_t bytes, struct iov_iter *i);
size_t copy_from_iter_bvec(void *to, size_t bytes, struct iov_iter *i);
size_t copy_page_to_iter_bvec(struct page *page, size_t offset,
			      size_t bytes, struct iov_iter *i);
size_t copy_page_from_iter_bvec(struct page *page, size_t offset,
				size_t bytes, struct iov_iter *i);
size_t zero_bvec(size_t bytes, struct iov_iter *i);
size_t copy_from_user_bvec(struct page *page,
		struct iov_iter *i, unsigned long offset, size_t bytes);
ssize_t get_pages_bvec(struct iov_iter *i, struct page **pages,
		       size_t maxsize, unsigned maxpages, size_t *start);
ssize_t get_pages_alloc_bvec(struct iov_iter *i, struct page ***pages,
			     size_t maxsize, size_t *start);

/*
 * Fault in the first iovec of the given iov_iter, to a maximum length
 * of bytes. Returns 0 on success, or non-zero if the memory could not be
 * accessed (ie. because it is an invalid address).
 */
int iov_iter_fault_in_readable(struct iov_iter *i, size_t bytes)
{
	if (!(i->type & ITER_BVEC)) {
		char __user *buf = i->iov->iov_base + i->iov_offset;
		bytes = min(bytes, i->iov->iov_len - i->iov_offset);
		return fault_in_pages_readable(buf, bytes);
	}
	return 0;
}
EXPORT_SYMBOL(iov_iter_fault_in_readable);

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

size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes,
			 struct iov_iter *i)
{
	if (i->type & ITER_BVEC)
		return copy_page_to_iter_bvec(page, offset, bytes, i);
	else
		return copy_page_to_iter_iovec(page, offset, bytes, i);
}
EXPORT_SYMBOL(copy_page_to_iter);

size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes,
			 struct iov_iter *i)
{
	if (i->type & ITER_BVEC)
		return copy_page_from_iter_bvec(page, offset, bytes, i);
	else
		return copy_page_from_iter_iovec(page, offset, bytes, i);
}
EXPORT_SYMBOL(copy_page_from_iter);

size_t copy_to_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	if (i->type & ITER_BVEC)
		return copy_to_iter_bvec(addr, bytes, i);
	else
		return copy_to_iter_iovec(addr, bytes, i);
}
EXPORT_SYMBOL(copy_to_iter);

size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	if (i->type & ITER_BVEC)
		return copy_from_iter_bvec(addr, bytes, i);
	else
		return copy_from_iter_iovec(addr, bytes, i);
}
EXPORT_SYMBOL(copy_from_iter);

size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	if (i->type & ITER_BVEC) {
		return zero_bvec(bytes, i);
	} else {
		return zero_iovec(bytes, i);
	}
}
EXPORT_SYMBOL(iov_iter_zero);

size_t iov_iter_copy_from_user_atomic(struct page *page,
		struct iov_iter *i, unsigned long offset, size_t bytes)
{
	if (i->type & ITER_BVEC)
		return copy_from_user_bvec(page, i, offset, bytes);
	else
		return copy_from_user_atomic_iovec(page, i, offset, bytes);
}
EXPORT_SYMBOL(iov_iter_copy_from_user_atomic);

ssize_t iov_iter_get_pages(struct iov_iter *i,
		   struct page **pages, size_t maxsize, unsigned maxpages,
		   size_t *start)
{
	if (i->type & ITER_BVEC)
		return get_pages_bvec(i, pages, maxsize, maxpages, start);
	else
		return get_pages_iovec(i, pages, maxsize, maxpages, start);
}
EXPORT_SYMBOL(iov_iter_get_pages);

ssize_t iov_iter_get_pages_alloc(struct iov_iter *i,
		   struct page ***pages, size_t maxsize,
		   size_t *start)
{
	if (i->type & ITER_BVEC)
		return get_pages_alloc_bvec(i, pages, maxsize, start);
	else
		return get_pages_alloc_iovec(i, pages, maxsize, start);
}
EXPORT_SYMBOL(iov_iter_get_pages_alloc);
