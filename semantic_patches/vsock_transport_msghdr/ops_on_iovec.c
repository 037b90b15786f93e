struct iovec;
struct msghdr;
struct sockaddr_vm;
struct vsock_sock;

struct vsock_transport {
	int (*dgram_dequeue)(struct kiocb *kiocb, struct vsock_sock *vsk,
			     struct msghdr *msg, size_t len, int flags);
	int (*dgram_enqueue)(struct vsock_sock *, struct sockaddr_vm *,
			     struct iovec *, size_t len);
	bool (*dgram_allow)(u32 cid, u32 port);

	/* STREAM. */
	ssize_t (*stream_dequeue)(struct vsock_sock *, struct iovec *,
				  size_t len, int flags);
	ssize_t (*stream_enqueue)(struct vsock_sock *, struct iovec *,
				  size_t len);
	s64 (*stream_has_data)(struct vsock_sock *);
};

static const struct vsock_transport *transport;

static int vsock_dgram_sendmsg(struct kiocb *kiocb, struct socket *sock,
			       struct msghdr *msg, size_t len)
{
	int err;

	/* XXX: stripping const */
	err = transport->dgram_enqueue(vsk, remote_addr,
				       (struct iovec *)msg->msg_iter.iov, len);
	return err;
}

static int vsock_stream_sendmsg(struct kiocb *kiocb, struct socket *sock,
				struct msghdr *msg, size_t len)
{
	ssize_t written;

	/* XXX: stripping const */
	written = transport->stream_enqueue(
			vsk, (struct iovec *)msg->msg_iter.iov,
			len - total_written);
	return written;
}

static int vsock_stream_recvmsg(struct kiocb *kiocb, struct socket *sock,
				struct msghdr *msg, size_t len, int flags)
{
	ssize_t read;

	/* XXX: stripping const */
	read = transport->stream_dequeue(
			vsk,
			(struct iovec *)msg->msg_iter.iov,
			len - copied, flags);
	return read;
}

static int vmci_transport_dgram_enqueue(
	struct vsock_sock *vsk,
	struct sockaddr_vm *remote_addr,
	struct iovec *iov,
	size_t len)
{
	struct vmci_datagram *dg;

	dg = kmalloc(len + sizeof(*dg), GFP_KERNEL);
	if (!dg)
		return -ENOMEM;

	memcpy_fromiovec(VMCI_DG_PAYLOAD(dg), iov, len);
	return vmci_datagram_send(dg);
}

static ssize_t vmci_transport_stream_dequeue(
	struct vsock_sock *vsk,
	struct iovec *iov,
	size_t len,
	int flags)
{
	if (flags & MSG_PEEK)
		return vmci_qpair_peekv(vmci_trans(vsk)->qpair, iov, len, 0);
	else
		return vmci_qpair_dequev(vmci_trans(vsk)->qpair, iov, len, 0);
}

static ssize_t vmci_transport_stream_enqueue(
	struct vsock_sock *vsk,
	struct iovec *iov,
	size_t len)
{
	return vmci_qpair_enquev(vmci_trans(vsk)->qpair, iov, len, 0);
}
