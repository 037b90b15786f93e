static int foo_copy_out(struct iovec *to, struct sk_buff *skb, int len)
{
	return memcpy_toiovec(to, skb->data, len);
}

struct foo_lnet_msg {
	struct iovec *msg_iov;
};

static int foo_lnet_copy(struct foo_lnet_msg *lmsg, void *data, int len)
{
	return memcpy_toiovec(lmsg->msg_iov, data, len);
}

static int foo_recv_end(struct msghdr *msg, void *data, int off, int len)
{
	/* offset-based copy: not this rule */
	return memcpy_toiovecend(msg->msg_iov, data, off, len);
}
