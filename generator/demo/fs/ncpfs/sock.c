/*
 * Demo tree: the NCP client's send wrapper, in the shape of 3.18's
 * fs/ncpfs/sock.c.
 *
 * Unknown: do_send() passes on the kvec its callers give it; what state
 * the kvec must be left in is up to them, and the audit rules look at
 * one function at a time.
 */
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uio.h>

static inline int do_send(struct socket *sock, struct kvec *vec, int count,
			  int len, unsigned flags)
{
	struct msghdr msg = { .msg_flags = flags };

	return kernel_sendmsg(sock, &msg, vec, count, len);
}

int ncp_send_header(struct socket *sock, void *hdr, int len)
{
	struct kvec vec = { .iov_base = hdr, .iov_len = len };

	return do_send(sock, &vec, 1, len, MSG_DONTWAIT);
}
