/* Another socket type with an iovec in a ucopy member: not tcp_sock. */
struct foo_sock {
	struct {
		struct task_struct	*task;
		struct iovec		*iov;
	} ucopy;
};

struct tcp_sock {
	struct {
		struct iovec		*iov;
	} fastopen;
};

static void foo_install(struct foo_sock *fs, struct msghdr *msg)
{
	fs->ucopy.iov = msg->msg_iov;
}

static int foo_copy(struct foo_sock *fs, struct sk_buff *skb, int len)
{
	return skb_copy_datagram_iovec(skb, 0, fs->ucopy.iov, len);
}
