
/**
 *	skb_copy_and_csum_datagram_msg - Copy and checksum skb to a msghdr
 *	@skb: skbuff
 *	@hlen: hardware length
 *	@msg: destination: its msg_iter is advanced past what was copied
 *
 *	When the iterator's current segment holds the whole chunk, copy and
 *	checksum in one pass; otherwise checksum first, then copy.
 *
 *	Returns 0, -EINVAL if the checksum is wrong, or -EFAULT.
 */
int skb_copy_and_csum_datagram_msg(struct sk_buff *skb,
				   int hlen, struct msghdr *msg)
{
	struct iovec seg;
	__wsum csum;
	int chunk = skb->len - hlen;

	if (!chunk)
		return 0;

	/* msg_iter is iovec-backed (a kvec under KERNEL_DS, too). */
	seg = iov_iter_iovec(&msg->msg_iter);
	if (seg.iov_len < chunk) {
		if (__skb_checksum_complete(skb))
			goto csum_error;
		if (skb_copy_datagram_iter(skb, hlen, &msg->msg_iter, chunk))
			goto fault;
	} else {
		csum = csum_partial(skb->data, hlen, skb->csum);
		if (skb_copy_and_csum_datagram(skb, hlen, seg.iov_base,
					       chunk, &csum))
			goto fault;
		if (csum_fold(csum))
			goto csum_error;
		if (unlikely(skb->ip_summed == CHECKSUM_COMPLETE))
			netdev_rx_csum_fault(skb->dev);
		iov_iter_advance(&msg->msg_iter, chunk);
	}
	return 0;
csum_error:
	return -EINVAL;
fault:
	return -EFAULT;
}
EXPORT_SYMBOL(skb_copy_and_csum_datagram_msg);
