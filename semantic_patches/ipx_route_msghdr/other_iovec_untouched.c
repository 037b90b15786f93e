struct iovec;
struct sock;
struct sockaddr_ipx;

/* Another router's function of the same shape: not IPX's. */
int spxrtr_route_packet(struct sock *sk, struct sockaddr_ipx *usipx,
			struct iovec *iov, size_t len, int noblock)
{
	struct sk_buff *skb = alloc_skb(len, 0);

	return memcpy_fromiovec(skb_put(skb, len), iov, len);
}

/* An iovec that is not a msghdr's: ipxrtr_route_packet() is not reached. */
static int ipx_send_iov(struct sock *sk, struct sockaddr_ipx *usipx,
			struct iovec *iov, size_t len)
{
	return spxrtr_route_packet(sk, usipx, iov, len, 0);
}
