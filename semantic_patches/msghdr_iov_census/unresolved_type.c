struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr {
	void *msg_name;
	struct iovec *msg_iov;
	unsigned long msg_iovlen;
};

/* lnet_msg_t is defined in a header this file cannot see */
int lnet_walk(lnet_msg_t *msg)
{
	return msg->msg_iov != 0;
}
