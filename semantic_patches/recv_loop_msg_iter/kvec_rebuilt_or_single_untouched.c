/* Callers that do not rely on the kvec being advanced are left alone. */
struct msghdr {
	void		*msg_name;
	int		msg_namelen;
	struct iov_iter	msg_iter;
	void		*msg_control;
	__kernel_size_t	msg_controllen;
	unsigned int	msg_flags;
};

/* The kvec is built afresh before every call (nbd, usbip). */
static int recv_all(struct socket *sock, void *buf, int size)
{
	struct msghdr msg;
	struct kvec iov;
	int result;

	do {
		iov.iov_base = buf;
		iov.iov_len = size;
		memset(&msg, 0, sizeof(msg));
		result = kernel_recvmsg(sock, &msg, &iov, 1, size, MSG_WAITALL);
		if (result <= 0)
			return result;
		size -= result;
		buf += result;
	} while (size > 0);
	return 0;
}

/* A single call. */
static int recv_once(struct socket *sock, void *buf, int size)
{
	struct kvec iov = { .iov_base = buf, .iov_len = size };
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };

	return kernel_recvmsg(sock, &msg, &iov, 1, size, MSG_DONTWAIT);
}

/* The msghdr is cleared in the loop: an iterator set up before the loop
 * would not survive it, so this one is left for a human. */
static int recv_cleared(struct socket *sock, struct kvec *iov, int n, int size)
{
	struct msghdr msg;
	int got, total = 0;

	while (total < size) {
		memset(&msg, 0, sizeof(msg));
		got = kernel_recvmsg(sock, &msg, iov, n, size - total, 0);
		if (got <= 0)
			return got;
		total += got;
	}
	return total;
}
