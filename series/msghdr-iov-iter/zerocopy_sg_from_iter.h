int zerocopy_sg_from_iter(struct sk_buff *skb, struct iov_iter *from);
