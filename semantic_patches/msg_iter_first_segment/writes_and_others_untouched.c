struct iovec {
	void *iov_base;
	unsigned long iov_len;
};

struct iov_iter {
	int type;
	unsigned long iov_offset;
	unsigned long count;
	const struct iovec *iov;
	unsigned long nr_segs;
};

struct msghdr {
	void *msg_name;
	int msg_namelen;
	struct iov_iter msg_iter;
	unsigned int msg_flags;
};

struct other {
	struct iov_iter msg_iter;
};

void writes(struct msghdr *msg, void *p)
{
	void **where = &msg->msg_iter.iov->iov_base;

	msg->msg_iter.iov->iov_len = 0;
	*where = p;
}

void *local_address(void)
{
	struct msghdr m;

	return &m.msg_iter.iov->iov_base;
}

int another_struct(struct other *o, struct iov_iter *it)
{
	return o->msg_iter.iov->iov_base == 0 && it->iov->iov_len == 0;
}
