struct iovec { void *iov_base; unsigned long iov_len; };
struct msghdr { struct iovec *msg_iov; unsigned long msg_iovlen; };
struct user_msghdr { struct iovec *msg_iov; unsigned long msg_iovlen; };

/* A write the builder rule did not understand: left for the census. */
void odd_builder(struct msghdr *m, struct iovec *iov)
{
	m->msg_iov = iov;
	m->msg_iovlen = 1;
}

/* Not the kernel-side msghdr. */
unsigned long user_segments(struct user_msghdr *umsg)
{
	return umsg->msg_iovlen;
}
