/* The two single-buffer paths of a small socket layer. */
SYSCALL_DEFINE6(sendto, int, fd, void __user *, buff, size_t, len,
		unsigned int, flags, struct sockaddr __user *, addr,
		int, addr_len)
{
	struct socket *sock;
	struct msghdr msg;
	struct iovec iov;
	int err, fput_needed;

	if (len > INT_MAX)
		len = INT_MAX;
	sock = sockfd_lookup_light(fd, &err, &fput_needed);
	if (!sock)
		return err;

	iov.iov_base = buff;
	iov.iov_len = len;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	err = demo_sendmsg(sock, &msg, len, addr, addr_len, flags);
	fput_light(sock->file, fput_needed);
	return err;
}

SYSCALL_DEFINE6(recvfrom, int, fd, void __user *, ubuf, size_t, size,
		unsigned int, flags, struct sockaddr __user *, addr,
		int __user *, addr_len)
{
	struct socket *sock;
	struct msghdr msg;
	struct iovec iov;
	int err, fput_needed;

	if (size > INT_MAX)
		size = INT_MAX;
	sock = sockfd_lookup_light(fd, &err, &fput_needed);
	if (!sock)
		return err;

	msg.msg_iovlen = 1;
	msg.msg_iov = &iov;
	iov.iov_len = size;
	iov.iov_base = ubuf;
	err = demo_recvmsg(sock, &msg, size, flags, addr, addr_len);
	fput_light(sock->file, fput_needed);
	return err;
}
