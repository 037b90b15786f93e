/* A header that also declares a kernel-side msghdr user. */
struct msghdr;

long demo_recvmsg(int fd, struct msghdr __user *msg, unsigned flags);
int demo_put_cmsg(struct msghdr *msg, int level, int type, int len,
		  void *data);
