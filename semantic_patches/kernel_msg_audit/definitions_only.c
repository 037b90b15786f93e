/* The definitions and exports are not callers: nothing to report. */
int kernel_sendmsg(struct socket *sock, struct msghdr *msg,
		   struct kvec *vec, size_t num, size_t size)
{
	return sock_sendmsg(sock, msg, size);
}
EXPORT_SYMBOL(kernel_sendmsg);

/**
 * kernel_recvmsg - Receive a message from a socket (kernel space)
 */
int kernel_recvmsg(struct socket *sock, struct msghdr *msg,
		   struct kvec *vec, size_t num, size_t size, int flags)
{
	return sock_recvmsg(sock, msg, size, flags);
}
EXPORT_SYMBOL(kernel_recvmsg);
