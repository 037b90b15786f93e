struct iovec;
struct iov_iter;
struct msghdr;
struct rds_message;

int rds_message_copy_from_user(struct rds_message *rm,
			       const struct iovec *first_iov,
			       size_t total_len);

int rds_message_copy_from_user(struct rds_message *rm,
			       const struct iovec *first_iov,
			       size_t total_len)
{
	unsigned long to_copy;
	unsigned long iov_off;
	unsigned long sg_off;
	const struct iovec *iov;
	struct scatterlist *sg;
	int ret = 0;

	sg = rm->data.op_sg;
	iov = first_iov;
	iov_off = 0;
	sg_off = 0;

	while (total_len) {
		while (iov_off == iov->iov_len) {
			iov_off = 0;
			iov++;
		}

		to_copy = min(iov->iov_len - iov_off, sg->length - sg_off);
		to_copy = min_t(size_t, to_copy, total_len);

		rdsdebug("copying %lu bytes from user iov [%p, %zu] + %lu\n",
			 to_copy, iov->iov_base, iov->iov_len, iov_off);

		ret = rds_page_copy_from_user(sg_page(sg), sg->offset + sg_off,
					      iov->iov_base + iov_off,
					      to_copy);
		if (ret)
			goto out;

		iov_off += to_copy;
		total_len -= to_copy;
		sg_off += to_copy;

		if (sg_off == sg->length)
			sg++;
	}

out:
	return ret;
}

int rds_sendmsg(struct kiocb *iocb, struct socket *sock, struct msghdr *msg,
		size_t payload_len)
{
	struct rds_message *rm = rds_message_alloc(1, GFP_KERNEL);
	int ret;

	rdsdebug("sending %zu bytes\n", payload_len);
	ret = rds_message_copy_from_user(rm, msg->msg_iter.iov,
					 payload_len);
	return ret ? ret : payload_len;
}
