static int foo_recvmsg(struct kiocb *iocb, struct sock *sk,
		       struct msghdr *msg, size_t len, int noblock)
{
	struct sk_buff *skb = foo_dequeue(sk);
	int err;

	if (foo_csum_unnecessary(skb))
		err = skb_copy_datagram_iovec(skb, 0, msg->msg_iov, len);
	else
		err = skb_copy_and_csum_datagram_iovec(skb, sizeof(struct foohdr), msg->msg_iov);
	if (err == -EINVAL)
		return err;
	if (skb_copy_and_csum_datagram_iovec(skb,
					     sizeof(struct foohdr),
					     msg->msg_iov))
		return -EFAULT;
	return skb_copy_and_csum_datagram_iovec(skb, 0, msg->msg_iov);
}
