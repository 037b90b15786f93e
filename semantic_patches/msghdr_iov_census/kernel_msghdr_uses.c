struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr {
	void *msg_name;
	struct iovec *msg_iov;
	unsigned long msg_iovlen;
};
struct user_msghdr {
	void *msg_name;
	struct iovec *msg_iov;
	unsigned long msg_iovlen;
};
struct other_msg;

int copy_out(struct iovec *iov, void *data, int len);

int recv_one(struct msghdr *msg, void *data, int len)
{
	return copy_out(msg->msg_iov, data, len);
}

int count_segments(struct msghdr m)
{
	return m.msg_iovlen;
}

int build(struct iovec *vec, int n)
{
	struct msghdr built = {
		.msg_name = 0,
		.msg_iov = vec,
	};

	built.msg_iovlen = n;
	return count_segments(built);
}

int userland_layout(struct user_msghdr *umsg)
{
	struct user_msghdr copy = *umsg;

	return umsg->msg_iovlen + copy.msg_iovlen;
}

int unknown_type(struct other_msg *o);
