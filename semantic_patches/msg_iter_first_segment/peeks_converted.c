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

extern void trace(int);

int udp_sendmsg(struct msghdr *msg, unsigned long len)
{
	if (len >= 4) {
		unsigned short *seq_id = (unsigned short *)((char *)msg->msg_iter.iov->iov_base + 2);

		trace(*seq_id);
	}
	return msg->msg_iter.iov->iov_len > len;
}

int local_peek(void)
{
	struct msghdr m;

	return m.msg_iter.iov->iov_base == 0;
}
