struct foo_request {
	struct msghdr *data;
	size_t size;
};

static int foo_recvmsg(struct kiocb *iocb, struct socket *sock,
		       struct msghdr *msg, size_t len, int flags)
{
	struct sk_buff *skb = foo_dequeue(sock->sk);
	int copied = skb->len, err;

	err = skb_copy_datagram_iovec(skb, 0, msg->msg_iov, copied);
	if (err)
		return err;
	if (flags & MSG_PEEK) {
		int rc = skb_copy_datagram_iovec(skb, sizeof(struct foohdr),
						 msg->msg_iov, copied);
		return rc;
	}
	skb_copy_datagram_iovec(skb, 0, msg->msg_iov, copied);
	if (skb_copy_datagram_iovec(skb, FOO_CB(skb)->offset + copied,
				    msg->msg_iov, len - copied))
		return -EFAULT;
	return skb_copy_datagram_iovec(skb, 0, msg->msg_iov, copied);
}

static int foo_peek(struct sk_buff *skb, struct foo_request *req)
{
	struct msghdr m;

	m.msg_iov = foo_iov(req);
	if (skb_copy_datagram_iovec(skb, 0, m.msg_iov, req->size))
		return -EFAULT;
	return skb_copy_datagram_iovec(skb, 0, req->data->msg_iov, req->size);
}
