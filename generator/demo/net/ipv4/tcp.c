/*
 * Demo tree: TCP sendmsg walks the iovec by hand; recvmsg copies out with
 * the consuming helpers and lends the iovec to the prequeue (ucopy).
 */
#include <linux/tcp.h>
#include <linux/uaccess.h>

int tcp_sendmsg(struct kiocb *iocb, struct sock *sk, struct msghdr *msg,
		size_t size)
{
	struct iovec *iov;
	int iovlen, copied = 0;

	lock_sock(sk);
	iovlen = msg->msg_iovlen;
	iov = msg->msg_iov;
	while (--iovlen >= 0) {
		size_t seglen = iov->iov_len;
		unsigned char __user *from = iov->iov_base;

		iov++;
		while (seglen > 0) {
			struct sk_buff *skb;
			int copy = min_t(size_t, seglen, 1024);

			skb = sock_alloc_send_skb(sk, copy, 0, &sk->sk_err);
			if (!skb)
				goto out;
			if (copy_from_user(skb_put(skb, copy), from, copy)) {
				kfree_skb(skb);
				goto out;
			}
			from += copy;
			copied += copy;
			seglen -= copy;
		}
	}
out:
	release_sock(sk);
	return copied;
}

int tcp_recvmsg(struct kiocb *iocb, struct sock *sk, struct msghdr *msg,
		size_t len, int nonblock, int flags, int *addr_len)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;
	int copied = 0, err;

	lock_sock(sk);
	if (flags & MSG_OOB) {
		char c = tp->urg_data;

		err = memcpy_toiovec(msg->msg_iov, (unsigned char *)&c, 1);
		release_sock(sk);
		return err ? err : 1;
	}

	/* Let the prequeue copy straight into the user's buffer. */
	tp->ucopy.task = NULL;
	tp->ucopy.len = len;
	tp->ucopy.iov = msg->msg_iov;

	while (copied < len) {
		size_t used;

		skb = skb_recv_datagram(sk, flags, nonblock, &err);
		if (!skb)
			break;
		used = min_t(size_t, skb->len, len - copied);
		err = skb_copy_datagram_iovec(skb, 0, msg->msg_iov, used);
		skb_free_datagram(sk, skb);
		if (err)
			break;
		copied += used;
	}
	tp->ucopy.task = NULL;
	release_sock(sk);
	return copied ? copied : err;
}
