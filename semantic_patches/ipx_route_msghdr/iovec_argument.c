struct iovec;
struct msghdr;
struct sock;
struct sockaddr_ipx;

int ipxrtr_route_packet(struct sock *sk, struct sockaddr_ipx *usipx,
			struct iovec *iov, size_t len, int noblock);

int ipxrtr_route_packet(struct sock *sk, struct sockaddr_ipx *usipx,
			struct iovec *iov, size_t len, int noblock)
{
	struct sk_buff *skb;
	int rc;

	skb = sock_alloc_send_skb(sk, len, noblock, &rc);
	if (!skb)
		goto out;
	rc = memcpy_fromiovec(skb_put(skb, len), iov, len);
	if (rc) {
		kfree_skb(skb);
		goto out;
	}
	rc = ipxitf_send(skb);
out:
	return rc;
}

static int ipx_sendmsg(struct kiocb *iocb, struct socket *sock,
	struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk;
	struct sockaddr_ipx local_sipx;
	struct sockaddr_ipx *usipx = &local_sipx;
	int rc;

	/* XXX: stripping const */
	rc = ipxrtr_route_packet(sk, usipx, (struct iovec *)msg->msg_iter.iov,
				 len,
				 flags & MSG_DONTWAIT);
	if (rc >= 0)
		rc = len;
	return rc;
}
