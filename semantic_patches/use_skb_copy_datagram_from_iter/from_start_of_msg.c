/* The copies from the start of a msghdr's data, and the stream loop. */
int packet_snd(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sk_buff *skb = alloc(len);
	int offset = 16;
	int err;

	err = skb_copy_datagram_from_iovec(skb, offset, msg->msg_iter.iov, 0,
					   len);
	return err;
}

static int unix_stream_sendmsg(struct kiocb *kiocb, struct socket *sock,
			       struct msghdr *msg, size_t len)
{
	struct sk_buff *skb;
	int sent = 0;
	int size, err;

	while (sent < len) {
		size = len - sent;
		skb = alloc(size);
		err = skb_copy_datagram_from_iovec(skb, 0, msg->msg_iter.iov,
						   sent, size);
		if (err)
			return err;
		sent += size;
	}
	return sent;
}
