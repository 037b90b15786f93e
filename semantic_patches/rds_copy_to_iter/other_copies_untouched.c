struct iovec;
struct rds_incoming;

/* Not an ->inc_copy_to_user() implementation: its walk stays. */
int rds_ib_copy_frag_to_user(struct rds_incoming *inc,
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
	if (ret)
		return ret;
	return to_copy;
}

/* An iovec that is not a msghdr's. */
static int rds_copy_to_kernel_iov(struct rds_incoming *inc,
				  const struct iovec *iov, size_t size)
{
	return inc->i_conn->c_trans->inc_copy_to_user(inc, iov, size);
}
