/*
 * send() and recv() only forward to sendto() and recvfrom(), and
 * demo_sendto() is no syscall: none of them gets a check.
 */
SYSCALL_DEFINE4(send, int, fd, void __user *, buff, size_t, len,
		unsigned int, flags)
{
	return sys_sendto(fd, buff, len, flags, NULL, 0);
}

SYSCALL_DEFINE4(recv, int, fd, void __user *, ubuf, size_t, size,
		unsigned int, flags)
{
	return sys_recvfrom(fd, ubuf, size, flags, NULL, NULL);
}

static ssize_t demo_sendto(int fd, void __user *buff, size_t len,
			   unsigned int flags, void *addr, int addr_len)
{
	struct iovec iov;

	if (len > INT_MAX)
		len = INT_MAX;
	iov.iov_base = buff;
	iov.iov_len = len;
	return demo_queue(fd, &iov, flags, addr, addr_len);
}
