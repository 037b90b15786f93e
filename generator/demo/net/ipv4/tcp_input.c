/*
 * Demo tree: the TCP prequeue copies to the reader's iovec (ucopy).
 */
#include <linux/tcp.h>

int tcp_copy_to_iovec(struct sock *sk, struct sk_buff *skb, int hlen)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int chunk = skb->len - hlen;
	int err;

	if (skb_csum_unnecessary(skb))
		err = skb_copy_datagram_iovec(skb, hlen, tp->ucopy.iov, chunk);
	else
		err = skb_copy_and_csum_datagram_iovec(skb, hlen,
						       tp->ucopy.iov);
	if (!err) {
		tp->ucopy.len -= chunk;
		tp->copied_seq += chunk;
	}
	return err;
}

struct sk_buff *alloc_skb(unsigned int size, gfp_t priority);
int tcp_queue_rcv(struct sock *sk, struct sk_buff *skb);

/* TCP repair: queue data written by the user straight to the receive queue. */
int tcp_send_rcvq(struct sock *sk, struct msghdr *msg, size_t size)
{
	struct sk_buff *skb;
	int err = -ENOMEM;

	if (size == 0)
		return 0;
	skb = alloc_skb(size, GFP_KERNEL);
	if (!skb)
		return err;
	skb_put(skb, size);
	/* 3.18.y's backport copies in the wrong direction here. */
	err = skb_copy_datagram_iovec(skb, 0, msg->msg_iov, size);
	if (err) {
		kfree_skb(skb);
		return err;
	}
	tcp_queue_rcv(sk, skb);
	return size;
}
