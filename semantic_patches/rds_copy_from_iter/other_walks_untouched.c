struct iovec;
struct rds_incoming;
struct rds_message;

/* The receive side's walk copies to the user: not this rule's. */
int rds_message_inc_copy_to_user(struct rds_incoming *inc,
				 const struct iovec *first_iov, size_t size)
{
	const struct iovec *iov = first_iov;
	unsigned long iov_off = 0;
	unsigned long to_copy;
	int ret;

	while (iov_off == iov->iov_len) {
		iov_off = 0;
		iov++;
	}
	to_copy = min(iov->iov_len - iov_off, size);
	ret = rds_page_copy_to_user(page, 0, iov->iov_base + iov_off,
				    to_copy);
	return ret ? ret : to_copy;
}

/* An iovec that is not a msghdr's. */
static int rds_copy_kernel_iov(struct rds_message *rm,
			       const struct iovec *iov, size_t len)
{
	return rds_message_copy_from_user(rm, iov, len);
}
