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
