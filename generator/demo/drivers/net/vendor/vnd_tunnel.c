/*
 * Demo tree: a vendor driver of the kind SoC kernels carry.  It pushes
 * each buffer of a batch straight into the transport of a kernel socket,
 * building the msghdr with a designated initializer inside the loop.
 */
#include <linux/socket.h>
#include <linux/uio.h>
#include <net/sock.h>

int vnd_tunnel_xmit_batch(struct sock *sk, void **bufs, size_t *lens, int n)
{
	int i, sent = 0;

	for (i = 0; i < n; i++) {
		struct iovec iov = {
			.iov_base = (void __user *)bufs[i],
			.iov_len = lens[i],
		};
		struct msghdr msg = {
			.msg_iov = &iov,
			.msg_iovlen = 1,
			.msg_flags = MSG_DONTWAIT,
		};
		int err;

		err = sk->sk_prot->sendmsg(NULL, sk, &msg, lens[i]);
		if (err < 0)
			return sent ? sent : err;
		sent += err;
	}
	return sent;
}
