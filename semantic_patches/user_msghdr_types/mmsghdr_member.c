/* Only the user ABI structure struct mmsghdr changes. */
struct mmsghdr {
	struct msghdr   msg_hdr;
	unsigned int        msg_len;
};

struct demo_queue_entry {
	struct msghdr	msg;
	unsigned int	len;
};
