/* Callers that rely on the kvec being advanced by the call: class (ii). */

/* A receive loop on the same kvec, counting the bytes (iscsit_do_rx_data). */
static int rx_data(struct conn *conn, struct kvec *vec, int nr, int data)
{
	struct kvec *iov_p = vec;
	struct msghdr msg;
	int total = 0, got;

	memset(&msg, 0, sizeof(msg));
	while (total < data) {
		got = kernel_recvmsg(conn->sock, &msg, iov_p, nr,
				     data - total, MSG_WAITALL);
		if (got <= 0)
			return got;
		total += got;
	}
	return total;
}

/* A receive loop that does not count: it still read on in 3.18. */
static void drain(struct socket *sock, struct kvec *iov, int nr, int len)
{
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };

	while (kernel_recvmsg(sock, &msg, iov, nr, len, MSG_DONTWAIT) > 0)
		;
}

/* Header, then body, into the same kvec array. */
static int rx_two_parts(struct socket *sock, struct kvec *iov, int hlen, int blen)
{
	struct msghdr msg = { .msg_flags = 0 };
	int ret;

	ret = kernel_recvmsg(sock, &msg, iov, 2, hlen, MSG_WAITALL);
	if (ret < hlen)
		return -EIO;
	return kernel_recvmsg(sock, &msg, iov, 2, blen, MSG_WAITALL);
}

/* A send loop that counts the bytes on an untouched kvec. */
static int tx_all(struct socket *sock, struct kvec *iov, int nr, int len)
{
	struct msghdr msg = { .msg_flags = 0 };
	int sent = 0, ret;

	do {
		ret = kernel_sendmsg(sock, &msg, iov, nr, len - sent);
		if (ret < 0)
			return ret;
		sent += ret;
	} while (sent < len);
	return sent;
}
