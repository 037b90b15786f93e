struct iovec { void *iov_base; unsigned long iov_len; };
struct icmphdr { int type; };

struct pingfakehdr {
	struct icmphdr icmph;
	struct iovec *iov;
	unsigned short family;
	unsigned int wcheck;
};

extern int csum_partial_copy_fromiovecend(unsigned char *kdata,
					  struct iovec *iov,
					  int offset,
					  unsigned int len, __wsum *csump);

int csum_partial_copy_fromiovecend(unsigned char *kdata, struct iovec *iov,
				   int offset, unsigned int len, __wsum *csump)
{
	while (offset >= iov->iov_len) {
		offset -= iov->iov_len;
		iov++;
	}
	return 0;
}
