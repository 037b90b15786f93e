/* Callers that never look at the kvec after the call: class (iv). */

/* One call on a local kvec (bluetooth, ipvs, ...). */
static int send_frame(struct socket *sock, unsigned char *data, int len)
{
	struct kvec iv = { data, len };
	struct msghdr msg;

	memset(&msg, 0, sizeof(msg));
	return kernel_sendmsg(sock, &msg, &iv, 1, len);
}

/* A loop that builds its kvec afresh before every call (nbd, usbip). */
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

/* The kvec is declared inside the loop body (libcfs). */
static int read_timeout(struct socket *sock, void *buffer, int nob)
{
	int rc;

	for (;;) {
		struct kvec iov = {
			.iov_base = buffer,
			.iov_len = nob
		};
		struct msghdr msg = { .msg_flags = 0 };

		rc = kernel_recvmsg(sock, &msg, &iov, 1, nob, 0);
		if (rc <= 0)
			return rc;
		buffer += rc;
		nob -= rc;
		if (nob == 0)
			return 0;
	}
}

/* No data at all: a peek, or an end-of-stream marker (sunrpc, dlm). */
static int peek(struct socket *sock)
{
	struct msghdr msg = { .msg_flags = MSG_PEEK | MSG_DONTWAIT };

	return kernel_recvmsg(sock, &msg, NULL, 0, 0, MSG_PEEK | MSG_DONTWAIT);
}

/* A kvec kept in a structure, set just before the call (mISDN). */
static int send_frame_kept(struct l1oip *hc, struct socket *socket, void *frame, int len)
{
	hc->sendiov.iov_base = frame;
	hc->sendiov.iov_len = len;
	return kernel_sendmsg(socket, &hc->sendmsg, &hc->sendiov, 1, len);
}
