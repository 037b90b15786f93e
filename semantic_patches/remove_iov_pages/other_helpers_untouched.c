struct sk_buff { int len; };
struct iovec { void *iov_base; unsigned long iov_len; };
struct iov_iter { unsigned long count; };
#define EXPORT_SYMBOL(sym) extern int __export_##sym

/* iov_iter_npages() stays. */
int iov_iter_npages(const struct iov_iter *i, int maxpages);

int iov_iter_npages(const struct iov_iter *i, int maxpages)
{
	return i->count / 4096 + 1 < maxpages ? i->count / 4096 + 1 : maxpages;
}
EXPORT_SYMBOL(iov_iter_npages);
