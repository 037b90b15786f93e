static int foo_sendmsg(struct kiocb *iocb, struct socket *sock,
		       struct msghdr *msg, size_t len)
{
	struct sk_buff *skb = foo_alloc(sock->sk, len);
	struct foo_hdr hdr;
	int err;

	err = memcpy_fromiovec((u8 *)&hdr,
			       msg->msg_iov, sizeof(hdr));
	if (err)
		return err;
	if (memcpy_fromiovec(skb_put(skb,len), msg->msg_iov, len))
		return -EFAULT;
	err = memcpy_fromiovec(page_address(foo_page(skb)) +
			       foo_offset(skb) + len,
			       msg->msg_iov, len);
	if (hdr.more) {
		int rc = memcpy_fromiovec(skb_put(skb, hdr.more), msg->msg_iov,
					  hdr.more);
		return rc;
	}
	return memcpy_fromiovec(skb_put(skb, len), msg->msg_iov, len);
}

static int foo_send_frame(struct foo_request *req, void *buf, int len)
{
	struct msghdr m;

	m.msg_iov = req->iov;
	memcpy_fromiovec(buf, m.msg_iov, len);
	return 0;
}
