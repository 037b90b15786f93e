struct sk_buff { int len; };
struct iovec { void *iov_base; unsigned long iov_len; };
struct iov_iter { unsigned long count; };
#define EXPORT_SYMBOL(sym) extern int __export_##sym

extern int csum_partial_copy_fromiovecend(unsigned char *kdata,
					  const struct iovec *iov, int offset,
					  unsigned int len, unsigned int *csump);

/*
 *	And now for the all-in-one: copy and checksum from a user iovec
 *	directly to a datagram
 */
int csum_partial_copy_fromiovecend(unsigned char *kdata,
				   const struct iovec *iov, int offset,
				   unsigned int len, unsigned int *csump)
{
	while (offset >= iov->iov_len) {
		offset -= iov->iov_len;
		iov++;
	}
	*csump += len;
	return 0;
}
EXPORT_SYMBOL(csum_partial_copy_fromiovecend);

/* memcpy_fromiovecend() stays. */
int memcpy_fromiovecend(unsigned char *kdata, const struct iovec *iov,
			int offset, int len);

int memcpy_fromiovecend(unsigned char *kdata, const struct iovec *iov,
			int offset, int len)
{
	return offset + len > iov->iov_len ? -14 : 0;
}
EXPORT_SYMBOL(memcpy_fromiovecend);
