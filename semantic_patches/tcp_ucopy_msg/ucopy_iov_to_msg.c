struct tcp_sock {
	u32	rcv_nxt;
	struct {
		struct sk_buff_head	prequeue;
		struct task_struct	*task;
		struct iovec		*iov;
		int			len;
	} ucopy;
	u32	copied_seq;
};

int foo_recvmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tp->ucopy.task) {
		tp->ucopy.task = current;
		tp->ucopy.iov = msg->msg_iov;
	}
	tp->ucopy.len = len;
	return 0;
}

static void foo_data_queue(struct sock *sk, struct sk_buff *skb, int chunk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!skb_copy_datagram_iovec(skb, 0, tp->ucopy.iov, chunk))
		tp->ucopy.len -= chunk;
}

static int foo_copy_to_iovec(struct sock *sk, struct sk_buff *skb, int hlen)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int err;

	if (skb_csum_unnecessary(skb))
		err = skb_copy_datagram_iovec(skb, hlen, tp->ucopy.iov,
					      skb->len - hlen);
	else
		err = skb_copy_and_csum_datagram_iovec(skb, hlen,
						       tp->ucopy.iov);
	return err;
}
