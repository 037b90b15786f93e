/*
 * After "put iov_iter into msghdr": struct msghdr carries msg_iter, and
 * kernel_recvmsg() initialises it from the kvec on every call.
 */
struct msghdr {
	void		*msg_name;
	int		msg_namelen;
	struct iov_iter	msg_iter;
	void		*msg_control;
	__kernel_size_t	msg_controllen;
	unsigned int	msg_flags;
};

/* iscsit_do_rx_data(): loops until all the data has arrived. */
static int rx_data(struct conn *conn, struct data_count *count)
{
	int data = count->data_length, rx_loop = 0, total_rx = 0, iov_len;
	struct kvec *iov_p;
	struct msghdr msg;

	memset(&msg, 0, sizeof(struct msghdr));
	iov_p = count->iov;
	iov_len = count->iov_count;

	while (total_rx < data) {
		rx_loop = kernel_recvmsg(conn->sock, &msg, iov_p, iov_len,
					 (data - total_rx), MSG_WAITALL);
		if (rx_loop <= 0)
			return rx_loop;
		total_rx += rx_loop;
	}
	return total_rx;
}

/* The same with a do-while loop and a kvec array on the stack. */
static int rx_header(struct socket *sock, struct hdr *hdr, void *pad)
{
	struct kvec iov[2];
	struct msghdr msg = { .msg_flags = MSG_WAITALL };
	int got, left = sizeof(*hdr) + 4;

	iov[0].iov_base = hdr;
	iov[0].iov_len = sizeof(*hdr);
	iov[1].iov_base = pad;
	iov[1].iov_len = 4;
	do {
		got = kernel_recvmsg(sock, &msg, iov, 2, left, MSG_WAITALL);
		if (got <= 0)
			return got;
		left -= got;
	} while (left > 0);
	return 0;
}
