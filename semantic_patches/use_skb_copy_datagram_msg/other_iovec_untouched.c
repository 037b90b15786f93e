/* Not a struct msghdr, although it has a msg_iov field. */
struct foo_lnet_msg {
	struct iovec *msg_iov;
	unsigned int msg_niov;
};

struct foo_sock {
	struct {
		struct iovec *iov;
		int len;
	} ucopy;
};

static int foo_read(struct sk_buff *skb, char __user *buf, size_t count)
{
	struct iovec iov = { .iov_base = buf, .iov_len = count };

	return skb_copy_datagram_iovec(skb, 0, &iov, skb->len);
}

static int foo_lnet_recv(struct sk_buff *skb, struct foo_lnet_msg *lmsg)
{
	return skb_copy_datagram_iovec(skb, 0, lmsg->msg_iov, skb->len);
}

static int foo_prequeue(struct foo_sock *tp, struct sk_buff *skb, int chunk)
{
	return skb_copy_datagram_iovec(skb, 0, tp->ucopy.iov, chunk);
}

static int foo_urg(struct msghdr *msg, char c)
{
	/* another helper: converted by its own rule */
	return memcpy_toiovec(msg->msg_iov, &c, 1);
}
