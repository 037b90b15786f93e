/* Offsets into the array elsewhere, and iovecs not of a msghdr. */
int vnet_send(struct msghdr *msg, struct sk_buff *skb, int hdr, int len)
{
	return skb_copy_datagram_from_iovec(skb, 0, msg->msg_iter.iov, hdr,
					    len);
}

static ssize_t tun_get_user(struct sk_buff *skb, const struct iovec *iv,
			    int offset, size_t len)
{
	return skb_copy_datagram_from_iovec(skb, 0, iv, 0, len);
}

static int other_sendmsg(struct msghdr *msg, struct sk_buff *skb,
			 size_t len)
{
	int sent = 0;

	while (sent < len) {
		if (skb_copy_datagram_from_iovec(skb, 0, msg->msg_iter.iov,
						 sent, 1))
			return -EFAULT;
		sent++;
	}
	return sent;
}
