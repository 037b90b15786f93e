/*
 * Demo tree: the socket system calls, reduced to the paths that build,
 * fill and copy a struct msghdr.
 */
#include <linux/net.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <net/compat.h>

struct socket *sockfd_lookup(int fd, int *err);
void sockfd_put(struct socket *sock);

int sock_sendmsg(struct socket *sock, struct msghdr *msg, size_t size)
{
	return sock->ops->sendmsg(NULL, sock, msg, size);
}
EXPORT_SYMBOL(sock_sendmsg);

int sock_recvmsg(struct socket *sock, struct msghdr *msg, size_t size,
		 int flags)
{
	return sock->ops->recvmsg(NULL, sock, msg, size, flags);
}
EXPORT_SYMBOL(sock_recvmsg);

int kernel_sendmsg(struct socket *sock, struct msghdr *msg,
		   struct kvec *vec, size_t num, size_t size)
{
	mm_segment_t oldfs = get_fs();
	int result;

	set_fs(KERNEL_DS);
	/* kvec and iovec have the same layout */
	msg->msg_iov = (struct iovec *)vec;
	msg->msg_iovlen = num;
	result = sock_sendmsg(sock, msg, size);
	set_fs(oldfs);
	return result;
}
EXPORT_SYMBOL(kernel_sendmsg);

/**
 * kernel_recvmsg - Receive a message from a socket (kernel space)
 * @sock: The socket to receive the message from
 * @msg: Received message
 * @vec: Input s/g array for message data
 * @num: Size of input s/g array
 * @size: Number of bytes to read
 * @flags: Message flags (MSG_DONTWAIT, etc...)
 *
 * On return the msg structure contains the scatter/gather array passed in the
 * vec argument. The array is modified so that it consists of the unfilled
 * portion of the original array.
 */
int kernel_recvmsg(struct socket *sock, struct msghdr *msg,
		   struct kvec *vec, size_t num, size_t size, int flags)
{
	mm_segment_t oldfs = get_fs();
	int result;

	set_fs(KERNEL_DS);
	msg->msg_iov = (struct iovec *)vec, msg->msg_iovlen = num;
	result = sock_recvmsg(sock, msg, size, flags);
	set_fs(oldfs);
	return result;
}
EXPORT_SYMBOL(kernel_recvmsg);

/* The aio write path: the iovec comes from the file layer. */
ssize_t do_sock_write(struct msghdr *msg, struct kiocb *iocb,
		      struct file *file, const struct iovec *iov,
		      unsigned long nr_segs)
{
	struct socket *sock = file->private_data;
	size_t size = 0;
	unsigned long i;

	for (i = 0; i < nr_segs; i++)
		size += iov[i].iov_len;

	msg->msg_name = NULL;
	msg->msg_namelen = 0;
	msg->msg_control = NULL;
	msg->msg_controllen = 0;
	msg->msg_iov = (struct iovec *)iov;
	msg->msg_iovlen = nr_segs;
	msg->msg_flags = (file->f_flags & O_NONBLOCK) ? MSG_DONTWAIT : 0;

	return sock_sendmsg(sock, msg, size);
}

SYSCALL_DEFINE6(sendto, int, fd, void __user *, buff, size_t, len,
		unsigned int, flags, struct sockaddr __user *, addr,
		int, addr_len)
{
	struct socket *sock;
	struct sockaddr_storage address;
	int err;
	struct msghdr msg;
	struct iovec iov;

	if (len > INT_MAX)
		len = INT_MAX;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;

	iov.iov_base = buff;
	iov.iov_len = len;
	msg.msg_name = NULL;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = NULL;
	msg.msg_controllen = 0;
	msg.msg_namelen = 0;
	if (addr) {
		err = move_addr_to_kernel(addr, addr_len, &address);
		if (err < 0)
			goto out_put;
		msg.msg_name = (struct sockaddr *)&address;
		msg.msg_namelen = addr_len;
	}
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	msg.msg_flags = flags;
	err = sock_sendmsg(sock, &msg, len);

out_put:
	sockfd_put(sock);
	return err;
}

SYSCALL_DEFINE6(recvfrom, int, fd, void __user *, ubuf, size_t, size,
		unsigned int, flags, struct sockaddr __user *, addr,
		int __user *, addr_len)
{
	struct socket *sock;
	struct iovec iov;
	struct msghdr msg;
	int err;

	if (size > INT_MAX)
		size = INT_MAX;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;

	msg.msg_control = NULL;
	msg.msg_controllen = 0;
	msg.msg_iovlen = 1;
	msg.msg_iov = &iov;
	iov.iov_len = size;
	iov.iov_base = ubuf;
	msg.msg_name = NULL;
	msg.msg_namelen = 0;
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	err = sock_recvmsg(sock, &msg, size, flags);

	sockfd_put(sock);
	return err;
}

static int copy_msghdr_from_user(struct msghdr *kmsg,
				 struct msghdr __user *umsg)
{
	if (copy_from_user(kmsg, umsg, sizeof(struct msghdr)))
		return -EFAULT;

	if (kmsg->msg_name == NULL)
		kmsg->msg_namelen = 0;

	if (kmsg->msg_namelen < 0)
		return -EINVAL;

	if (kmsg->msg_namelen > sizeof(struct sockaddr_storage))
		kmsg->msg_namelen = sizeof(struct sockaddr_storage);
	return 0;
}

static int ___sys_sendmsg(struct socket *sock, struct msghdr __user *msg,
			  struct msghdr *msg_sys, unsigned int flags)
{
	struct compat_msghdr __user *msg_compat =
	    (struct compat_msghdr __user *)msg;
	struct sockaddr_storage address;
	struct iovec iovstack[UIO_FASTIOV], *iov = iovstack;
	int err, total_len;

	if (MSG_CMSG_COMPAT & flags)
		err = get_compat_msghdr(msg_sys, msg_compat);
	else
		err = copy_msghdr_from_user(msg_sys, msg);
	if (err)
		return err;

	if (msg_sys->msg_iovlen > UIO_FASTIOV) {
		err = -EMSGSIZE;
		if (msg_sys->msg_iovlen > UIO_MAXIOV)
			goto out;
		err = -ENOMEM;
		iov = kmalloc(msg_sys->msg_iovlen * sizeof(struct iovec),
			      GFP_KERNEL);
		if (!iov)
			goto out;
	}

	/* This will also move the address data into kernel space */
	if (MSG_CMSG_COMPAT & flags)
		err = verify_compat_iovec(msg_sys, iov, &address, VERIFY_READ);
	else
		err = verify_iovec(msg_sys, iov, &address, VERIFY_READ);
	if (err < 0)
		goto out_freeiov;
	total_len = err;

	msg_sys->msg_flags = flags;
	if (sock->file->f_flags & O_NONBLOCK)
		msg_sys->msg_flags |= MSG_DONTWAIT;
	err = sock_sendmsg(sock, msg_sys, total_len);

out_freeiov:
	if (iov != iovstack)
		kfree(iov);
out:
	return err;
}

long __sys_sendmsg(int fd, struct msghdr __user *msg, unsigned flags)
{
	int err;
	struct msghdr msg_sys;
	struct socket *sock;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = ___sys_sendmsg(sock, msg, &msg_sys, flags);
	sockfd_put(sock);
	return err;
}

SYSCALL_DEFINE3(sendmsg, int, fd, struct msghdr __user *, msg, unsigned int, flags)
{
	return __sys_sendmsg(fd, msg, flags);
}

int __sys_sendmmsg(int fd, struct mmsghdr __user *mmsg, unsigned int vlen,
		   unsigned int flags)
{
	int err, datagrams = 0;
	struct socket *sock;
	struct mmsghdr __user *entry = mmsg;
	struct msghdr msg_sys;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	while (datagrams < vlen) {
		err = ___sys_sendmsg(sock, (struct msghdr __user *)entry,
				     &msg_sys, flags);
		if (err < 0)
			break;
		++entry;
		++datagrams;
	}
	sockfd_put(sock);
	return datagrams ? datagrams : err;
}

static int ___sys_recvmsg(struct socket *sock, struct msghdr __user *msg,
			  struct msghdr *msg_sys, unsigned int flags)
{
	struct compat_msghdr __user *msg_compat =
	    (struct compat_msghdr __user *)msg;
	struct iovec iovstack[UIO_FASTIOV];
	struct iovec *iov = iovstack;
	int err, total_len, len;
	struct sockaddr_storage addr;

	if (MSG_CMSG_COMPAT & flags)
		err = get_compat_msghdr(msg_sys, msg_compat);
	else
		err = copy_msghdr_from_user(msg_sys, msg);
	if (err)
		return err;

	if (msg_sys->msg_iovlen > UIO_FASTIOV) {
		err = -EMSGSIZE;
		if (msg_sys->msg_iovlen > UIO_MAXIOV)
			goto out;
		err = -ENOMEM;
		iov = kmalloc(msg_sys->msg_iovlen * sizeof(struct iovec),
			      GFP_KERNEL);
		if (!iov)
			goto out;
	}

	if (MSG_CMSG_COMPAT & flags)
		err = verify_compat_iovec(msg_sys, iov, &addr, VERIFY_WRITE);
	else
		err = verify_iovec(msg_sys, iov, &addr, VERIFY_WRITE);
	if (err < 0)
		goto out_freeiov;
	total_len = err;

	msg_sys->msg_flags = flags & MSG_CMSG_COMPAT;
	msg_sys->msg_namelen = 0;
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	err = sock_recvmsg(sock, msg_sys, total_len, flags);
	if (err < 0)
		goto out_freeiov;
	len = err;
	err = len;

out_freeiov:
	if (iov != iovstack)
		kfree(iov);
out:
	return err;
}

long __sys_recvmsg(int fd, struct msghdr __user *msg, unsigned flags)
{
	int err;
	struct msghdr msg_sys;
	struct socket *sock;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = ___sys_recvmsg(sock, msg, &msg_sys, flags);
	sockfd_put(sock);
	return err;
}

SYSCALL_DEFINE3(recvmsg, int, fd, struct msghdr __user *, msg,
		unsigned int, flags)
{
	return __sys_recvmsg(fd, msg, flags);
}
