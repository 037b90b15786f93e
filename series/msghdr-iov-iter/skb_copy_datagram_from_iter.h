int skb_copy_datagram_from_iter(struct sk_buff *skb, int offset,
				struct iov_iter *from, int len);
