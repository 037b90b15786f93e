struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { struct iovec *msg_iov; unsigned long msg_iovlen; };
struct lnet_msg { struct iovec *msg_iov; unsigned int msg_iovlen; };

/* A vendor trace of a sequence number, the shape of MediaTek's udp_sendmsg(). */
int seq(struct msghdr *msg)
{
	unsigned short *seq_id = (unsigned short *)((char *)msg->msg_iov->iov_base + 2);

	return *seq_id + (int)msg->msg_iovlen;
}

int first(struct msghdr msg)
{
	return (long)msg.msg_iov + (int)msg.msg_iovlen;
}

/* Not a struct msghdr: left alone. */
int other(struct lnet_msg *lm)
{
	return (int)lm->msg_iovlen + (long)((char *)lm->msg_iov->iov_base);
}
