/* An Android PPP driver of the kind vendor trees carry: a kvec
 * initializer, the call right after the declarations. */
struct iovec { void *iov_base; unsigned long iov_len; };
struct kvec { void *iov_base; unsigned long iov_len; };
struct msghdr { void *msg_name; struct iovec *msg_iov; unsigned long msg_iovlen;
		unsigned int msg_flags; };
struct sock;
struct proto {
	int (*sendmsg)(void *iocb, struct sock *sk, struct msghdr *m,
		       unsigned long len);
};
struct sock { struct proto *sk_prot; };
struct sk_buff { struct sock *sk; void *data; unsigned long len; };
struct sk_buff *dequeue(void);

void xmit_core(void)
{
	struct sk_buff *skb;

	while ((skb = dequeue())) {
		struct sock *sk_udp = skb->sk;
		struct kvec iov = {.iov_base = skb->data, .iov_len = skb->len};
		struct msghdr msg = {
			.msg_iov = (struct iovec *)&iov,
			.msg_iovlen = 1,
			.msg_flags = 0,
		};
		sk_udp->sk_prot->sendmsg(0, sk_udp, &msg, skb->len);
	}
}
