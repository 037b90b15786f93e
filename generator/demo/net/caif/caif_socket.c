/*
 * Demo tree: a protocol that peeks at the first iovec segment.
 */
#include <net/sock.h>

int caif_seqpkt_sendmsg(struct kiocb *kiocb, struct socket *sock,
			struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk;
	struct sk_buff *skb;
	int err;

	/* A NULL buffer would make the copy below fault half way through. */
	if (msg->msg_iovlen == 0 || msg->msg_iov->iov_base == NULL)
		return -EINVAL;

	skb = sock_alloc_send_skb(sk, len, 0, &err);
	if (!skb)
		return err;
	err = memcpy_fromiovec(skb_put(skb, len), msg->msg_iov, len);
	kfree_skb(skb);
	return err ? err : (int)len;
}

int caif_seqpkt_recvmsg(struct kiocb *iocb, struct socket *sock,
			struct msghdr *m, size_t len, int flags)
{
	struct sock *sk = sock->sk;
	struct sk_buff *skb;
	int copylen, ret;

	skb = skb_recv_datagram(sk, flags, 0, &ret);
	if (!skb)
		return ret;
	copylen = skb->len;
	if (len < copylen) {
		m->msg_flags |= MSG_TRUNC;
		copylen = len;
	}
	ret = skb_copy_datagram_iovec(skb, 0, m->msg_iov, copylen);
	if (!ret)
		ret = copylen;
	skb_free_datagram(sk, skb);
	return ret;
}
