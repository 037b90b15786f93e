/* A size that can outgrow the kvec: it becomes the iterator's count.
 * (3.19's drbd_send() advances its kvec by hand but passes the total.) */
static int send_all(struct socket *sock, void *buf, size_t size)
{
	struct kvec iov;
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	int sent = 0, rv;

	iov.iov_base = buf;
	iov.iov_len = size;
	do {
		rv = kernel_sendmsg(sock, &msg, &iov, 1, size);
		if (rv <= 0)
			break;
		sent += rv;
		iov.iov_base += rv;
		iov.iov_len -= rv;
	} while (sent < size);
	return sent;
}
