/*
 * Demo tree: drbd's send loop, in the shape of drbd_send() before its
 * size argument was fixed (3.19 has this shape; 3.18.140 passes
 * iov.iov_len).
 *
 * Class (iii): it advances its kvec by hand after a partial send.  And
 * its size argument can exceed the kvec: the kvec is shortened after a
 * partial send but the size stays the total, and with an iov_iter the
 * size becomes the iterator's count.
 */
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uio.h>

int drbd_send(struct socket *sock, void *buf, size_t size, unsigned flags)
{
	struct msghdr msg = { .msg_flags = flags | MSG_NOSIGNAL };
	struct kvec iov;
	int rv, sent = 0;

	iov.iov_base = buf;
	iov.iov_len = size;

	do {
		rv = kernel_sendmsg(sock, &msg, &iov, 1, size);
		if (rv == -EAGAIN)
			continue;
		if (rv < 0)
			break;
		sent += rv;
		iov.iov_base += rv;
		iov.iov_len -= rv;
	} while (sent < size);

	return sent ? sent : rv;
}
