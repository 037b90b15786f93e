struct vmci_qp;

/* The buffer calls take a plain buffer: they stay. */
ssize_t vmci_qpair_enqueue(struct vmci_qp *qpair,
			   const void *buf, size_t buf_size, int mode);
ssize_t vmci_qpair_dequeue(struct vmci_qp *qpair,
			   void *buf, size_t buf_size, int mode);

ssize_t vmci_qpair_enqueue(struct vmci_qp *qpair,
			   const void *buf,
			   size_t buf_size,
			   int buf_type)
{
	if (!qpair || !buf)
		return VMCI_ERROR_INVALID_ARGS;
	return qp_enqueue_locked(qpair, buf, buf_size, qp_memcpy_to_queue);
}

/* A copy routine of another driver, on an iovec of its own. */
static int other_memcpy_to_queue(void *va, const void *src, size_t to_copy)
{
	struct iovec *iov = (struct iovec *)src;
	int err;

	err = memcpy_fromiovec(va, iov, to_copy);
	if (err != 0)
		return -EFAULT;
	return 0;
}
