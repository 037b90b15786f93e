#include <sys/socket.h>

int send_fd(int fd, struct iovec *iov)
{
	struct msghdr msg;

	msg.msg_iov = iov;
	msg.msg_iovlen = 1;
	return sendmsg(fd, &msg, 0);
}
