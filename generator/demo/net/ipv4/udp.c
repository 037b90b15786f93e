/*
 * Demo tree: UDP, the datagram send and receive paths.
 */
#include <linux/skbuff.h>
#include <net/ip.h>

int udp_sendmsg(struct kiocb *iocb, struct sock *sk, struct msghdr *msg,
		size_t len)
{
	int err;

	if (len > 0xFFFF)
		return -EMSGSIZE;
	lock_sock(sk);
	/* The payload is copied from msg_iov at increasing offsets. */
	err = ip_append_data(sk, ip_generic_getfrag, msg->msg_iov, len,
			     sizeof(struct udphdr), msg->msg_flags);
	if (!err)
		err = ip_push_pending_frames(sk);
	release_sock(sk);
	return err ? err : (int)len;
}

int udp_recvmsg(struct kiocb *iocb, struct sock *sk, struct msghdr *msg,
		size_t len, int noblock, int flags, int *addr_len)
{
	struct sk_buff *skb;
	unsigned int ulen, copied;
	int err;

	skb = skb_recv_datagram(sk, flags, noblock, &err);
	if (!skb)
		return err;

	ulen = skb->len - sizeof(struct udphdr);
	copied = len;
	if (copied > ulen)
		copied = ulen;
	else if (copied < ulen)
		msg->msg_flags |= MSG_TRUNC;

	if (copied < ulen || skb_csum_unnecessary(skb))
		err = skb_copy_datagram_iovec(skb, sizeof(struct udphdr),
					      msg->msg_iov, copied);
	else
		err = skb_copy_and_csum_datagram_iovec(skb,
						       sizeof(struct udphdr),
						       msg->msg_iov);
	if (!err)
		err = copied;
	skb_free_datagram(sk, skb);
	return err;
}
