/*
 * Demo tree: two receives of the RPC server, in the shape of 3.18's
 * net/sunrpc/svcsock.c.
 *
 * Class (iv): each call gets a kvec built for it (or none at all), and
 * nothing looks at the kvec afterwards.
 */
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uio.h>

struct svc_sock {
	struct socket *sk_sock;
	u32 sk_reclen;
};

/* Read the 4-byte record marker of a stream transport. */
static int svc_read_marker(struct svc_sock *svsk)
{
	struct kvec iov = {
		.iov_base = &svsk->sk_reclen,
		.iov_len = sizeof(svsk->sk_reclen),
	};
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };

	return kernel_recvmsg(svsk->sk_sock, &msg, &iov, 1, iov.iov_len,
			      MSG_DONTWAIT);
}

/* Is there a datagram waiting?  A peek without any data. */
static int svc_udp_peek(struct svc_sock *svsk)
{
	struct msghdr msg = { .msg_flags = MSG_PEEK | MSG_DONTWAIT };

	return kernel_recvmsg(svsk->sk_sock, &msg, NULL, 0, 0,
			      MSG_PEEK | MSG_DONTWAIT);
}

int svc_poll(struct svc_sock *svsk)
{
	if (svc_udp_peek(svsk) < 0)
		return svc_read_marker(svsk);
	return 0;
}
