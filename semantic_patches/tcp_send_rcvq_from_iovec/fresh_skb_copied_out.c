/* A send path queues a new skb: the copy must fill it from the user. */
int foo_send_queue(struct sock *sk, struct msghdr *msg, size_t size)
{
	struct sk_buff *skb;
	int err = -ENOMEM;

	skb = alloc_skb_with_frags(size - PAGE_SIZE, PAGE_SIZE, 0, &err,
				   sk->sk_allocation);
	if (!skb)
		goto out;

	skb_put(skb, size - PAGE_SIZE);
	skb->data_len = PAGE_SIZE;
	skb->len = size;

	err = skb_copy_datagram_iovec(skb, 0, msg->msg_iov, size);
	if (err)
		goto out_free;

	foo_queue(sk, skb);
	return size;

out_free:
	kfree_skb(skb);
out:
	return err;
}
