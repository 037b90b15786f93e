/* A size of 0 copies nothing: the kvec is left as it was (class iv). */

/* Peek at the next packet's length, then read it (Qualcomm's diag socket). */
static int read_packets(struct socket *sock, char *temp, int bytes_remaining)
{
	struct msghdr read_msg = {};
	struct kvec iov;
	int pkt_len, read_len;

	do {
		iov.iov_base = temp;
		iov.iov_len = bytes_remaining;
		pkt_len = kernel_recvmsg(sock, &read_msg, &iov, 1, 0, MSG_PEEK);
		if (pkt_len <= 0)
			break;
		if (pkt_len > bytes_remaining)
			break;
		read_len = kernel_recvmsg(sock, &read_msg, &iov, 1, pkt_len, 0);
		if (read_len <= 0)
			return read_len;
		temp += read_len;
		bytes_remaining -= read_len;
	} while (bytes_remaining > 0);
	return 0;
}

/* A size that is not 0 before the second call: still the loop's (ii). */
static int read_on(struct socket *sock, char *buf, int size)
{
	struct msghdr msg = {};
	struct kvec iov = { buf, size };
	int got, total = 0;

	got = kernel_recvmsg(sock, &msg, &iov, 1, 1, MSG_PEEK);
	while (total < size) {
		got = kernel_recvmsg(sock, &msg, &iov, 1, size - total, 0);
		if (got <= 0)
			return got;
		total += got;
	}
	return total;
}
