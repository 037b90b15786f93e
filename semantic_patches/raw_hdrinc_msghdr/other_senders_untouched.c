struct iovec;
struct sock;

/* Another sender of the same shape: not the raw sockets'. */
static int dgram_send_hdrinc(struct sock *sk, const void *from, int length)
{
	u8 buf[64];

	return memcpy_fromiovecend(buf, from, 0, length);
}

/* The raw sender called with an iovec that is not a msghdr's. */
static int raw_send_kernel_iov(struct sock *sk, const struct iovec *iov,
			       int len)
{
	return dgram_send_hdrinc(sk, iov, len);
}
