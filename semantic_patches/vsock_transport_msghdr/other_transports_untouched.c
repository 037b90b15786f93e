struct iovec;
struct msghdr;
struct vsock_sock;

/* Not vsock's transport: a struct of the same shape stays. */
struct vhost_transport {
	ssize_t (*stream_enqueue)(struct vsock_sock *, struct iovec *,
				  size_t len);
};

/* An iovec that is not a msghdr's is passed as it is. */
static ssize_t vhost_send(const struct vhost_transport *t,
			  struct vsock_sock *vsk, struct iovec *iov, size_t len)
{
	return t->stream_enqueue(vsk, iov, len);
}

/* Another transport's enqueue, not VMCI's. */
static ssize_t virtio_transport_stream_enqueue(struct vsock_sock *vsk,
					       struct iovec *iov, size_t len)
{
	return virtio_enquev(vsk, iov, len);
}
