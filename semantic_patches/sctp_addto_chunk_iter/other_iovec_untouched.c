struct iovec;
struct sctp_chunk;

/* Another chunk filler of the same shape: not SCTP's. */
int dccp_user_addto_chunk(struct sctp_chunk *chunk, int off, int len,
			  const struct iovec *data)
{
	int err;

	if ((err = memcpy_fromiovecend(skb_put(chunk->skb, len), data, off,
				       len)))
		return err;
	return 0;
}

/* An iovec that is not a msghdr's: the offset stays. */
static int sctp_fill_from_iov(struct sctp_chunk *chunk,
			      const struct iovec *iov, int len)
{
	int offset = 0;

	return sctp_user_addto_chunk(chunk, offset, len, iov);
}

/* The fixed-data filler takes no iovec. */
static void sctp_fill_fixed(struct sctp_chunk *chunk, const void *data)
{
	sctp_addto_chunk(chunk, 4, data);
}
