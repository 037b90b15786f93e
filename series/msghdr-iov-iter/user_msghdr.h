
/*
 *	The msghdr of sendmsg(), recvmsg(), sendmmsg() and recvmmsg() as user
 *	space passes it: the user ABI, whatever the kernel does with its own
 *	struct msghdr.  Every pointer in it is a user-space one.
 */
struct user_msghdr {
	void __user	*msg_name;	/* ptr to socket address structure */
	int		msg_namelen;	/* size of socket address structure */
	struct iovec __user *msg_iov;	/* scatter/gather array */
	__kernel_size_t	msg_iovlen;	/* # elements in msg_iov */
	void __user	*msg_control;	/* ancillary data */
	__kernel_size_t	msg_controllen;	/* ancillary data buffer length */
	unsigned int	msg_flags;	/* flags on received message */
};
