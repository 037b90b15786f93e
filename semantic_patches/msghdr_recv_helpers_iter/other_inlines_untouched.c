struct iovec;
struct msghdr;

/* The send side stays on the array; other copies are not helpers. */
static inline int memcpy_from_msg(void *data, struct msghdr *msg, int len)
{
	return memcpy_fromiovec(data, (struct iovec *)msg->msg_iter.iov, len);
}

static inline int copy_to_ring(struct iovec *iov, void *data, int len)
{
	return memcpy_toiovec(iov, data, len);
}
