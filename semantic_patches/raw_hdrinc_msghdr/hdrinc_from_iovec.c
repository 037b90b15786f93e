struct msghdr;
struct sock;

static int raw_send_hdrinc(struct sock *sk, struct flowi4 *fl4,
			   const void *from, size_t length,
			   struct rtable **rtp,
			   unsigned int flags)
{
	struct sk_buff *skb;
	struct iphdr *iph;
	int err;

	skb = sock_alloc_send_skb(sk, length, flags & MSG_DONTWAIT, &err);
	if (skb == NULL)
		return err;
	iph = ip_hdr(skb);
	skb_put(skb, length);
	err = -EFAULT;
	if (memcpy_fromiovecend((void *)iph, from, 0, length))
		goto error_free;
	return dst_output(skb);

error_free:
	kfree_skb(skb);
	return err;
}

static int raw_sendmsg(struct kiocb *iocb, struct sock *sk, struct msghdr *msg,
		       size_t len)
{
	struct flowi4 fl4;
	struct rtable *rt = NULL;

	return raw_send_hdrinc(sk, &fl4, msg->msg_iter.iov, len,
			       &rt, msg->msg_flags);
}
