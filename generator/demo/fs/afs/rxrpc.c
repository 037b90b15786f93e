/*
 * Demo tree: a filesystem client that sends a request from a kernel buffer.
 */
#include <linux/net.h>

struct afs_call {
	struct socket *sock;
	void *request;
	size_t request_size;
};

int afs_send_request(struct afs_call *call)
{
	struct msghdr msg;
	struct kvec iov[1];

	iov[0].iov_base = call->request;
	iov[0].iov_len = call->request_size;

	msg.msg_name = NULL;
	msg.msg_namelen = 0;
	msg.msg_iov = (struct iovec *) iov;
	msg.msg_iovlen = 1;
	msg.msg_control = NULL;
	msg.msg_controllen = 0;
	msg.msg_flags = 0;

	return sock_sendmsg(call->sock, &msg, call->request_size);
}
