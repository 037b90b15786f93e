struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { struct iovec *msg_iov; unsigned long msg_iovlen; };
struct vsock_transport {
	int (*stream_enqueue)(void *vsk, struct iovec *iov, unsigned long len);
};

int memcpy_fromiovec(unsigned char *kdata, struct iovec *iov, int len);
int sctp_user_addto_chunk(void *chunk, int off, int len,
			  const struct iovec *data);
int tipc_sendmcast(struct iovec *iov, unsigned long dsz);

static inline int memcpy_from_msg(void *data, struct msghdr *msg, int len)
{
	return memcpy_fromiovec(data, msg->msg_iov, len);
}

int enqueue(const struct vsock_transport *transport, void *vsk,
	    struct msghdr *msg, unsigned long len)
{
	return transport->stream_enqueue(vsk, msg->msg_iov, len);
}

int add_chunk(void *chunk, struct msghdr *msgh, int len)
{
	return sctp_user_addto_chunk(chunk, 0, len, msgh->msg_iov);
}

int multicast(struct msghdr *m, unsigned long dsz)
{
	struct iovec *iov = m->msg_iov;

	return tipc_sendmcast(iov, dsz);
}
