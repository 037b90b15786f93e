struct iovec;
struct iov_iter;
struct msghdr;
struct rds_incoming;

struct rds_transport {
	char			t_name[TRANSNAMSIZ];
	int (*inc_copy_to_user)(struct rds_incoming *inc,
				const struct iovec *iov, size_t size);
	void (*inc_free)(struct rds_incoming *inc);
};

int rds_ib_inc_copy_to_user(struct rds_incoming *inc,
			    const struct iovec *iov, size_t size);

int rds_ib_inc_copy_to_user(struct rds_incoming *inc,
			    const struct iovec *first_iov, size_t size)
{
	struct rds_page_frag *frag;
	const struct iovec *iov = first_iov;
	unsigned long to_copy;
	unsigned long frag_off = 0;
	unsigned long iov_off = 0;
	int copied = 0;
	int ret;
	u32 len;

	frag = rds_ib_first_frag(inc);
	len = be32_to_cpu(inc->i_hdr.h_len);

	while (copied < size && copied < len) {
		while (iov_off == iov->iov_len) {
			iov_off = 0;
			iov++;
		}

		to_copy = min(iov->iov_len - iov_off, RDS_FRAG_SIZE - frag_off);
		to_copy = min_t(size_t, to_copy, size - copied);

		rdsdebug("%lu bytes to user [%p, %zu] + %lu\n",
			 to_copy, iov->iov_base, iov->iov_len, iov_off);

		ret = rds_page_copy_to_user(sg_page(&frag->f_sg),
					    frag->f_sg.offset + frag_off,
					    iov->iov_base + iov_off,
					    to_copy);
		if (ret) {
			copied = ret;
			break;
		}

		iov_off += to_copy;
		frag_off += to_copy;
		copied += to_copy;
	}

	return copied;
}

int rds_tcp_inc_copy_to_user(struct rds_incoming *inc,
			     const struct iovec *first_iov, size_t size)
{
	struct rds_tcp_incoming *tinc;
	const struct iovec *iov;
	struct iovec tmp;
	struct sk_buff *skb;
	unsigned long to_copy, skb_off;
	int ret = 0;

	tinc = container_of(inc, struct rds_tcp_incoming, ti_inc);
	iov = first_iov;
	tmp = *iov;

	skb_queue_walk(&tinc->ti_skb_list, skb) {
		skb_off = 0;
		while (skb_off < skb->len) {
			while (tmp.iov_len == 0) {
				iov++;
				tmp = *iov;
			}

			to_copy = min(tmp.iov_len, size);
			to_copy = min(to_copy, skb->len - skb_off);

			rdsdebug("ret %d iov_base %p iov_len %zu cpy %lu\n",
				 ret, tmp.iov_base, tmp.iov_len, to_copy);

			if (skb_copy_datagram_iovec(skb, skb_off, &tmp,
						    to_copy)) {
				ret = -EFAULT;
				goto out;
			}

			size -= to_copy;
			ret += to_copy;
			skb_off += to_copy;
			if (size == 0)
				goto out;
		}
	}
out:
	return ret;
}

int rds_recvmsg(struct kiocb *iocb, struct socket *sock, struct msghdr *msg,
		size_t size, int msg_flags)
{
	struct rds_incoming *inc = rds_first_incoming(sock);

	return inc->i_conn->c_trans->inc_copy_to_user(inc,
			msg->msg_iter.iov, size);
}
