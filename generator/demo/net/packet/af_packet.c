/*
 * Demo tree: AF_PACKET with a virtio-net header in front of the data.
 */
#include <net/sock.h>

struct virtio_net_hdr {
	u8	flags;
	u8	gso_type;
	u16	hdr_len;
	u16	gso_size;
};

int packet_snd(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk;
	struct virtio_net_hdr vnet_hdr = { 0 };
	int vnet_hdr_len = sizeof(vnet_hdr);
	struct sk_buff *skb;
	int err;

	if (len < vnet_hdr_len)
		return -EINVAL;
	/* Consumes the header from msg_iov ... */
	err = memcpy_fromiovec((void *)&vnet_hdr, msg->msg_iov, vnet_hdr_len);
	if (err < 0)
		return err;
	len -= vnet_hdr_len;

	skb = sock_alloc_send_skb(sk, len, 0, &err);
	if (!skb)
		return err;
	skb_put(skb, len);
	/* ... so the data starts at offset 0 of what is left. */
	err = skb_copy_datagram_from_iovec(skb, 0, msg->msg_iov, 0, len);
	if (err) {
		kfree_skb(skb);
		return err;
	}
	kfree_skb(skb);
	return len;
}

int packet_recvmsg(struct kiocb *iocb, struct socket *sock,
		   struct msghdr *msg, size_t len, int flags)
{
	struct sock *sk = sock->sk;
	struct virtio_net_hdr vnet_hdr = { 0 };
	struct sk_buff *skb;
	int copied, err;

	skb = skb_recv_datagram(sk, flags, flags & MSG_DONTWAIT, &err);
	if (!skb)
		return err;
	if (len < sizeof(vnet_hdr)) {
		err = -EINVAL;
		goto out_free;
	}
	len -= sizeof(vnet_hdr);
	err = memcpy_toiovec(msg->msg_iov, (void *)&vnet_hdr,
			     sizeof(vnet_hdr));
	if (err < 0)
		goto out_free;

	copied = skb->len;
	if (copied > len) {
		copied = len;
		msg->msg_flags |= MSG_TRUNC;
	}
	err = skb_copy_datagram_iovec(skb, 0, msg->msg_iov, copied);
	if (!err)
		err = copied;
out_free:
	skb_free_datagram(sk, skb);
	return err;
}
