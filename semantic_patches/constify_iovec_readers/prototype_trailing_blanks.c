struct iovec;

/* 3.18 has trailing blanks in this prototype: it is reprinted whole. */
extern int csum_partial_copy_fromiovecend(unsigned char *kdata, 
					  struct iovec *iov, 
					  int offset, 
					  unsigned int len, __wsum *csump);
