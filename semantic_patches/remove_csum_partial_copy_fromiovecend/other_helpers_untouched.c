struct sk_buff { int len; };
struct iovec { void *iov_base; unsigned long iov_len; };
struct iov_iter { unsigned long count; };
#define EXPORT_SYMBOL(sym) extern int __export_##sym

/* memcpy_fromiovecend() stays. */
int memcpy_fromiovecend(unsigned char *kdata, const struct iovec *iov,
			int offset, int len);

int memcpy_fromiovecend(unsigned char *kdata, const struct iovec *iov,
			int offset, int len)
{
	return offset + len > iov->iov_len ? -14 : 0;
}
EXPORT_SYMBOL(memcpy_fromiovecend);
