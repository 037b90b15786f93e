struct iovec { void *iov_base; unsigned long iov_len; };
struct sctp_chunk;
struct sock;

int sctp_user_addto_chunk(struct sctp_chunk *chunk, int off, int len,
			  struct iovec *data);
int memcpy_fromiovecend(unsigned char *kdata, const struct iovec *iov,
			int offset, int len);

/* Reads the array it is given: its parameter becomes const. */
int sctp_user_addto_chunk(struct sctp_chunk *chunk, int off, int len,
			  struct iovec *data)
{
	unsigned char target[64];

	return memcpy_fromiovecend(target, data, off, len);
}

int rds_message_copy_from_user(void *rm, struct iovec *first_iov,
			       unsigned long total_len)
{
	struct iovec *iov;
	unsigned long len = 0;

	iov = first_iov;
	while (len < total_len)
		len += iov++->iov_len;
	return 0;
}

static int raw_send_hdrinc(struct sock *sk, void *from, unsigned long length)
{
	unsigned char buf[64];

	return memcpy_fromiovecend(buf, from, 0, length);
}

/* Not in the list: left alone. */
int other_reader(struct iovec *iov)
{
	return iov->iov_len;
}
