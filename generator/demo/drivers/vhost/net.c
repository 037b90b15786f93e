/*
 * Demo tree: vhost-net hands the guest's buffers to a socket.
 */
#include <linux/net.h>

struct vhost_virtqueue {
	struct iovec iov[64];
	unsigned int out;
	unsigned int in;
	struct socket *sock;
};

int vhost_handle_tx(struct vhost_virtqueue *vq, size_t len)
{
	struct msghdr msg = {
		.msg_name = NULL,
		.msg_namelen = 0,
		.msg_control = NULL,
		.msg_controllen = 0,
		.msg_iov = vq->iov,
		.msg_flags = MSG_DONTWAIT,
	};

	msg.msg_iovlen = vq->out;
	return vq->sock->ops->sendmsg(NULL, vq->sock, &msg, len);
}

int vhost_handle_rx(struct vhost_virtqueue *vq, size_t sock_len)
{
	struct msghdr msg = {
		.msg_name = NULL,
		.msg_namelen = 0,
		.msg_control = NULL, /* FIXME: get and handle RX aux data. */
		.msg_controllen = 0,
		.msg_iov = vq->iov,
		.msg_flags = MSG_DONTWAIT,
	};

	msg.msg_iovlen = vq->in;
	return vq->sock->ops->recvmsg(NULL, vq->sock, &msg, sock_len,
				      MSG_DONTWAIT | MSG_TRUNC);
}
