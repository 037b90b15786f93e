/* A header whose only msghdr users are user pointers. */
struct iovec;
struct msghdr;
struct mmsghdr;

long demo_sendmsg(int fd, struct msghdr __user *msg, unsigned flags);
long demo_sendmmsg(int fd, struct mmsghdr __user *msg,
		   unsigned int vlen, unsigned flags);
