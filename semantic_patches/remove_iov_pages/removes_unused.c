struct sk_buff { int len; };
struct iovec { void *iov_base; unsigned long iov_len; };
struct iov_iter { unsigned long count; };
#define EXPORT_SYMBOL(sym) extern int __export_##sym

extern unsigned long iov_pages(const struct iovec *iov, int offset,
			       unsigned long nr_segs);

unsigned long iov_pages(const struct iovec *iov, int offset,
			unsigned long nr_segs)
{
	unsigned long seg;
	int pages = 0;

	for (seg = 0; seg < nr_segs; seg++)
		pages += iov[seg].iov_len / 4096 + 1;
	return pages;
}
EXPORT_SYMBOL(iov_pages);

/* iov_iter_npages() stays. */
int iov_iter_npages(const struct iov_iter *i, int maxpages);

int iov_iter_npages(const struct iov_iter *i, int maxpages)
{
	return i->count / 4096 + 1 < maxpages ? i->count / 4096 + 1 : maxpages;
}
EXPORT_SYMBOL(iov_iter_npages);
